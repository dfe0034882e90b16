import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { transition } from '../booking/booking.lifecycle.ts';
import type { Appointment } from '../booking/booking.schema.ts';
import type { BookingDeps } from '../booking/booking.service.ts';
import { getAppointment } from '../booking/booking.service.ts';
import { appointmentResource } from './fhir.appointments.ts';
import { cancelReasons } from './fhir.cancel.ts';

/**
 * Cancelling an appointment by `PATCH` with a JSON Patch (RFC 6902): `replace` (or `add`) on
 * `/status` with `cancelled`, optionally `add`/`replace` on `/cancelationReason`, and any number
 * of `test` operations checked against the resource as it stands. Nothing else may change. An
 * `If-Match` is honoured when sent (a stale one is a 412); the booking service's cancel runs.
 */

export const jsonPatchContentType = 'application/json-patch+json';

export const appointmentPatch = z
  .array(
    z.strictObject({
      op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
      path: z.string().max(200),
      from: z.string().max(200).optional(),
      value: z.unknown().optional(),
    }),
  )
  .min(1)
  .max(10);
export type AppointmentPatch = z.infer<typeof appointmentPatch>;

const reasonValue = z.looseObject({
  coding: z
    .array(z.looseObject({ system: z.string().max(200).optional(), code: z.string().max(64) }))
    .min(1)
    .max(5),
});

/** RFC 6901: the value a pointer names in a document, or undefined when there is none. */
function resolve(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  if (!pointer.startsWith('/')) return undefined;
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Structural equality of two JSON values (object keys in any order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

export async function cancelByPatch(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  id: string,
  patch: AppointmentPatch,
  version: number | undefined,
): Promise<Appointment> {
  const refuse = (index: number, detail: string): never => {
    throw new Invalid(
      'Only cancelling is supported by PATCH: replace /status with cancelled, optionally add /cancelationReason.',
      [{ pointer: `/body/${index}`, detail }],
    );
  };
  // The resource as it stands (the access table first: another's is a 404).
  const current = appointmentResource(await getAppointment(actor, deps, organizationId, id));
  let cancelled = false;
  let reasonCode: (typeof cancelReasons)[string] | undefined = 'other';
  for (const [i, op] of patch.entries()) {
    if (op.op === 'test') {
      if (!sameJson(resolve(current, op.path), op.value)) {
        refuse(i, 'a test that does not hold for the appointment as it stands');
      }
    } else if (op.path === '/status' && (op.op === 'replace' || op.op === 'add')) {
      if (op.value !== 'cancelled') refuse(i, 'the value cancelled');
      cancelled = true;
    } else if (op.path === '/cancelationReason' && (op.op === 'replace' || op.op === 'add')) {
      const reason = reasonValue.safeParse(op.value);
      if (!reason.success) refuse(i, 'a CodeableConcept with a coding');
      const code = reason.data!.coding[0]!.code;
      reasonCode = cancelReasons[code];
      if (!reasonCode) refuse(i, 'pat, prov, maint or other');
    } else {
      refuse(i, 'replace /status or add /cancelationReason');
    }
  }
  if (!cancelled) {
    refuse(patch.length - 1, 'a replace of /status with cancelled');
  }
  return transition(actor, deps, organizationId, id, 'cancel', {
    body: { reasonCode },
    expectedVersion: version,
  });
}
