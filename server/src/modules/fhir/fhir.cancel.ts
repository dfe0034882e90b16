import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { transition } from '../booking/booking.lifecycle.ts';
import type { Appointment } from '../booking/booking.schema.ts';
import type { BookingDeps } from '../booking/booking.service.ts';
import { getAppointment } from '../booking/booking.service.ts';

/**
 * Cancelling an appointment by `PUT` with `If-Match`: the resource as read, with `status`
 * `cancelled` and, optionally, a `cancelationReason`. Nothing else may change (a reschedule is
 * not a PUT here). The booking service's cancel runs: its cut-off, its version check, its audit.
 */

const anything = z.unknown().optional();
export const appointmentPut = z.strictObject({
  resourceType: z.literal('Appointment'),
  id: z.string().max(64),
  meta: anything,
  extension: anything,
  status: z.string().max(40),
  cancelationReason: z
    .looseObject({
      coding: z
        .array(z.looseObject({ system: z.string().max(200).optional(), code: z.string().max(64) }))
        .max(5)
        .optional(),
    })
    .optional(),
  serviceType: anything,
  appointmentType: anything,
  start: z.string().max(40).optional(),
  end: z.string().max(40).optional(),
  participant: z
    .array(z.looseObject({ actor: z.looseObject({ reference: z.string().max(200) }).optional() }))
    .max(10)
    .optional(),
});
export type AppointmentPut = z.infer<typeof appointmentPut>;

// FHIR's appointment-cancellation-reason codes, and ours, onto booking's reason codes.
export const cancelReasons: Record<
  string,
  'patient_request' | 'provider_unavailable' | 'clinic_closed' | 'duplicate' | 'other'
> = {
  pat: 'patient_request',
  prov: 'provider_unavailable',
  maint: 'clinic_closed',
  patient_request: 'patient_request',
  provider_unavailable: 'provider_unavailable',
  clinic_closed: 'clinic_closed',
  duplicate: 'duplicate',
  other: 'other',
};

/** `If-Match: W/"3"` (what a read's ETag says) → 3; required. */
export function ifMatchVersion(header: string | undefined): number {
  const m = header === undefined ? null : /^(?:W\/)?"v?(\d{1,9})"$/.exec(header.trim());
  if (!m) {
    throw new Invalid('Send If-Match with the ETag of the appointment as you read it.', [
      { pointer: '/header/if-match', detail: 'the ETag of the read, like W/"3"' },
    ]);
  }
  return Number(m[1]);
}

export async function cancelByPut(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  id: string,
  body: AppointmentPut,
  version: number,
): Promise<Appointment> {
  const refuse = (pointer: string, detail: string): never => {
    throw new Invalid(
      'Only cancelling is supported by PUT: change status to cancelled, nothing else.',
      [{ pointer: `/body${pointer}`, detail }],
    );
  };
  if (body.id !== id) refuse('/id', 'the id in the URL');
  if (body.status !== 'cancelled') refuse('/status', 'cancelled');
  // The resource as it stands (the access table first: another's is a 404).
  const current = await getAppointment(actor, deps, organizationId, id);
  if (body.start !== undefined && Date.parse(body.start) !== Date.parse(current.start)) {
    refuse('/start', 'unchanged');
  }
  if (body.end !== undefined && Date.parse(body.end) !== Date.parse(current.end))
    refuse('/end', 'unchanged');
  const actors = (body.participant ?? []).map((p) => p.actor?.reference ?? '').sort();
  const now = [
    ...(current.patientId ? [`Patient/${current.patientId}`] : []),
    `Practitioner/${current.providerId}`,
    `Location/${current.locationId}`,
  ].sort();
  if (body.participant !== undefined && JSON.stringify(actors) !== JSON.stringify(now)) {
    refuse('/participant', 'unchanged');
  }
  const code = body.cancelationReason?.coding?.[0]?.code;
  const reasonCode = code === undefined ? 'other' : cancelReasons[code];
  if (!reasonCode) refuse('/cancelationReason', 'pat, prov, maint or other');
  return transition(actor, deps, organizationId, id, 'cancel', {
    body: { reasonCode },
    expectedVersion: version,
  });
}
