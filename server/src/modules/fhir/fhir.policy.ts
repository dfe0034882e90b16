import type { FastifyRequest } from 'fastify';
import type { Policy } from '../../platform/http/route.ts';
import { anyOf, patient, schedulingStaff, signedIn } from '../access/access.policy.ts';
import { holdAppointment, viewAppointment } from '../booking/booking.policy.ts';

/**
 * An integration client's bearer token (SMART Backend Services). What its scopes reach is the
 * access table's to say, record by record; this only lets it reach the route.
 */
export const integrationClient: Policy = Object.freeze({
  name: 'integration',
  allows: (req: FastifyRequest) =>
    req.actor.type === 'user' &&
    req.actor.roles.includes('integration') &&
    req.actor.smartScopes !== undefined,
});

export const fhirViewAppointment = anyOf(viewAppointment, integrationClient);
export const fhirHoldAppointment = anyOf(holdAppointment, integrationClient);

/** Appointment search: a patient's own (accounts, not guests), staff's, an integration client's. */
export const fhirSearchAppointments = anyOf(patient, schedulingStaff, integrationClient);

/**
 * Who reaches a patient's record through FHIR at all (Patient routes, `$find` with
 * `patient-reference`): a signed-in account or an integration client. What each may do is the
 * access table's, checked by the patients service.
 */
export const fhirPatientAccess = anyOf(signedIn, integrationClient);
