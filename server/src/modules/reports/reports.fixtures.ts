import { addPatient, managerOf } from '../../../test/clinic.ts';
import { addOrganization, type IdentityApp, type Org } from '../../../test/identity-fixtures.ts';
import * as directory from '../directory/directory.rules-service.ts';

// A week at a clinic with two locations, seeded with a history whose figures are worked out by
// hand below. Main is in Chicago (UTC-6 in January), East in New York (UTC-5).
//
// Working time, 2030-01-07 (Mon) to 2030-01-13 (Sun); Wednesday the 9th is a holiday:
//   Ames at Main, Mon-Fri 09-17: Mon 480 + Tue 480 + Wed 0 + Thu 480 less 2 h off (360)
//     + Fri overridden to 09-12 (180)                                               = 1500 min
//   "=HYPERLINK" at Main, Mon and Wed 08-12: Mon 240 + Wed 0                          =  240 min
//   Cole at East, Tue 10-14                                                         =  240 min
export const week = { from: '2030-01-07', to: '2030-01-13' };

export interface ReportingWeek {
  org: Org;
  eastId: string;
  ames: string;
  hyper: string;
  cole: string;
  followUp: string;
  newPatient: string;
  patientId: string;
  appointmentIds: string[];
}

/** The clinic, its rules for the week, and its history (test-only helper). */
export async function seedReportingWeek(h: IdentityApp): Promise<ReportingWeek> {
  const appointmentIds: string[] = [];
  const org = await addOrganization(h, 'reporting'); // its location "Main" is in America/Chicago
  const m = managerOf(org.id);
  const eastId = await directory.createLocation(m, h.db, org.id, {
    name: 'East',
    timeZone: 'America/New_York',
  });
  const ames = await directory.createProvider(m, h.db, org.id, {
    displayName: 'Dr. Ames',
    locationIds: [org.locationId],
  });
  const hyper = await directory.createProvider(m, h.db, org.id, {
    displayName: '=HYPERLINK("http://evil.example")',
    locationIds: [org.locationId],
  });
  const cole = await directory.createProvider(m, h.db, org.id, {
    displayName: 'Dr. Cole',
    locationIds: [eastId],
  });
  const type = (name: string) =>
    directory.createAppointmentType(m, h.db, org.id, {
      name,
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      modalities: ['in_person'],
    });
  const followUp = await type('Follow-up');
  const newPatient = await type('+New patient');
  const hours = (providerId: string, locationId: string, weekday: number, s: string, e: string) =>
    directory.addWorkingHours(m, h.db, org.id, {
      providerId,
      locationId,
      weekday,
      startTime: s,
      endTime: e,
    });
  for (let d = 1; d <= 5; d++) await hours(ames, org.locationId, d, '09:00', '17:00');
  await hours(hyper, org.locationId, 1, '08:00', '12:00');
  await hours(hyper, org.locationId, 3, '08:00', '12:00');
  await hours(cole, eastId, 2, '10:00', '14:00');
  // Hours that are not in effect this week count for nothing.
  await directory.addWorkingHours(m, h.db, org.id, {
    providerId: cole,
    locationId: eastId,
    weekday: 4,
    startTime: '10:00',
    endTime: '14:00',
    effectiveFrom: '2030-02-01',
  });
  await directory.setHoliday(m, h.db, org.id, { date: '2030-01-09', name: 'Clinic day off' });
  await directory.addTimeOff(m, h.db, org.id, {
    providerId: ames,
    start: '2030-01-10T19:00:00Z', // 13:00-15:00 in Chicago
    end: '2030-01-10T21:00:00Z',
  });
  await directory.addDateOverride(m, h.db, org.id, {
    providerId: ames,
    locationId: org.locationId,
    date: '2030-01-11',
    startTime: '09:00',
    endTime: '12:00',
  });

  const patientId = await addPatient(h.db, org.id);
  /**
   * One appointment of the history: its final status and its state changes, with their times.
   * Unless it says otherwise, a 30-minute follow-up with Ames at Main.
   */
  async function seed(given: {
    provider?: string;
    location?: string;
    type?: string;
    start: string;
    minutes?: number;
    status: string;
    events: [status: string, at: string][];
    cancelReason?: string;
    rescheduledFrom?: string;
  }): Promise<string> {
    const a = { provider: ames, location: org.locationId, type: followUp, minutes: 30, ...given };
    const end = new Date(Date.parse(a.start) + a.minutes * 60_000).toISOString();
    const { rows } = await h.db.query<{ id: string }>(
      `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
         patient_id, modality, status, starts_at, ends_at, during, cancel_reason, hold_expires_at,
         rescheduled_from, created_at)
       values ($1, $2, $3, $4, $5, 'in_person', $6, $7, $8, tstzrange($7::timestamptz, $8::timestamptz),
         $9, case when $6 = 'held' then $8::timestamptz end, $10, $11)
       returning id::text`,
      [
        org.id,
        a.type,
        a.provider,
        a.location,
        patientId,
        a.status,
        a.start,
        end,
        a.cancelReason ?? null,
        a.rescheduledFrom ?? null,
        a.events[0]![1],
      ],
    );
    const id = rows[0]!.id;
    let from: string | null = null;
    for (const [to, at] of a.events) {
      await h.db.query(
        `insert into appointment_events (appointment_id, occurred_at, actor_type, from_status, to_status)
         values ($1, $2, 'user', $3, $4)`,
        [id, at, from, to],
      );
      from = to;
    }
    appointmentIds.push(id);
    return id;
  }

  const booked = (at: string): [string, string] => ['booked', at];
  // Visits (booked and still holding their time), with their lead times:
  // 1. Ames, Mon 09:00 Chicago, completed, follow-up, booked a day before          1440 min
  await seed({
    start: '2030-01-07T15:00:00Z',
    status: 'completed',
    events: [
      booked('2030-01-06T15:00:00Z'),
      ['checked_in', '2030-01-07T14:55:00Z'],
      ['completed', '2030-01-07T15:30:00Z'],
    ],
  });
  // 2. Ames, Mon 10:00, an hour, no-show, follow-up, booked three days before        4320 min
  await seed({
    start: '2030-01-07T16:00:00Z',
    minutes: 60,
    status: 'no_show',
    events: [booked('2030-01-04T16:00:00Z'), ['no_show', '2030-01-07T16:20:00Z']],
  });
  // 3. Ames, Thu 09:00, 45 min, checked in, new patient, booked two hours before      120 min
  await seed({
    type: newPatient,
    start: '2030-01-10T15:00:00Z',
    minutes: 45,
    status: 'checked_in',
    events: [
      ['held', '2030-01-10T12:58:00Z'],
      booked('2030-01-10T13:00:00Z'),
      ['checked_in', '2030-01-10T14:50:00Z'],
    ],
  });
  // 4. Ames, Fri 09:00, still booked, follow-up, booked 30 days before               43200 min
  await seed({
    start: '2030-01-11T15:00:00Z',
    status: 'booked',
    events: [booked('2029-12-12T15:00:00Z')],
  });
  // Moved: Ames, Tue 11:00, follow-up, rescheduled to Thu 10:00 (5.)
  const moved = await seed({
    start: '2030-01-08T17:00:00Z',
    status: 'cancelled',
    cancelReason: 'rescheduled',
    events: [booked('2030-01-02T17:00:00Z'), ['cancelled', '2030-01-08T16:00:00Z']],
  });
  // 5. Ames, Thu 10:00, completed, follow-up, booked (by the reschedule) two days before 2880 min
  await seed({
    start: '2030-01-10T16:00:00Z',
    status: 'completed',
    rescheduledFrom: moved,
    events: [
      booked('2030-01-08T16:00:00Z'),
      ['checked_in', '2030-01-10T15:58:00Z'],
      ['completed', '2030-01-10T16:30:00Z'],
    ],
  });
  // 6. "=HYPERLINK", Mon 08:00, an hour, completed, new patient, booked 12 h before    720 min
  await seed({
    provider: hyper,
    type: newPatient,
    start: '2030-01-07T14:00:00Z',
    minutes: 60,
    status: 'completed',
    events: [booked('2030-01-07T02:00:00Z'), ['completed', '2030-01-07T15:00:00Z']],
  });
  // 7. Cole, Tue 10:00 New York, no-show, new patient, booked 60 days before          86400 min
  await seed({
    provider: cole,
    location: eastId,
    type: newPatient,
    start: '2030-01-08T15:00:00Z',
    status: 'no_show',
    events: [booked('2029-11-09T15:00:00Z'), ['no_show', '2030-01-08T15:30:00Z']],
  });
  // 8. "=HYPERLINK", Sun 13th 20:00 Chicago (the 14th in UTC: still this week there), booked,
  //    follow-up, booked two days before                                              2880 min
  await seed({
    provider: hyper,
    start: '2030-01-14T02:00:00Z',
    status: 'booked',
    events: [booked('2030-01-12T02:00:00Z')],
  });
  // Not visits: a cancellation after booking, holds never booked (held, cancelled, expired).
  await seed({
    start: '2030-01-08T15:00:00Z',
    status: 'cancelled',
    cancelReason: 'patient_request',
    events: [booked('2030-01-01T00:00:00Z'), ['cancelled', '2030-01-05T00:00:00Z']],
  });
  await seed({
    start: '2030-01-11T16:00:00Z',
    status: 'held',
    events: [['held', '2030-01-06T00:00:00Z']],
  });
  await seed({
    start: '2030-01-11T17:00:00Z',
    status: 'cancelled',
    cancelReason: 'patient_request',
    events: [
      ['held', '2030-01-06T00:00:00Z'],
      ['cancelled', '2030-01-06T00:05:00Z'],
    ],
  });
  await seed({
    start: '2030-01-07T18:00:00Z',
    status: 'expired',
    events: [
      ['held', '2030-01-06T00:00:00Z'],
      ['expired', '2030-01-06T00:10:00Z'],
    ],
  });
  // Outside the week: Sunday the 6th at 23:30 in Chicago is already the 7th in UTC.
  await seed({
    start: '2030-01-07T05:30:00Z',
    status: 'completed',
    events: [booked('2030-01-01T05:30:00Z'), ['completed', '2030-01-07T06:00:00Z']],
  });
  return { org, eastId, ames, hyper, cole, followUp, newPatient, patientId, appointmentIds };
}
