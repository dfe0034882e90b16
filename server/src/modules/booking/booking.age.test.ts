import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPatient,
  createClinic,
  holdRequest,
  patientActor,
  refusal,
  type Clinic,
} from '../../../test/clinic.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createAudit } from '../audit/audit.service.ts';
import { wholeYearsBetween } from '../patients/patients.published.ts';
import { createPatients } from '../patients/patients.service.ts';
import * as booking from './booking.service.ts';

let h: TestApp;
let clinic: Clinic;
let deps: booking.BookingDeps;
let patients: ReturnType<typeof createPatients>;

beforeAll(async () => {
  h = await startTestApp();
  clinic = await createClinic(h.db, {
    providers: 1,
    type: { minAgeYears: 18, maxAgeYears: 64 },
  });
  patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
  deps = { ...h.booking, prerequisites: { ageOn: patients.ageOn } };
});
afterAll(() => h.close());

async function patientBorn(dateOfBirth: string, family: string) {
  const id = await patients.importPatient({ type: 'system', job: 'test' }, clinic.orgId, {
    legalName: { given: 'Test', family },
    dateOfBirth,
    sex: 'unknown',
    phone: `+1 555 01${family.length}${dateOfBirth.slice(2, 4)}`,
  } as never);
  return id!;
}

function hold(patientId: string, days: number) {
  return booking.hold(
    patientActor(clinic.orgId, patientId),
    deps,
    holdRequest(clinic, patientId, days),
  );
}

describe("a visit type's age range, from the birth date in the PHI vault", () => {
  it('admits a patient inside the range', async () => {
    const adult = await patientBorn('1980-05-05', 'Adult');
    await expect(hold(adult, 3)).resolves.toMatchObject({ status: 'held' });
  });

  it('refuses a child and an older patient, naming the range and nothing else', async () => {
    const child = await patientBorn('2019-01-01', 'Child');
    const message = await refusal(hold(child, 4));
    expect(message).toBe('This visit is for patients aged 18–64.');
    const elder = await patientBorn('1930-01-01', 'Elder');
    expect(await refusal(hold(elder, 5))).toBe('This visit is for patients aged 18–64.');
  });

  it('refuses a patient with no birth date on file', async () => {
    const unknown = await addPatient(h.db, clinic.orgId);
    expect(await refusal(hold(unknown, 6))).toMatch(/date of birth is not on file/);
  });

  it('counts whole years up to the birthday', () => {
    expect(wholeYearsBetween('2008-06-15', new Date('2026-06-14T12:00:00Z'))).toBe(17);
    expect(wholeYearsBetween('2008-06-15', new Date('2026-06-15T12:00:00Z'))).toBe(18);
  });
});
