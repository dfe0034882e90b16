import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import * as directory from '../directory/directory.rules-service.ts';
import { createOrganization, organizationIdBySlug } from '../directory/directory.service.ts';
import { findOrganizationBySlug, listLocations } from '../directory/directory.service.ts';
import { seedDefaultAlertRules } from '../audit/audit.alert-rules.ts';
import { seedDemoAccounts } from '../identity/identity.demo.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { seedDemoAppointments } from './demo.appointments.ts';
import { seedDemoPatients } from './demo.patients.ts';
import { seedDemoVisitGuide } from './demo.visit-guide.ts';

export const demoSlug = 'demo';
export const demoName = 'Riverside Family Health (demo)';

const DEMO_ORGANIZATION: Parameters<typeof createOrganization>[1] = {
  slug: demoSlug,
  name: demoName,
  isDemo: true,
  locations: [
    {
      name: 'Riverside Downtown',
      timeZone: 'America/New_York',
      addressLine: '100 Example Street',
      city: 'Boston',
      region: 'MA',
      postalCode: '02110',
      country: 'US',
      phone: '+1 555 0100',
      inPerson: true,
      telehealth: true,
    },
    {
      name: 'Riverside Desert Clinic',
      timeZone: 'America/Phoenix',
      addressLine: '200 Example Avenue',
      city: 'Phoenix',
      region: 'AZ',
      postalCode: '85004',
      country: 'US',
      phone: '+1 555 0200',
      inPerson: true,
      telehealth: false,
    },
  ],
};

/**
 * The labelled demo clinic: two locations in different time zones (one without daylight saving,
 * which makes DST cases visible), then each module's demo part. Idempotent. No real person's data.
 * The demo patients and the demo accounts' emails and TOTP secrets are encrypted like real ones,
 * so seeding needs the vault. With `appointmentsAround`, a new clinic gets a week of appointments.
 * Returns whether the clinic was created just now.
 */
export async function seedDemo(
  db: Db,
  vault: Vault,
  opts: { appointmentsAround?: Clock } = {},
): Promise<boolean> {
  const existing = await findOrganizationBySlug(db, demoSlug);
  if (!existing) {
    await db.transaction((tx) => createOrganization(tx, DEMO_ORGANIZATION));
  }
  // Each module's part is idempotent, so a demo clinic from an older version catches up.
  await seedDemoSchedule(db);
  const organizationId = await organizationIdBySlug(db, demoSlug);
  await seedDemoVisitGuide(db, organizationId);
  const [firstProvider] = await directory.listProviders(db, organizationId);
  // The demo patient account is the first demo patient (Demo Patient-Alvarez), not a bare row.
  const demoPatients = await seedDemoPatients(db, vault);
  const [demoPatient] = demoPatients;
  await db.transaction((tx) =>
    seedDemoAccounts(tx, vault, organizationId, {
      clinicianProviderId: firstProvider?.id,
      patientId: demoPatient,
    }),
  );
  // The compliance officer's default alert rules come with a new clinic only.
  if (!existing) await db.transaction((tx) => seedDefaultAlertRules(tx, organizationId));
  // A new demo clinic's week of appointments around the clock's today (`start` and `seed-demo`
  // ask for them; tests that only need the clinic do not pay for a week of bookings).
  if (!existing && opts.appointmentsAround) {
    await seedDemoAppointments(db, vault, organizationId, demoPatients, opts.appointmentsAround);
  }
  return !existing;
}

const seeder: Actor = { type: 'system', job: 'seed-demo' };

/**
 * Providers, a room, appointment types and working hours at both demo locations, so `npm start`
 * shows real availability. Runs once: does nothing when the demo clinic has providers.
 */
async function seedDemoSchedule(db: Db): Promise<boolean> {
  const orgId = await organizationIdBySlug(db, demoSlug);
  if ((await directory.listProviders(db, orgId)).length > 0) return false;
  const locations = await listLocations(db, orgId);
  const boston = locations.find((l) => l.timeZone === 'America/New_York')!;
  const phoenix = locations.find((l) => l.timeZone === 'America/Phoenix')!;
  const add = (
    displayName: string,
    credentials: string,
    specialties: string[],
    languages: string[],
    locationIds: string[],
  ) =>
    directory.createProvider(seeder, db, orgId, {
      displayName,
      credentials,
      specialties,
      languages,
      locationIds,
      bio: 'Demo provider (not a real person).',
    });
  const okafor = await add(
    'Dr. Amara Okafor',
    'MD',
    ['Family medicine'],
    ['en', 'fr'],
    [boston.id],
  );
  const lindqvist = await add(
    'Dr. Erik Lindqvist',
    'DO',
    ['Internal medicine'],
    ['en', 'sv'],
    [boston.id, phoenix.id],
  );
  const reyes = await add('Maria Reyes', 'NP', ['Family medicine'], ['en', 'es'], [phoenix.id]);
  await directory.createResource(seeder, db, orgId, {
    locationId: boston.id,
    name: 'Procedure room',
    kind: 'room',
  });
  const scope = [
    { providerId: okafor, locationId: boston.id },
    { providerId: lindqvist, locationId: boston.id },
    { providerId: lindqvist, locationId: phoenix.id },
    { providerId: reyes, locationId: phoenix.id },
  ];
  await directory.createAppointmentType(seeder, db, orgId, {
    name: 'New patient visit',
    description: 'A first visit: history, exam and a plan.',
    instructions: 'Bring your insurance card and a list of your medicines.',
    durationMinutes: 45,
    bufferAfterMinutes: 15,
    minNoticeMinutes: 24 * 60,
    horizonDays: 60,
    slotIntervalMinutes: 15,
    modalities: ['in_person'],
    eligibility: 'new',
    scope,
  });
  await directory.createAppointmentType(seeder, db, orgId, {
    name: 'Follow-up visit',
    description: 'A check-in on an ongoing plan.',
    durationMinutes: 20,
    minNoticeMinutes: 2 * 60,
    horizonDays: 90,
    slotIntervalMinutes: 20,
    modalities: ['in_person', 'telehealth'],
    scope,
  });
  await directory.createAppointmentType(seeder, db, orgId, {
    name: 'Minor procedure',
    description: 'Skin biopsy, mole removal and similar.',
    instructions: 'Eat normally. Plan 15 minutes for check-in.',
    durationMinutes: 30,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 48 * 60,
    horizonDays: 60,
    slotIntervalMinutes: 30,
    modalities: ['in_person'],
    requiredResourceKinds: ['room'],
    allowsOverbooking: false,
    scope: [
      { providerId: okafor, locationId: boston.id },
      { providerId: lindqvist, locationId: boston.id },
    ],
  });
  const hours = async (
    providerId: string,
    locationId: string,
    weekdays: number[],
    intervals: [string, string][],
  ) => {
    for (const weekday of weekdays) {
      for (const [startTime, endTime] of intervals) {
        await directory.addWorkingHours(seeder, db, orgId, {
          providerId,
          locationId,
          weekday,
          startTime,
          endTime,
        });
      }
    }
  };
  await hours(
    okafor,
    boston.id,
    [1, 2, 3, 4, 5],
    [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
  );
  await hours(lindqvist, boston.id, [1, 3, 5], [['08:00', '12:00']]);
  await hours(lindqvist, phoenix.id, [2, 4], [['08:00', '16:00']]);
  await hours(
    reyes,
    phoenix.id,
    [1, 2, 3, 4, 5],
    [
      ['07:30', '11:30'],
      ['12:30', '15:30'],
    ],
  );
  return true;
}
