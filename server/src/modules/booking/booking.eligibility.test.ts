import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, signIn, type TestAccount } from '../../../test/identity-fixtures.ts';
import { startPortal, type Portal } from '../../../test/portal.ts';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import * as directory from '../directory/directory.rules-service.ts';
import { createPatients } from '../patients/patients.service.ts';
import * as booking from './booking.service.ts';

let p: Portal;
const types: Record<string, string> = {};
let child: TestAccount;
let elder: TestAccount;

/** A patient account whose record has a birth date in the vault. */
async function patientBorn(dateOfBirth: string, family: string) {
  const patients = createPatients({ db: p.h.db, vault: p.h.vault, audit: createAudit(p.h.db) });
  const patientId = await patients.importPatient({ type: 'system', job: 'test' }, p.org.id, {
    legalName: { given: 'Test', family },
    dateOfBirth,
    sex: 'unknown',
    phone: `+1 555 02${family.length}${dateOfBirth.slice(2, 4)}`,
  } as never);
  return addAccount(p.h, p.org, { kind: 'patient', patientId: patientId! });
}

beforeAll(async () => {
  p = await startPortal('eligibility');
  const scope = [{ providerId: p.clinic.providerIds[0], locationId: p.clinic.locationId }];
  const add = (name: string, rules: Record<string, unknown>) =>
    directory.createAppointmentType(p.clinic.manager, p.h.db, p.org.id, {
      name,
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      modalities: ['in_person'],
      scope,
      ...rules,
    });
  types.followUp = p.clinic.typeId;
  types.newOnly = await add('New patients', { eligibility: 'new' });
  types.establishedOnly = await add('Established patients', { eligibility: 'established' });
  types.adults = await add('Adults', { minAgeYears: 18, maxAgeYears: 64 });
  types.paperwork = await add('Specialist', {
    prerequisites: [{ kind: 'intake_completed' }, { kind: 'referral_on_file' }],
  });
  types.afterFollowUp = await add('Second look', {
    prerequisites: [{ kind: 'prior_visit', appointmentTypeId: types.followUp, withinDays: 30 }],
  });
  child = await patientBorn('2020-06-01', 'Child');
  elder = await patientBorn('1950-06-01', 'Elder');
});
afterAll(() => p.h.close());

async function eligibility(who: TestAccount, ids = Object.values(types)) {
  const c = await signIn(p.h, who);
  const res = await c.get(`/api/me/eligibility?appointmentTypeId=${ids.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as {
    types: { appointmentTypeId: string; offered: boolean; reasons: object[] }[];
  };
  const byName = Object.fromEntries(
    Object.entries(types).map(([name, id]) => [
      name,
      body.types.find((t) => t.appointmentTypeId === id),
    ]),
  );
  return { res, body, byName };
}

describe('GET /api/me/eligibility', () => {
  it('says in codes why each visit type is not offered to a new patient without a birth date on file', async () => {
    const { byName } = await eligibility(p.alice);
    expect(byName).toEqual({
      followUp: { appointmentTypeId: types.followUp, offered: true, reasons: [] },
      newOnly: { appointmentTypeId: types.newOnly, offered: true, reasons: [] },
      establishedOnly: {
        appointmentTypeId: types.establishedOnly,
        offered: false,
        reasons: [{ code: 'established_patients_only' }],
      },
      adults: {
        appointmentTypeId: types.adults,
        offered: false,
        reasons: [{ code: 'age_unknown', minAgeYears: 18, maxAgeYears: 64 }],
      },
      paperwork: {
        appointmentTypeId: types.paperwork,
        offered: false,
        reasons: [{ code: 'intake_required' }, { code: 'referral_required' }],
      },
      afterFollowUp: {
        appointmentTypeId: types.afterFollowUp,
        offered: false,
        reasons: [
          { code: 'prior_visit_required', appointmentTypeId: types.followUp, withinDays: 30 },
        ],
      },
    });
  });

  it('names the age bound of the type, never the patient’s age or birth date', async () => {
    const young = await eligibility(child, [types.adults!]);
    expect(young.byName.adults!.reasons).toEqual([{ code: 'age_below_minimum', minAgeYears: 18 }]);
    expect(young.res.body).not.toMatch(/2020|"age"|birth/i);
    const old = await eligibility(elder, [types.adults!]);
    expect(old.byName.adults!.reasons).toEqual([{ code: 'age_above_maximum', maxAgeYears: 64 }]);
    expect(old.res.body).not.toMatch(/1950|"age"|birth/i);
  });

  it('answers from the same checks booking makes: a refused booking names the same code', async () => {
    const refused = await p.hold(p.alice, p.at(2), { appointmentTypeId: types.establishedOnly });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      type: 'urn:hourglass:problem:not-eligible',
      reasons: [{ code: 'established_patients_only' }],
    });
  });

  it('follows the patient’s history by the app’s clock: after a completed visit, new-patient types close and the rest open', async () => {
    const visit = await p.book(p.alice, p.at(1));
    p.h.clock.set(new Date(Date.parse(visit.start) + 60_000));
    await booking.transition(p.desk, p.h.booking, p.org.id, visit.id, 'checkIn');
    await booking.transition(p.desk, p.h.booking, p.org.id, visit.id, 'complete');
    const { byName } = await eligibility(p.alice);
    expect(byName.newOnly!.reasons).toEqual([{ code: 'new_patients_only' }]);
    expect(byName.establishedOnly!.offered).toBe(true);
    expect(byName.afterFollowUp!.offered).toBe(true);
  });

  it('is audited as a read naming the types and the patient', async () => {
    const { res } = await eligibility(p.alice, [types.adults!, types.followUp!]);
    const events = await listAuditEvents(p.h.db, {
      requestId: String(res.headers['x-request-id']),
    });
    expect(events.map((e) => [e.action, e.outcome, e.patient_id, e.resource_ids])).toEqual([
      [
        'booking.eligibility.read',
        'success',
        p.alice.account.patient_id,
        [types.adults, types.followUp],
      ],
    ]);
  });

  it('refuses unknown types by position, and another patient’s eligibility looks like nothing', async () => {
    const c = await signIn(p.h, p.alice);
    const unknown = await c.get(
      `/api/me/eligibility?appointmentTypeId=${types.followUp},${crypto.randomUUID()}`,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].pointer).toBe('/query/appointmentTypeId/1');
    expect((await c.get('/api/me/eligibility?appointmentTypeId=nope')).statusCode).toBe(400);
    expect((await c.get('/api/me/eligibility')).statusCode).toBe(400);
    const many = Array.from({ length: 21 }, () => types.followUp).join(',');
    expect((await c.get(`/api/me/eligibility?appointmentTypeId=${many}`)).statusCode).toBe(400);
    const theirs = await c.get(
      `/api/me/eligibility?appointmentTypeId=${types.followUp}&patientId=${p.bob.account.patient_id}`,
    );
    expect(theirs.statusCode).toBe(404);
    const desk = await signIn(p.h, await addAccount(p.h, p.org, { roles: ['front_desk'] }));
    expect(
      (await desk.get(`/api/me/eligibility?appointmentTypeId=${types.followUp}`)).statusCode,
    ).toBe(403);
  });
});
