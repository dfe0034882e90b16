import { randomBytes } from 'node:crypto';
import { createClinic, newYorkTime, type Clinic as Schedule } from '../../../test/clinic.ts';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { openEnvKeyring } from '../../platform/crypto/keyring.ts';
import { createVault, type Vault } from '../../platform/crypto/vault.ts';
import { migrate } from '../../platform/db/migrate.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { createAudit } from '../audit/audit.service.ts';
import {
  appointmentCountsByStatus,
  patientAppointments,
} from '../booking/booking.patient-appointments.ts';
import { transition } from '../booking/booking.lifecycle.ts';
import { clinicianTreats, patientAtLocations } from '../booking/booking.relations.ts';
import { hold } from '../booking/booking.service.ts';
import { createPatients, type Patients } from './patients.service.ts';
import type { Registration } from './patients.schema.ts';

/** A clinic with a vault on a fresh database, and staff of each role (test-only helper). */
export interface Clinic {
  t: TestDb;
  vault: Vault;
  patients: Patients;
  org: string;
  otherOrg: string;
  as(role: string, org?: string): Actor;
  drop(): Promise<void>;
}

export async function openClinic(
  keys = `1:${randomBytes(32).toString('base64')}`,
): Promise<Clinic> {
  const t = await createTestDb();
  await migrate(t.db);
  const { rows } = await t.db.query<{ id: string }>(
    `insert into organizations (slug, name) values ('riverside', 'Riverside'), ('elsewhere', 'Elsewhere')
     returning id`,
  );
  const vault = createVault(openEnvKeyring(keys));
  const org = rows[0]!.id;
  return {
    t,
    vault,
    patients: createPatients({
      db: t.db,
      vault,
      audit: createAudit(t.db),
      appointments: {
        ofPatient: patientAppointments,
        countsByStatus: appointmentCountsByStatus,
      },
      relations: { patientAtLocations, treats: clinicianTreats },
    }),
    org,
    otherOrg: rows[1]!.id,
    as: (role, o = org) => ({
      type: 'user',
      id: `staff-${role}`,
      organizationId: o,
      roles: [role],
    }),
    drop: () => t.drop(),
  };
}

export function ada(over: Partial<Registration> = {}): Registration {
  return {
    legalName: { given: 'Ada', family: 'Quill' },
    preferredName: 'Addie',
    dateOfBirth: '1984-03-09',
    sex: 'female',
    phone: '+1 555 010 4821',
    email: 'ada.quill@example.org',
    address: {
      line: '1 Example Row',
      city: 'Boston',
      region: 'MA',
      postalCode: '02110',
      country: 'US',
    },
    mrn: 'MRN-004821',
    insuranceMemberId: 'MEM-77124821',
    ...over,
  };
}

/**
 * A bookable clinic (its own organization) in the vault's database, with Ada registered there
 * and two visits with the first provider, newest first: one booked in 9 days, one booked in 8
 * days and then cancelled by the front desk.
 */
export async function withVisits(c: Clinic) {
  const schedule: Schedule = await createClinic(c.t.db, { providers: 2 });
  const desk = c.as('front_desk', schedule.orgId);
  const patientId = (await c.patients.register(desk, ada())).id;
  const deps = {
    db: c.t.db,
    holdMinutes: 10,
    now: Date.now,
    videoUrlTemplate: 'https://video.invalid/{room}',
  };
  const book = (days: number) =>
    hold(desk, deps, {
      organizationId: schedule.orgId,
      appointmentTypeId: schedule.typeId,
      providerId: schedule.providerIds[0],
      locationId: schedule.locationId,
      patientId,
      start: newYorkTime(days),
      modality: 'in_person',
      confirm: true,
    });
  const later = await book(9);
  const sooner = await book(8);
  await transition(desk, deps, schedule.orgId, sooner.id, 'cancel', {
    body: { reasonCode: 'patient_request' },
  });
  const at = (days: number) => ({
    start: newYorkTime(days),
    end: new Date(Date.parse(newYorkTime(days)) + 30 * 60_000).toISOString(),
  });
  const common = {
    appointmentType: { id: schedule.typeId, name: 'Follow-up' },
    provider: { id: schedule.providerIds[0]!, displayName: 'Dr. Test 1' },
    location: { id: schedule.locationId, name: 'Main' },
    modality: 'in_person' as const,
  };
  /** The appointments as projections show them: structured fields, newest first, no free text. */
  const expected = [
    { id: later.id, ...at(9), status: 'booked' as const, ...common },
    { id: sooner.id, ...at(8), status: 'cancelled' as const, ...common },
  ];
  return { schedule, patientId, visits: [later.id, sooner.id], expected };
}
