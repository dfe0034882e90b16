import type { Actor } from '../../platform/http/actor.ts';
import { DomainError, Forbidden, Invalid } from '../../platform/http/errors.ts';
import { transition } from '../booking/booking.lifecycle.ts';
import type { Appointment } from '../booking/booking.schema.ts';
import {
  getAppointment,
  hold,
  reschedule,
  SlotTaken,
  type BookingDeps,
} from '../booking/booking.service.ts';
import {
  appointmentResource,
  proposedAppointment,
  readProposal,
  type Proposal,
} from './fhir.appointments.ts';
import { referencedId } from './fhir.ids.ts';
import { outcomeOf } from './fhir.outcome.ts';
import type { FhirResource } from './fhir.resources.ts';
import { resourceParameter, valueParameter, type ParametersBody } from './fhir.parameters.ts';

/**
 * Argonaut Scheduling's `$hold` and `$book` over the booking service: the same checks, the same
 * exclusion constraint, the same idempotency keys as POST /api/appointments. A time someone else
 * took is not an error but an answer: the appointment comes back `cancelled`, with an
 * OperationOutcome saying why and the nearest free times as proposed Appointments.
 */

export const holdParams = ['appt-resource'] as const;
export const bookParams = ['appt-id', 'appt-resource', 'cancelled-appt-id', 'comment'] as const;

function organizationOf(actor: Actor): string {
  if (actor.type === 'user' || actor.type === 'patient') return actor.organizationId;
  throw new Forbidden();
}

type Answer = FhirResource & { entry: unknown[] };

function answer(
  appointment: FhirResource,
  extra: { resource: FhirResource; mode: string }[] = [],
): Answer {
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    type: 'searchset',
    total: 1,
    entry: [
      { resource: appointment, search: { mode: 'match' } },
      ...extra.map((e) => ({ resource: e.resource, search: { mode: e.mode } })),
    ],
  };
}

/** The refusal of a taken time: the asked appointment cancelled, why, and what is free nearby. */
function taken(err: SlotTaken, asked: Proposal, requestId: string): Answer {
  const alternatives = (err.extensions?.alternatives ?? []) as {
    start: string;
    end: string;
    providerId: string;
    locationId: string;
    modalities: Proposal['modality'][];
  }[];
  const outcome = outcomeOf({
    type: `urn:hourglass:problem:${err.slug}`,
    title: err.title,
    status: err.status,
    detail:
      'Someone else has this time. The nearest free times are included as proposed appointments.',
    instance: `urn:uuid:${requestId}`,
    requestId,
  });
  outcome.issue[0]!.severity = 'error';
  return answer({ ...proposedAppointment(asked), status: 'cancelled' }, [
    { resource: outcome as FhirResource & typeof outcome, mode: 'outcome' },
    ...alternatives.map((a) => ({
      resource: proposedAppointment({
        typeId: asked.typeId,
        providerId: a.providerId,
        locationId: a.locationId,
        start: Date.parse(a.start),
        end: Date.parse(a.end),
        modality: a.modalities.includes(asked.modality) ? asked.modality : a.modalities[0]!,
      }),
      mode: 'include',
    })),
  ]);
}

/** Holds (or for staff with `confirm`, books) the proposed appointment. */
async function holdProposal(
  actor: Actor,
  deps: BookingDeps,
  resource: unknown,
  opts: { confirm: boolean; idempotencyKey: string | undefined },
): Promise<{ held: Appointment } | { refused: SlotTaken; asked: Proposal }> {
  const p = readProposal(resource, '/body/parameter/appt-resource');
  const patientId = p.patientId ?? (actor.type === 'patient' ? actor.patientId : undefined);
  if (!patientId) {
    throw new Invalid('Name the patient as a participant (Patient/<id>) of the appointment.', [
      { pointer: '/body/parameter/appt-resource/participant', detail: 'a Patient participant' },
    ]);
  }
  try {
    const held = await hold(
      actor,
      deps,
      {
        organizationId: organizationOf(actor),
        appointmentTypeId: p.typeId,
        providerId: p.providerId,
        locationId: p.locationId,
        patientId,
        start: new Date(p.start).toISOString(),
        modality: p.modality,
        ...(opts.confirm ? { confirm: true } : {}),
      },
      { idempotencyKey: opts.idempotencyKey },
    );
    return { held };
  } catch (err) {
    if (!(err instanceof SlotTaken)) throw err;
    return { refused: err, asked: { ...p, end: p.start } };
  }
}

export async function holdOperation(
  actor: Actor,
  deps: BookingDeps,
  body: ParametersBody,
  ctx: { idempotencyKey: string | undefined; requestId: string },
): Promise<{ bundle: Answer; appointment?: Appointment }> {
  const resource = resourceParameter(body, 'appt-resource');
  if (!resource) {
    throw new Invalid('$hold takes the proposed appointment from $find as appt-resource.', [
      { pointer: '/body/parameter', detail: 'appt-resource is required' },
    ]);
  }
  const r = await holdProposal(actor, deps, resource, { confirm: false, ...ctx });
  if ('refused' in r) return { bundle: taken(r.refused, r.asked, ctx.requestId) };
  return { bundle: answer(appointmentResource(r.held)), appointment: r.held };
}

export async function bookOperation(
  actor: Actor,
  deps: BookingDeps,
  body: ParametersBody,
  ctx: { idempotencyKey: string | undefined; requestId: string },
): Promise<{ bundle: Answer; appointment?: Appointment }> {
  if (valueParameter(body, 'comment') !== undefined) {
    throw new Invalid(
      'Comments are not taken here: they could carry health information outside the intake form.',
      [{ pointer: '/body/parameter', detail: 'comment is not taken' }],
    );
  }
  const apptId = valueParameter(body, 'appt-id');
  const resource = resourceParameter(body, 'appt-resource');
  if ((apptId === undefined) === (resource === undefined)) {
    throw new Invalid('$book takes either appt-id (a held appointment) or appt-resource.', [
      { pointer: '/body/parameter', detail: 'one of appt-id, appt-resource' },
    ]);
  }
  const organizationId = organizationOf(actor);
  const cancelled = valueParameter(body, 'cancelled-appt-id');
  if (cancelled !== undefined) return rescheduleTo(actor, deps, cancelled, resource, ctx);
  let heldId = apptId === undefined ? undefined : referencedId(apptId, 'Appointment');
  if (apptId !== undefined && !heldId) {
    throw new Invalid('appt-id names an Appointment by id.', [
      { pointer: '/body/parameter/appt-id', detail: 'Appointment/<id>' },
    ]);
  }
  if (resource) {
    // Staff book outright; a patient holds, then confirms, as in the portal.
    const staff = actor.type === 'user';
    const r = await holdProposal(actor, deps, resource, { confirm: staff, ...ctx });
    if ('refused' in r) return { bundle: taken(r.refused, r.asked, ctx.requestId) };
    if (r.held.status !== 'held') {
      return { bundle: answer(appointmentResource(r.held)), appointment: r.held };
    }
    heldId = r.held.id;
  }
  try {
    const booked = await transition(actor, deps, organizationId, heldId!, 'confirm');
    return { bundle: answer(appointmentResource(booked)), appointment: booked };
  } catch (err) {
    // A retried $book of a hold it already booked answers the booking again.
    if (!(err instanceof DomainError) || err.slug !== 'invalid-transition') throw err;
    const current = await getAppointment(actor, deps, organizationId, heldId!);
    if (current.status !== 'booked') throw err;
    return { bundle: answer(appointmentResource(current)), appointment: current };
  }
}

/**
 * `$book` with `cancelled-appt-id`: the appointment moved to the proposed time, the new booking
 * and the old one's cancellation (reason `rescheduled`) in one transaction, as the REST
 * reschedule does; a taken time leaves the old appointment as it was. The visit type and patient
 * stay the old appointment's; only `appt-resource` (a time) is taken, not a hold.
 */
async function rescheduleTo(
  actor: Actor,
  deps: BookingDeps,
  cancelledRef: string,
  resource: unknown,
  ctx: { requestId: string },
): Promise<{ bundle: Answer; appointment?: Appointment }> {
  const oldId = referencedId(cancelledRef, 'Appointment');
  if (!oldId || resource === undefined) {
    throw new Invalid(
      'A reschedule takes cancelled-appt-id (Appointment/<id>) and appt-resource.',
      [
        {
          pointer: '/body/parameter/cancelled-appt-id',
          detail: 'Appointment/<id> with appt-resource',
        },
      ],
    );
  }
  const p = readProposal(resource, '/body/parameter/appt-resource');
  try {
    const moved = await reschedule(actor, deps, organizationOf(actor), oldId, {
      start: new Date(p.start).toISOString(),
      providerId: p.providerId,
      locationId: p.locationId,
      modality: p.modality,
    });
    return { bundle: answer(appointmentResource(moved)), appointment: moved };
  } catch (err) {
    if (err instanceof SlotTaken)
      return { bundle: taken(err, { ...p, end: p.start }, ctx.requestId) };
    throw err;
  }
}
