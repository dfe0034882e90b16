import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  addProvider,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';

// The console's setup pages show what a manager set up before: rooms, weekly hours, overrides,
// time off and holidays. What is past is left out; another organization's is not theirs to read.

let h: IdentityApp;
let org: Org;
let manager: Client;
let providerId: string;
const base = () => `/api/organizations/${org.slug}`;

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'setup-reads');
  providerId = await addProvider(h, org);
  manager = await signIn(h, await addAccount(h, org, { roles: ['manager'] }));
});
afterAll(() => h.close());

describe('the setup rules a manager reads back', () => {
  it('lists what was added, in the shapes it was written in, and leaves out what is past', async () => {
    const today = h.clock.now().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const rule = { providerId, locationId: org.locationId };
    const added = await Promise.all([
      manager.post(`${base()}/resources`, {
        locationId: org.locationId,
        name: 'Room 1',
        kind: 'room',
      }),
      manager.post(`${base()}/working-hours`, {
        ...rule,
        weekday: 2,
        startTime: '09:00',
        endTime: '12:30',
      }),
      manager.post(`${base()}/date-overrides`, { ...rule, date: `${year + 1}-01-05` }),
      manager.post(`${base()}/date-overrides`, { ...rule, date: `${year - 1}-01-05` }),
      manager.post(`${base()}/time-off`, {
        providerId,
        start: `${year + 1}-02-01T14:00:00Z`,
        end: `${year + 1}-02-03T14:00:00Z`,
        reasonCode: 'training',
      }),
      manager.post(`${base()}/holidays`, { date: `${year + 1}-07-04`, name: 'Independence Day' }),
      manager.post(`${base()}/holidays`, { date: `${year - 1}-07-04`, name: 'Long ago' }),
    ]);
    expect(added.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201, 201]);

    const res = await manager.get(`${base()}/setup-rules`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.resources).toEqual([
      { id: added[0]!.json().id, locationId: org.locationId, name: 'Room 1', kind: 'room' },
    ]);
    expect(body.workingHours).toEqual([
      {
        id: added[1]!.json().id,
        ...rule,
        weekday: 2,
        startTime: '09:00',
        endTime: '12:30',
        effectiveFrom: null,
        effectiveTo: null,
      },
    ]);
    expect(body.dateOverrides).toEqual([
      {
        id: added[2]!.json().id,
        ...rule,
        date: `${year + 1}-01-05`,
        startTime: null,
        endTime: null,
      },
    ]);
    expect(body.timeOff).toEqual([
      {
        id: added[4]!.json().id,
        providerId,
        start: `${year + 1}-02-01T14:00:00Z`,
        end: `${year + 1}-02-03T14:00:00Z`,
        reasonCode: 'training',
      },
    ]);
    expect(body.holidays).toEqual([{ date: `${year + 1}-07-04`, name: 'Independence Day' }]);
  });

  it('is not for the front desk, nor for a manager of another clinic', async () => {
    const desk = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    expect((await desk.get(`${base()}/setup-rules`)).statusCode).toBe(403);
    const other = await addOrganization(h, 'setup-other');
    const stranger = await signIn(h, await addAccount(h, other, { roles: ['manager'] }));
    expect((await stranger.get(`${base()}/setup-rules`)).statusCode).toBe(404);
  });
});

describe('the session policy an admin reads back', () => {
  it('is the defaults until changed, then the change', async () => {
    const admin = await signIn(h, await addAccount(h, org, { roles: ['admin'] }));
    const before = await admin.get('/api/admin/session-policy');
    expect(before.json()).toEqual({
      workforceIdleMinutes: 15,
      workforceAbsoluteHours: 12,
      patientIdleMinutes: 30,
      patientAbsoluteHours: 24,
    });
    const policy = {
      workforceIdleMinutes: 10,
      workforceAbsoluteHours: 8,
      patientIdleMinutes: 20,
      patientAbsoluteHours: 12,
    };
    // Changing it needs a fresh step-up; a new sign-in is one.
    const changed = await admin.request('PUT', '/api/admin/session-policy', policy);
    expect(changed.statusCode).toBe(204);
    expect((await admin.get('/api/admin/session-policy')).json()).toEqual(policy);
    expect((await manager.get('/api/admin/session-policy')).statusCode).toBe(403);
  });
});

describe('the invitations an admin reads back', () => {
  it('lists those waiting, with the address they went to, until accepted or expired', async () => {
    const admin = await signIn(h, await addAccount(h, org, { roles: ['admin'] }));
    const sent = await admin.post('/api/admin/invitations', {
      email: 'Pat.Waiting@Example.org',
      displayName: 'Pat Waiting',
      roles: ['front_desk'],
    });
    expect(sent.statusCode).toBe(201);
    const listed = await admin.get('/api/admin/invitations');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().invitations).toEqual([
      expect.objectContaining({
        id: sent.json().id,
        displayName: 'Pat Waiting',
        email: 'pat.waiting@example.org',
        roles: ['front_desk'],
        expiresAt: sent.json().expiresAt,
      }),
    ]);
    expect((await manager.get('/api/admin/invitations')).statusCode).toBe(403);
    h.clock.advance(73 * 3_600_000);
    const later = await signIn(h, await addAccount(h, org, { roles: ['admin'] }));
    expect((await later.get('/api/admin/invitations')).json().invitations).toEqual([]);
  });
});
