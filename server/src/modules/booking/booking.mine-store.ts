import type { Queryable } from '../../platform/db/db.ts';
import { columns, withResources, type AppointmentRow } from './booking.store.ts';

/**
 * The SQL of a patient's own appointment list: upcoming (not yet over, and booked, checked in or
 * a live hold) soonest first, or past (everything else but expired holds) latest first, a page at
 * a time after a keyset (the last row's start and id). `now` is the app's clock.
 */

export type When = 'upcoming' | 'past';

const live = (now: string) =>
  `(a.status in ('booked', 'checked_in') or (a.status = 'held' and a.hold_expires_at > ${now}))`;
const upcoming = (now: string) => `(a.ends_at > ${now} and ${live(now)})`;
const expiredHold = (now: string) =>
  `(a.status = 'expired' or (a.status = 'held' and a.hold_expires_at <= ${now}))`;

export async function listPatientAppointments(
  db: Queryable,
  q: {
    organizationId: string;
    patientId: string;
    when: When;
    now: Date;
    /** The id of the last appointment of the previous page. */
    after: string | null;
    limit: number;
  },
): Promise<AppointmentRow[]> {
  const now = '$3::timestamptz';
  const which =
    q.when === 'upcoming' ? upcoming(now) : `not ${upcoming(now)} and not ${expiredHold(now)}`;
  const [cmp, dir] = q.when === 'upcoming' ? ['>', 'asc'] : ['<', 'desc'];
  const { rows } = await db.query<AppointmentRow>(
    `select ${columns}, ${withResources} from appointments a
      where a.organization_id = $1 and a.patient_id = $2 and ${which}
        and ($4::uuid is null or (a.starts_at, a.id) ${cmp} (
              select c.starts_at, c.id from appointments c
               where c.organization_id = $1 and c.patient_id = $2 and c.id = $4::uuid))
      order by a.starts_at ${dir}, a.id ${dir}
      limit $5`,
    [q.organizationId, q.patientId, q.now, q.after, q.limit],
  );
  return rows;
}

/** Whether the appointment is this patient's: a page's cursor must name one of theirs. */
export async function isPatientsAppointment(
  db: Queryable,
  organizationId: string,
  patientId: string,
  id: string,
): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from appointments where organization_id = $1 and patient_id = $2 and id = $3',
    [organizationId, patientId, id],
  );
  return rows.length > 0;
}
