import type { Queryable } from '../../platform/db/db.ts';

/** The SQL of booking's idempotency keys: which appointment a key made, and the request's digest. */

export async function findIdempotent(
  db: Queryable,
  organizationId: string,
  actorId: string,
  key: string,
) {
  const { rows } = await db.query<{ appointment_id: string; request_digest: string | null }>(
    `select appointment_id, request_digest from booking_idempotency
      where organization_id = $1 and actor_id = $2 and key = $3`,
    [organizationId, actorId, key],
  );
  return rows[0];
}

export async function saveIdempotent(
  tx: Queryable,
  organizationId: string,
  actorId: string,
  key: string,
  appointmentId: string,
  requestDigest: string,
) {
  await tx.query(
    `insert into booking_idempotency (organization_id, actor_id, key, appointment_id, request_digest)
     values ($1, $2, $3, $4, $5)`,
    [organizationId, actorId, key, appointmentId, requestDigest],
  );
}
