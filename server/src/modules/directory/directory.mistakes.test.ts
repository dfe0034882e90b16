import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';

// A manager setting up the clinic makes ordinary mistakes: a name used twice, a stray NUL byte
// pasted into a bio, a date in year zero. Each is a 4xx that names the field and changes nothing,
// never a 500.

let h: IdentityApp;
let org: Org;
let manager: Client;
let annexId: string;
const base = () => `/api/organizations/${org.slug}`;

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'setup');
  manager = await signIn(h, await addAccount(h, org, { roles: ['manager'] }));
  const annex = await manager.post(`${base()}/locations`, {
    name: 'Annex',
    timeZone: 'America/Chicago',
  });
  expect(annex.statusCode).toBe(201);
  annexId = annex.json().id;
});
afterAll(() => h.close());

const count = async (table: string) =>
  Number(
    (
      await h.db.query<{ n: string }>(
        `select count(*) as n from ${table} where organization_id = $1`,
        [org.id],
      )
    ).rows[0]!.n,
  );

function expectNameTaken(res: { statusCode: number; json(): unknown }) {
  expect(res.statusCode).toBe(409);
  expect(res.json()).toMatchObject({
    type: 'urn:hourglass:problem:name-taken',
    errors: [{ pointer: '/body/name', detail: expect.any(String) }],
  });
}

function expectField(res: { statusCode: number; json(): unknown }, pointer: string) {
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({
    type: 'urn:hourglass:problem:validation',
    errors: [{ pointer, detail: expect.any(String) }],
  });
}

describe('a name used twice is a 409 name-taken that names the field', () => {
  it('a second location called the same', async () => {
    const again = await manager.post(`${base()}/locations`, {
      name: 'Main',
      timeZone: 'America/Chicago',
    });
    expectNameTaken(again);
    expect(await count('locations')).toBe(2);
    const events = await listAuditEvents(h.db, {
      requestId: String(again.headers['x-request-id']),
    });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['directory.location.create', 'failed'],
    ]);
  });

  it('a location renamed to another’s name', async () => {
    const rename = await manager.request('PUT', `${base()}/locations/${annexId}`, {
      name: 'Main',
      timeZone: 'America/Chicago',
    });
    expectNameTaken(rename);
    const { rows } = await h.db.query('select name from locations where id = $1', [annexId]);
    expect(rows).toEqual([{ name: 'Annex' }]);
  });

  it('a second resource of the same name at one location, not at another', async () => {
    const room = { locationId: org.locationId, name: 'Room 1', kind: 'room' };
    const first = await manager.post(`${base()}/resources`, room);
    expect(first.statusCode).toBe(201);
    expectNameTaken(await manager.post(`${base()}/resources`, room));
    const elsewhere = await manager.post(`${base()}/resources`, { ...room, locationId: annexId });
    expect(elsewhere.statusCode).toBe(201);
    const moved = await manager.request('PUT', `${base()}/resources/${elsewhere.json().id}`, room);
    expectNameTaken(moved);
    expect(await count('resources')).toBe(2);
  });

  it('a second appointment type of the same name, created or renamed', async () => {
    const type = {
      name: 'Follow-up',
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      modalities: ['in_person'],
    };
    expect((await manager.post(`${base()}/appointment-types`, type)).statusCode).toBe(201);
    expectNameTaken(await manager.post(`${base()}/appointment-types`, type));
    const other = await manager.post(`${base()}/appointment-types`, { ...type, name: 'New' });
    const renamed = await manager.request(
      'PUT',
      `${base()}/appointment-types/${other.json().id}`,
      type,
    );
    expectNameTaken(renamed);
    expect(await count('appointment_types')).toBe(2);
  });
});

describe('text the database cannot store is a 400 naming the field, on every route', () => {
  const provider = { displayName: 'Dr. Nul', bio: 'Cardiology.' };

  it('a NUL byte in a provider’s name or bio, or in one of a list', async () => {
    expectField(
      await manager.post(`${base()}/providers`, { ...provider, displayName: 'Dr.\u0000Nul' }),
      '/body/displayName',
    );
    expectField(
      await manager.post(`${base()}/providers`, { ...provider, bio: 'Cardio\u0000logy.' }),
      '/body/bio',
    );
    expectField(
      await manager.post(`${base()}/providers`, { ...provider, specialties: ['a', 'b\u0000'] }),
      '/body/specialties/1',
    );
    expect(await count('providers')).toBe(0);
    expect((await manager.post(`${base()}/providers`, provider)).statusCode).toBe(201);
  });

  it('an unpaired surrogate, which would be stored silently replaced', async () => {
    expectField(
      await manager.post(`${base()}/providers`, { ...provider, bio: 'x\ud800y' }),
      '/body/bio',
    );
  });

  it('a NUL byte in a member name, in a query string and in a path', async () => {
    const key = await manager.post(`${base()}/holidays`, { 'da\u0000te': '2031-01-01' });
    expectField(key, '/body');
    expect(JSON.stringify(key.json())).not.toContain('\\u0000');
    const query = await manager.get('/api/availability?organization=setup%00&appointmentType=x');
    expectField(query, '/query/organization');
    const path = await manager.request('DELETE', '/api/organizations/set%00up/holidays/2031-01-01');
    expectField(path, '/path/slug');
  });
});

describe('dates PostgreSQL cannot store are a 400, and ranges are stored as checked', () => {
  it('year zero in a holiday, its removal, working hours, a date override and time off', async () => {
    const providerId = (
      await manager.post(`${base()}/providers`, { displayName: 'Dr. Zero' })
    ).json().id as string;
    expectField(
      await manager.post(`${base()}/holidays`, { date: '0000-01-01', name: 'Year zero' }),
      '/body/date',
    );
    expectField(await manager.request('DELETE', `${base()}/holidays/0000-01-01`), '/path/date');
    const at = { providerId, locationId: org.locationId };
    expectField(
      await manager.post(`${base()}/working-hours`, {
        ...at,
        weekday: 1,
        startTime: '09:00',
        endTime: '17:00',
        effectiveFrom: '0000-01-01',
      }),
      '/body/effectiveFrom',
    );
    expectField(
      await manager.post(`${base()}/date-overrides`, { ...at, date: '0000-02-01' }),
      '/body/date',
    );
    expectField(
      await manager.post(`${base()}/time-off`, {
        providerId,
        start: '0000-01-01T00:00:00Z',
        end: '2031-01-01T00:00:00Z',
      }),
      '/body/start',
    );
    expect(await count('holidays')).toBe(0);
    expect(await count('time_off')).toBe(0);
  });

  it('time off whose end is under a millisecond after its start is stored as the check saw it', async () => {
    const providerId = (
      await manager.post(`${base()}/providers`, { displayName: 'Dr. Micro' })
    ).json().id as string;
    // The check compares milliseconds (0 < 1); the database would round the start up to .001
    // and find the range empty (23514) had the text been stored as sent.
    const res = await manager.post(`${base()}/time-off`, {
      providerId,
      start: '2031-01-01T00:00:00.0009995Z',
      end: '2031-01-01T00:00:00.001Z',
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('rules only the service checks name the field by a pointer into the request', () => {
  it('hours that end before they start, time off that ends first, an unknown location', async () => {
    const providerId = (
      await manager.post(`${base()}/providers`, { displayName: 'Dr. Pointer' })
    ).json().id as string;
    expectField(
      await manager.post(`${base()}/working-hours`, {
        providerId,
        locationId: org.locationId,
        weekday: 1,
        startTime: '17:00',
        endTime: '09:00',
      }),
      '/body/endTime',
    );
    expectField(
      await manager.post(`${base()}/time-off`, {
        providerId,
        start: '2031-01-02T00:00:00Z',
        end: '2031-01-01T00:00:00Z',
      }),
      '/body/end',
    );
    expectField(
      await manager.post(`${base()}/providers`, {
        displayName: 'Dr. Nowhere',
        locationIds: ['00000000-0000-4000-8000-000000000000'],
      }),
      '/body/locationIds/0',
    );
    expect(await count('working_hours')).toBe(0);
  });
});
