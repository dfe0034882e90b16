import { Temporal } from 'temporal-polyfill';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { createAudit } from '../audit/audit.service.ts';
import { hold, transition, type BookingDeps } from '../booking/booking.service.ts';
import * as directory from '../directory/directory.rules-service.ts';
import { listLocations } from '../directory/directory.service.ts';
import { createPatients } from '../patients/patients.service.ts';
import type { Identity } from '../patients/patients.schema.ts';

/** More fictional patients, so a demo day shows more than three names. */
export const morePatients: Identity[] = [
  ['Nakamura', '1990-02-14', 'female'],
  ['Brennan', '1958-09-21', 'male'],
  ['Haddad', '1979-12-02', 'female'],
  ['Moreau', '2001-07-08', 'male'],
  ['Silva', '1966-03-27', 'female'],
].map(([family, dateOfBirth, sex], i) => ({
  legalName: { given: 'Demo', family: `Patient-${family}` },
  dateOfBirth: dateOfBirth!,
  sex: sex as Identity['sex'],
  phone: `+1 555 01${10 + i}`,
  mrn: `DEMO-00${10 + i}`,
}));

const seeder: Actor = { type: 'system', job: 'seed-demo' };
const HOUR = 3_600_000;

/** A provider's visits of one day: local start time, type, modality (the day's rows). */
type Visit = [time: string, type: 'follow' | 'procedure', modality?: 'telehealth'];
const okaforDay: Visit[] = [
  ['09:00', 'follow'],
  ['09:40', 'follow'],
  ['10:20', 'follow'],
  ['11:00', 'follow', 'telehealth'],
  ['13:30', 'procedure'],
  ['14:20', 'follow'],
  ['15:40', 'follow'],
];
const lindqvistDay: Visit[] = [
  ['08:00', 'follow'],
  ['09:00', 'procedure'],
  ['10:40', 'follow', 'telehealth'],
];
const reyesDay: Visit[] = [
  ['08:00', 'follow'],
  ['09:20', 'follow'],
  ['13:00', 'follow'],
];

/**
 * Appointments of the demo clinic for the week of `clock`'s today and the next two working days,
 * booked through the booking service (its checks, constraints and audit events) as if the desk
 * had booked each three days before it; visits that ended over an hour ago are completed or (one
 * in five) no-shows, as if marked at the time; the rest stay booked for the desk to work through.
 * Each provider's day is the same; a time the rules refuse (a holiday, a working-hours change) is
 * left out. Patient-Lindqvist sees only Maria Reyes, so the demo clinician (Dr. Okafor) has a
 * patient who is not theirs.
 */
export async function seedDemoAppointments(
  db: Db,
  vault: Vault,
  organizationId: string,
  demoPatientIds: string[],
  clock: Clock,
): Promise<number> {
  const patients = createPatients({ db, vault, audit: createAudit(db) });
  const extra: string[] = [];
  for (const identity of morePatients) {
    const id =
      (await patients.importPatient(
        { type: 'system', job: 'seed-demo' },
        organizationId,
        identity,
      )) ?? (await patients.idByMrn(organizationId, identity.mrn!));
    if (id) extra.push(id);
  }
  // The first demo patient is the demo patient account's record: its visits are the ones the
  // person trying the portal books, so the seed leaves it none.
  const [, okaforPatient, lindqvistPatient] = demoPatientIds;
  const pool = [okaforPatient, ...extra].filter((p): p is string => Boolean(p));
  const locations = await listLocations(db, organizationId);
  const boston = locations.find((l) => l.timeZone === 'America/New_York');
  const phoenix = locations.find((l) => l.timeZone === 'America/Phoenix');
  const providers = await directory.listProviders(db, organizationId);
  const byName = (part: string) => providers.find((p) => p.displayName.includes(part))?.id;
  const types = await directory.listAppointmentTypes(db, organizationId);
  const typeId = {
    follow: types.find((t) => t.name === 'Follow-up visit')?.id,
    procedure: types.find((t) => t.name === 'Minor procedure')?.id,
  };
  const okafor = byName('Okafor');
  const lindqvist = byName('Lindqvist');
  const reyes = byName('Reyes');
  if (!boston || !phoenix || !okafor || !lindqvist || !reyes) return 0;

  const now = clock.now().getTime();
  const at = (t: number): BookingDeps => ({ db, holdMinutes: 10, now: () => t });
  let booked = 0;
  let n = 0;
  const book = async (
    providerId: string,
    location: { id: string; timeZone: string },
    date: Temporal.PlainDate,
    [time, kind, modality]: Visit,
    patientId: string,
  ) => {
    const start = date.toZonedDateTime({
      timeZone: location.timeZone,
      plainTime: time,
    }).epochMilliseconds;
    const appointmentTypeId = typeId[kind];
    if (!appointmentTypeId) return;
    try {
      const a = await hold(seeder, at(start - 72 * HOUR), {
        organizationId,
        appointmentTypeId,
        providerId,
        locationId: location.id,
        patientId,
        start: new Date(start).toISOString(),
        modality: modality ?? 'in_person',
        confirm: true,
      });
      booked++;
      const end = Date.parse(a.end);
      if (end > now - HOUR) return;
      const act = (action: 'checkIn' | 'complete' | 'noShow', t: number) =>
        transition(seeder, at(t), organizationId, a.id, action);
      if (++n % 5 === 0) await act('noShow', start + 20 * 60_000);
      else {
        if (a.modality === 'in_person') await act('checkIn', start - 5 * 60_000);
        await act('complete', end);
      }
    } catch {
      // A time the rules refuse that day is simply not part of the demo.
    }
  };

  const today = Temporal.Instant.fromEpochMilliseconds(now)
    .toZonedDateTimeISO(boston.timeZone)
    .toPlainDate();
  const monday = today.subtract({ days: today.dayOfWeek - 1 });
  const days: Temporal.PlainDate[] = [];
  for (let d = 0; d < 5; d++) days.push(monday.add({ days: d }));
  // The next two working days after this week's, so a demo on a Friday or a weekend shows some.
  for (let d = 7; days.length < 7; d++) days.push(monday.add({ days: d }));
  let turn = 0;
  const next = () => pool[turn++ % pool.length]!;
  for (const date of days) {
    for (const visit of okaforDay) await book(okafor, boston, date, visit, next());
    // Dr. Lindqvist is in Boston on Monday, Wednesday and Friday, in Phoenix on the other two.
    const lindqvistAt = date.dayOfWeek % 2 === 1 ? boston : phoenix;
    for (const visit of lindqvistDay) await book(lindqvist, lindqvistAt, date, visit, next());
    for (const [i, visit] of reyesDay.entries()) {
      await book(
        reyes,
        phoenix,
        date,
        visit,
        i === 1 && lindqvistPatient ? lindqvistPatient : next(),
      );
    }
  }
  return booked;
}
