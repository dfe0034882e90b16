import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, demoClinicIds, nextWednesday } from '../../../test/clinic.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectValidFhir } from '../../../test/fhir-validate.ts';
import type { BookingDeps } from '../booking/booking.service.ts';
import * as booking from '../booking/booking.service.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { scheduleId } from './fhir.ids.ts';

let h: TestApp;
let deps: BookingDeps;
let orgId: string;
let followUp: string;
let boston: string;
let okafor: string;

beforeAll(async () => {
  h = await startTestApp({
    extraRoutes: (_app, _db, b) => {
      deps = b;
    },
  });
  await seedDemo(h.db, h.vault);
  ({ orgId, boston, followUp } = await demoClinicIds(h));
  const providers = (await h.app.inject({ url: '/fhir/Practitioner?name=okafor' })).json();
  okafor = providers.entry[0].resource.id;
});
afterAll(() => h.close());

const get = (url: string) => h.app.inject({ url });
const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface Slot {
  id: string;
  start: string;
  end: string;
  status: string;
  schedule: { reference: string };
  serviceType: { coding: { code: string }[] }[];
}
const slotsOf = (bundle: { entry?: { resource: Slot }[] }) =>
  (bundle.entry ?? []).map((e) => e.resource);

describe('GET /fhir/Slot', () => {
  it('publishes exactly the free times the availability API offers for the same day', async () => {
    const day = nextWednesday();
    const schedule = scheduleId(okafor, boston);
    const fhir = await get(
      `/fhir/Slot?schedule=Schedule/${schedule}&service-type=urn:hourglass:appointment-type|${followUp}&start=ge${day}&start=lt${dayAfter(day)}&_count=1000`,
    );
    expect(fhir.statusCode).toBe(200);
    const bundle = fhir.json();
    expectValidFhir(bundle);
    const native = (
      await get(
        `/api/availability?organization=demo&appointmentTypeId=${followUp}&providers=${okafor}&locations=${boston}&from=${day}&to=${day}&zone=UTC`,
      )
    ).json();
    expect(native.slots.length).toBeGreaterThan(0);
    const slots = slotsOf(bundle);
    expect(bundle.total).toBe(native.slots.length);
    expect(slots.map((s) => [s.start, s.end])).toEqual(
      native.slots.map((s: { start: string; end: string }) => [
        new Date(s.start).toISOString(),
        new Date(s.end).toISOString(),
      ]),
    );
    for (const s of slots) {
      expect(s.status).toBe('free');
      expect(s.schedule.reference).toBe(`Schedule/${schedule}`);
      expect(s.serviceType[0]!.coding[0]!.code).toBe(followUp);
    }
    // The Schedule a Slot names can be read.
    const read = await get(`/fhir/Schedule/${schedule}`);
    expect(read.statusCode).toBe(200);
    expectValidFhir(read.json());
  });

  it('a booked time stops being a free Slot, and its Slot id is stable across searches', async () => {
    const day = nextWednesday();
    const url = `/fhir/Slot?schedule=${scheduleId(okafor, boston)}&service-type=${followUp}&start=ge${day}&start=lt${dayAfter(day)}&_count=1000`;
    const before = slotsOf((await get(url)).json());
    expect(slotsOf((await get(url)).json()).map((s) => s.id)).toEqual(before.map((s) => s.id));
    const taken = before[2]!;
    const patientId = await addPatient(h.db, orgId);
    await booking.hold({ type: 'system', job: 'test' }, deps, {
      organizationId: orgId,
      patientId,
      appointmentTypeId: followUp,
      providerId: okafor,
      locationId: boston,
      start: taken.start,
      modality: 'in_person',
    });
    const after = slotsOf((await get(url)).json());
    expect(after.map((s) => s.id)).not.toContain(taken.id);
    expect(after.length).toBeLessThan(before.length);
  });

  it('with status=busy, publishes the taken time as busy Slots that say nothing of the patient', async () => {
    const day = nextWednesday();
    const window = `schedule=${scheduleId(okafor, boston)}&start=ge${day}&start=lt${dayAfter(day)}&_count=1000`;
    const free = slotsOf((await get(`/fhir/Slot?${window}&service-type=${followUp}`)).json());
    const taken = free[4]!;
    const patientId = await addPatient(h.db, orgId);
    await booking.hold({ type: 'system', job: 'test' }, deps, {
      organizationId: orgId,
      patientId,
      appointmentTypeId: followUp,
      providerId: okafor,
      locationId: boston,
      start: taken.start,
      modality: 'in_person',
    });
    const res = await get(`/fhir/Slot?${window}&status=busy`);
    expect(res.statusCode).toBe(200);
    expectValidFhir(res.json());
    const busy = slotsOf(res.json());
    const mine = busy.find((s) => s.start === taken.start);
    expect(mine).toBeDefined();
    expect(Object.keys(mine!).sort()).toEqual([
      'end',
      'id',
      'resourceType',
      'schedule',
      'start',
      'status',
    ]);
    expect(mine!.end).toBe(taken.end);
    for (const s of busy) expect(s.status).toBe('busy');
    expect(res.body).not.toContain(patientId);
    expect(res.body).not.toContain('Patient');
    // Both statuses at once: the free times and the busy ones, in order of start.
    const both = slotsOf(
      (await get(`/fhir/Slot?${window}&status=free,busy&service-type=${followUp}`)).json(),
    );
    expect(both.some((s) => s.status === 'free')).toBe(true);
    expect(both.filter((s) => s.status === 'busy').map((s) => s.id)).toContain(mine!.id);
    expect(both.map((s) => s.start)).toEqual([...both.map((s) => s.start)].sort());
    // Without a status, only free Slots (what aggregators ask for).
    const plain = slotsOf((await get(`/fhir/Slot?${window}`)).json());
    expect(plain.every((s) => s.status === 'free')).toBe(true);
  });

  it('narrows by specialty and by start instants, and pages through the window', async () => {
    const day = nextWednesday();
    const window = `start=ge${day}T15:00:00Z&start=lt${day}T17:00:00Z`;
    const internal = slotsOf(
      (await get(`/fhir/Slot?${window}&specialty=Internal%20medicine&_count=1000`)).json(),
    );
    expect(internal.length).toBeGreaterThan(0);
    for (const s of internal) {
      expect(s.start >= `${day}T15:00:00.000Z` && s.start < `${day}T17:00:00.000Z`).toBe(true);
      expect(s.schedule.reference).not.toContain(okafor.replaceAll('-', ''));
    }
    const all = (await get(`/fhir/Slot?${window}&_count=1000`)).json();
    const seen: string[] = [];
    for (let offset = 0; offset < all.total; offset += 7) {
      const page = (await get(`/fhir/Slot?${window}&_count=7&_offset=${offset}`)).json();
      seen.push(...slotsOf(page).map((s) => s.id));
    }
    expect(seen).toEqual(slotsOf(all).map((s) => s.id));
  });

  it('answers an empty Bundle for a schedule that does not exist', async () => {
    const res = await get(`/fhir/Slot?schedule=${scheduleId(crypto.randomUUID(), boston)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
    expectValidFhir(res.json());
  });
});
