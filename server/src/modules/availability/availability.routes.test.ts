import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, demoClinicIds, newYorkTime, nextWednesday } from '../../../test/clinic.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import type { BookingDeps } from '../booking/booking.service.ts';
import * as booking from '../booking/booking.service.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { availabilityAnswer } from './availability.routes.ts';

let h: TestApp;
let deps: BookingDeps;
let orgId: string;
let followUp: string;
let boston: string;

beforeAll(async () => {
  h = await startTestApp({
    env: { HOURGLASS_AVAILABILITY_CACHE_SECONDS: '60' },
    extraRoutes: (_app, _db, b) => {
      deps = b;
    },
  });
  await seedDemo(h.db, h.vault);
  ({ orgId, boston, followUp } = await demoClinicIds(h));
});
afterAll(() => h.close());

const get = (query: string) => h.app.inject({ url: `/api/availability?${query}` });

describe('GET /api/availability', () => {
  it('lists the demo clinic’s open slots with provider, location and modality, and nothing else', async () => {
    const res = await get(`organization=demo&appointmentTypeId=${followUp}&zone=America/New_York`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.json();
    expect(body.slots.length).toBeGreaterThan(50);
    expect(Object.keys(body.slots[0]).sort()).toEqual([
      'end',
      'locationId',
      'modalities',
      'providerId',
      'start',
    ]);
    expect(body.slots[0].start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00-0[45]:00$/);
  });

  it('writes the answer exactly as the zod response schema would, field for field', async () => {
    const res = await get(`organization=demo&appointmentTypeId=${followUp}&zone=America/New_York`);
    expect(res.statusCode).toBe(200);
    const viaZod = serializerCompiler({
      schema: availabilityAnswer,
      method: 'GET',
      url: '/api/availability',
    } as Parameters<typeof serializerCompiler>[0]);
    // Extra fields on the answer would be stripped by zod: the direct writer must not emit them.
    const body = res.json();
    const withExtra = { ...body, slots: body.slots.map((s: object) => ({ ...s, note: 'x' })) };
    expect(res.body).toBe(viaZod(withExtra));
  });

  it('answers the same instants whatever the display zone', async () => {
    const day = nextWednesday();
    const q = `organization=demo&appointmentTypeId=${followUp}&from=${day}&to=${day}`;
    const instants = async (zone: string) =>
      (await get(`${q}&zone=${zone}`))
        .json()
        .slots.map((s: { start: string }) => Date.parse(s.start));
    // One local date is a different window per zone: in the hours both windows cover, the
    // answers must hold exactly the same instants.
    const ny = await instants('America/New_York');
    const kolkata = await instants('Asia/Kolkata');
    const nyWindow = [
      Date.parse(`${day}T00:00:00-05:00`) - 3_600_000,
      Date.parse(`${day}T00:00:00-04:00`) + 86_400_000,
    ];
    const kolkataWindow = [
      Date.parse(`${day}T00:00:00+05:30`),
      Date.parse(`${day}T00:00:00+05:30`) + 86_400_000,
    ];
    const inside = (w: number[]) => (t: number) => t >= w[0]! && t < w[1]!;
    const nyShared = ny.filter(inside(kolkataWindow));
    expect(nyShared.length).toBeGreaterThan(0);
    expect(nyShared).toEqual(
      kolkata.filter((t: number) => t >= Math.max(kolkataWindow[0]!, nyWindow[0]!)),
    );
    const phoenix = (await get(`${q}&zone=America/Phoenix`))
      .json()
      .slots.map((s: { start: string }) => s.start);
    expect(phoenix.every((s: string) => s.endsWith('-07:00'))).toBe(true);
  });

  it('finds the first available slot across every eligible provider', async () => {
    const all = (await get(`organization=demo&appointmentTypeId=${followUp}&zone=UTC`)).json()
      .slots;
    const first = (
      await get(`organization=demo&appointmentTypeId=${followUp}&zone=UTC&first=true`)
    ).json().slots;
    expect(first).toHaveLength(1);
    expect(Date.parse(first[0].start)).toBe(
      Math.min(...all.map((s: { start: string }) => Date.parse(s.start))),
    );
  });

  it('drops a slot from the cached answer as soon as it is booked', async () => {
    const q = `organization=demo&appointmentTypeId=${followUp}&locations=${boston}&zone=UTC`;
    const before = (await get(q)).json().slots as { start: string; providerId: string }[];
    const target = before.find((s) => Date.parse(s.start) > Date.parse(newYorkTime(3)))!;
    const patientId = await addPatient(h.db, orgId);
    await booking.hold({ type: 'system', job: 'test' }, deps, {
      organizationId: orgId,
      appointmentTypeId: followUp,
      providerId: target.providerId,
      locationId: boston,
      patientId,
      start: target.start,
      modality: 'in_person',
    });
    const after = (await get(q)).json().slots as { start: string; providerId: string }[];
    expect(after).not.toContainEqual(
      expect.objectContaining({ start: target.start, providerId: target.providerId }),
    );
    expect(after.length).toBeLessThan(before.length);
  });

  it('refuses an unknown zone, a reversed range and unknown parameters with a 400', async () => {
    const base = `organization=demo&appointmentTypeId=${followUp}`;
    const zone = await get(`${base}&zone=Mars/Olympus`);
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors[0].pointer).toBe('/query/zone');
    expect((await get(`${base}&from=2030-03-05&to=2030-03-01`)).statusCode).toBe(400);
    expect((await get(`${base}&patient=someone`)).statusCode).toBe(400);
    expect(
      (await get(`organization=demo&appointmentTypeId=00000000-0000-4000-8000-000000000000`))
        .statusCode,
    ).toBe(404);
  });

  it('booking routes ask anonymous callers to sign in', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/appointments', payload: {} });
    expect(res.statusCode).toBe(401);
  });
});
