import type { Queryable } from '../../platform/db/db.ts';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { checkedKey, firstAnswer, requestDigest } from './booking.idempotency.ts';
import * as idempotencyStore from './booking.idempotency-store.ts';
import * as seriesStore from './booking.series-store.ts';
import { getAppointment, type BookingDeps } from './booking.service.ts';

/**
 * `Idempotency-Key` on `POST /api/series`, as on `POST /api/appointments` (the same table): the
 * key is bound to the series' first booked occurrence and the request's digest, so a retry of the
 * same request gets the series it booked, and the key with another request is a 422.
 */
export function seriesKey(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  rawKey: string | undefined,
  input: object,
) {
  const key = checkedKey(rawKey);
  const owner = actorId(actor) ?? 'anonymous';
  const digest = key ? requestDigest(input) : '';
  return {
    key,
    /** With a key: the first answer to this same request, if it was sent before. */
    async replay() {
      const first = key && (await firstAnswer(deps.db, organizationId, owner, key, digest));
      if (!first) return undefined;
      const seriesId = (await getAppointment(actor, deps, organizationId, first)).seriesId!;
      const appointments = [];
      for (const o of await seriesStore.listOccurrences(deps.db, organizationId, seriesId)) {
        appointments.push(await getAppointment(actor, deps, organizationId, o.id));
      }
      return { seriesId, appointments };
    },
    /** Inside the booking transaction: binds the key to the series' first occurrence. */
    async save(tx: Queryable, firstAppointmentId: string) {
      if (!key) return;
      await idempotencyStore.saveIdempotent(
        tx,
        organizationId,
        owner,
        key,
        firstAppointmentId,
        digest,
      );
    },
  };
}
