import { expect } from 'vitest';
import { createLocation } from '../src/modules/directory/directory.rules-service.ts';
import { createClinic, holdRequest, type Clinic } from './clinic.ts';
import {
  addAccount,
  type Client,
  type IdentityApp,
  type Org,
  type TestAccount,
} from './identity-fixtures.ts';

/**
 * A clinic as the staff console sees it: the scheduling clinic of clinic.ts (New York, two
 * providers, a 30-minute type with buffers, open every day 09:00–17:00), a second location, and
 * an account for each desk: front desk, front desk limited to the second location, a clinician
 * for each provider, a manager, a compliance officer.
 */
export interface ConsoleClinic extends Clinic {
  org: Org;
  annexId: string;
  desk: TestAccount;
  annexDesk: TestAccount;
  clinician: TestAccount;
  otherClinician: TestAccount;
  /** The manager's account (`manager` is the clinic's manager actor, for services). */
  managerAccount: TestAccount;
  officer: TestAccount;
}

export async function openConsoleClinic(
  h: IdentityApp,
  slug: string,
  type: Record<string, unknown> = {},
): Promise<ConsoleClinic> {
  const clinic = await createClinic(h.db, {
    slug,
    providers: 2,
    type: { bufferBeforeMinutes: 10, bufferAfterMinutes: 5, ...type },
  });
  const org: Org = { id: clinic.orgId, slug, locationId: clinic.locationId };
  const annexId = await createLocation(clinic.manager, h.db, clinic.orgId, {
    name: 'Annex',
    timeZone: 'America/New_York',
  });
  const [first, second] = clinic.providerIds as [string, string];
  return {
    ...clinic,
    org,
    annexId,
    desk: await addAccount(h, org, { roles: ['front_desk'] }),
    annexDesk: await addAccount(h, org, { roles: ['front_desk'], locationIds: [annexId] }),
    clinician: await addAccount(h, org, { roles: ['clinician'], providerId: first }),
    otherClinician: await addAccount(h, org, { roles: ['clinician'], providerId: second }),
    managerAccount: await addAccount(h, org, { roles: ['manager'] }),
    officer: await addAccount(h, org, { roles: ['compliance_officer'] }),
  };
}

let registered = 0;

/**
 * Registers a patient as the front desk does; returns the patient id. Each gets its own phone
 * number (a shared birth date and phone would be refused as a possible duplicate).
 */
export async function registerPatient(desk: Client, given: string, family: string) {
  const res = await desk.post('/api/patients', {
    legalName: { given, family },
    dateOfBirth: '1980-12-10',
    sex: 'female',
    phone: `+1 555 ${String(1000 + (registered++ % 9000)).padStart(4, '0')}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Books (staff: confirmed unless `confirm: false`) at `start`; returns the appointment. */
export async function book(
  desk: Client,
  clinic: Clinic,
  patientId: string,
  start: string,
  over: Record<string, unknown> = {},
) {
  const res = await desk.post(
    '/api/appointments',
    holdRequest(clinic, patientId, start, { confirm: true, ...over }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; start: string; end: string };
}

/** The New York calendar date `days` from the app's now. */
export function newYorkDate(h: IdentityApp, days: number): string {
  const at = new Date(h.clock.now().getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(at);
}
