import type { Queryable } from '../../platform/db/db.ts';

export interface AppointmentState {
  status: string;
  startsAt: Date;
}

/**
 * For the notifications module's claim: the status and start of each appointment, by id (no
 * patient data). A message is sent only while its appointment is as it was planned for.
 */
export async function appointmentStates(
  q: Queryable,
  ids: string[],
): Promise<Map<string, AppointmentState>> {
  const { rows } = await q.query<{ id: string; status: string; starts_at: Date }>(
    'select id, status, starts_at from appointments where id = any($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { status: r.status, startsAt: r.starts_at }]));
}
