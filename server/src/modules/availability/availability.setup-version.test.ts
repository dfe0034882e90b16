import { Temporal } from 'temporal-polyfill';
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

// The availability cache lives for five minutes here. A manager's change to the clinic's setup
// must still show in the very next answer: the organization's setup version, bumped in the
// change's transaction, is part of every cached answer's key.

let h: IdentityApp;
let org: Org;
let manager: Client;
let providerId: string;
let typeId: string;
let day: string;
const put = (url: string, body: unknown) => manager.request('PUT', url, body);
const del = (url: string) => manager.request('DELETE', url);
const base = () => `/api/organizations/${org.slug}`;

const typeBody = (durationMinutes: number) => ({
  name: 'Check-up',
  durationMinutes,
  slotIntervalMinutes: 30,
  modalities: ['in_person'],
  minNoticeMinutes: 0,
  scope: [{ providerId, locationId: org.locationId }],
});

/** The start times offered on `day` (the location's zone), as local HH:MM. */
async function offered(): Promise<string[]> {
  const res = await h.app.inject({
    url: `/api/availability?organization=${org.slug}&appointmentTypeId=${typeId}&from=${day}&to=${day}&zone=America/Chicago`,
  });
  expect(res.statusCode).toBe(200);
  return res.json().slots.map((s: { start: string }) => s.start.slice(11, 16));
}

beforeAll(async () => {
  h = await startIdentityApp({ env: { HOURGLASS_AVAILABILITY_CACHE_SECONDS: '300' } });
  org = await addOrganization(h, 'setup-version');
  manager = await signIn(h, await addAccount(h, org, { roles: ['manager'] }));
  const provider = await manager.post(`${base()}/providers`, {
    displayName: 'Dr. Versioned',
    locationIds: [org.locationId],
  });
  expect(provider.statusCode).toBe(201);
  providerId = provider.json().id;
  const type = await manager.post(`${base()}/appointment-types`, typeBody(30));
  expect(type.statusCode).toBe(201);
  typeId = type.json().id;
  // A week ahead: far from any notice or the clock's time of day.
  const date = Temporal.Instant.fromEpochMilliseconds(h.clock.now().getTime())
    .toZonedDateTimeISO('America/Chicago')
    .toPlainDate()
    .add({ days: 7 });
  day = date.toString();
  const hours = await manager.post(`${base()}/working-hours`, {
    providerId,
    locationId: org.locationId,
    weekday: date.dayOfWeek,
    startTime: '09:00',
    endTime: '11:00',
  });
  expect(hours.statusCode).toBe(201);
});
afterAll(() => h.close());

describe('cached availability and the clinic’s setup', () => {
  it('answers from the cache while nothing changes', async () => {
    expect(await offered()).toEqual(['09:00', '09:30', '10:00', '10:30']);
    // A write behind the app's back that bumps no version is not seen: the answer is cached.
    await h.db.query(`alter table working_hours disable trigger working_hours_setup_version`);
    try {
      await h.db.query(`update working_hours set end_time = '12:00' where provider_id = $1`, [
        providerId,
      ]);
      expect(await offered()).toEqual(['09:00', '09:30', '10:00', '10:30']);
      await h.db.query(`update working_hours set end_time = '11:00' where provider_id = $1`, [
        providerId,
      ]);
    } finally {
      await h.db.query(`alter table working_hours enable trigger working_hours_setup_version`);
    }
  });

  it('shows a date override, and its removal, at once', async () => {
    const closed = await manager.post(`${base()}/date-overrides`, {
      providerId,
      locationId: org.locationId,
      date: day,
      startTime: '13:00',
      endTime: '14:00',
    });
    expect(closed.statusCode).toBe(201);
    expect(await offered()).toEqual(['13:00', '13:30']);
    const removed = await del(`${base()}/date-overrides/${closed.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect(await offered()).toEqual(['09:00', '09:30', '10:00', '10:30']);
  });

  it('shows time off and new weekly hours at once', async () => {
    const off = await manager.post(`${base()}/time-off`, {
      providerId,
      start: Temporal.PlainDateTime.from(`${day}T09:00`)
        .toZonedDateTime('America/Chicago')
        .toInstant()
        .toString(),
      end: Temporal.PlainDateTime.from(`${day}T10:00`)
        .toZonedDateTime('America/Chicago')
        .toInstant()
        .toString(),
      reasonCode: 'training',
    });
    expect(off.statusCode).toBe(201);
    expect(await offered()).toEqual(['10:00', '10:30']);
    const more = await manager.post(`${base()}/working-hours`, {
      providerId,
      locationId: org.locationId,
      weekday: Temporal.PlainDate.from(day).dayOfWeek,
      startTime: '15:00',
      endTime: '16:00',
    });
    expect(more.statusCode).toBe(201);
    expect(await offered()).toEqual(['10:00', '10:30', '15:00', '15:30']);
    expect((await del(`${base()}/time-off/${off.json().id}`)).statusCode).toBe(204);
    expect((await del(`${base()}/working-hours/${more.json().id}`)).statusCode).toBe(204);
    expect(await offered()).toEqual(['09:00', '09:30', '10:00', '10:30']);
  });

  it('shows a changed appointment type at once', async () => {
    const longer = await put(`${base()}/appointment-types/${typeId}`, typeBody(60));
    expect(longer.statusCode).toBe(204);
    expect(await offered()).toEqual(['09:00', '09:30', '10:00']);
    const unscoped = await put(`${base()}/appointment-types/${typeId}`, {
      ...typeBody(60),
      scope: [],
    });
    expect(unscoped.statusCode).toBe(204);
    expect(await offered()).toEqual([]);
    expect((await put(`${base()}/appointment-types/${typeId}`, typeBody(30))).statusCode).toBe(204);
    expect(await offered()).toEqual(['09:00', '09:30', '10:00', '10:30']);
  });

  it('shows a holiday at once', async () => {
    const holiday = await manager.post(`${base()}/holidays`, { date: day, name: 'Founders Day' });
    expect(holiday.statusCode).toBe(201);
    expect(await offered()).toEqual([]);
    expect((await del(`${base()}/holidays/${day}`)).statusCode).toBe(204);
    expect(await offered()).toEqual(['09:00', '09:30', '10:00', '10:30']);
  });

  it('bumps the version in the change’s own transaction: a rolled-back change leaves it', async () => {
    const version = async () =>
      (
        await h.db.query<{ version: string }>(
          'select version::text from setup_versions where organization_id = $1',
          [org.id],
        )
      ).rows[0]?.version;
    const before = await version();
    await expect(
      h.db.transaction(async (tx) => {
        await tx.query(
          `insert into holidays (organization_id, on_date, name) values ($1, $2, 'x')`,
          [org.id, day],
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await version()).toBe(before);
  });
});
