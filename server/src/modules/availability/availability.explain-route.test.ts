import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, createClinic, type Clinic } from '../../../test/clinic.ts';
import {
  addAccount,
  addOrganization,
  Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import * as booking from '../booking/booking.service.ts';

let h: IdentityApp;
let clinic: Clinic;
let desk: Client;
let patient: Client;
let otherAdmin: Client;
// The test app's clock stands at 2030-01-15T14:00Z; the clinic works 09:00–17:00 New York time
// (UTC−5 in January) every day.
const booked = '2030-01-20T15:00:00.000Z';
const open = '2030-01-20T16:00:00.000Z';
const evening = '2030-01-21T01:00:00.000Z';

beforeAll(async () => {
  h = await startIdentityApp();
  clinic = await createClinic(h.db, { slug: 'explained' });
  const org = { id: clinic.orgId, slug: 'explained', locationId: clinic.locationId };
  desk = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
  patient = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
  const elsewhere = await addOrganization(h, 'elsewhere');
  otherAdmin = await signIn(h, await addAccount(h, elsewhere, { roles: ['admin'] }));
  await booking.hold({ type: 'system', job: 'test' }, h.booking, {
    organizationId: clinic.orgId,
    appointmentTypeId: clinic.typeId,
    providerId: clinic.providerIds[0],
    locationId: clinic.locationId,
    patientId: await addPatient(h.db, clinic.orgId),
    start: booked,
    modality: 'in_person',
  });
});
afterAll(() => h.close());

const explainUrl = (start: string, typeId = clinic.typeId) =>
  `/api/availability/explain?${new URLSearchParams({
    appointmentTypeId: typeId,
    providerId: clinic.providerIds[0]!,
    locationId: clinic.locationId,
    start,
  }).toString()}`;

describe('GET /api/availability/explain', () => {
  it('tells the front desk a held time is booked, and that a free time is bookable', async () => {
    const taken = await desk.get(explainUrl(booked));
    expect(taken.statusCode).toBe(200);
    expect(taken.headers['cache-control']).toBe('no-store');
    expect(taken.json()).toEqual({
      bookable: false,
      reasons: [{ code: 'booked', message: 'Dr. Test 1 is booked then.' }],
    });
    const bookable = await desk.get(explainUrl(open));
    expect(bookable.json()).toEqual({ bookable: true, reasons: [] });
  });

  it('names the rule that excludes a time outside working hours', async () => {
    const res = await desk.get(explainUrl(evening));
    expect(res.statusCode).toBe(200);
    expect(res.json().bookable).toBe(false);
    expect(res.json().reasons.map((r: { code: string }) => r.code)).toEqual([
      'outside-working-hours',
    ]);
  });

  it('is for scheduling staff: a patient is refused, and nobody signed in must sign in', async () => {
    const refused = await patient.get(explainUrl(booked));
    expect(refused.statusCode).toBe(403);
    const anonymous = await new Client(h).get(explainUrl(booked));
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers only about the caller’s organization: another clinic’s type is not found', async () => {
    const res = await otherAdmin.get(explainUrl(booked));
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Dr. Test');
  });

  it('refuses a malformed time with a 400 naming the field', async () => {
    const res = await desk.get(explainUrl('tomorrow at ten'));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.json())).toContain('start');
  });
});
