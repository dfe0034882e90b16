import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Forbidden } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { patient } from '../access/access.policy.ts';
import { appointmentCalendar } from './booking.calendar.ts';
import { eligibilityCodes } from './booking.eligibility.ts';
import { listMyAppointments, myEligibility } from './booking.mine.ts';
import { viewAppointment } from './booking.policy.ts';
import { visitActionsSchema } from './booking.visit-window.ts';
import { appointmentSchema } from './booking.schema.ts';
import type { BookingDeps } from './booking.service.ts';

/**
 * What the patient portal reads about the signed-in patient's own visits: the list, why a visit
 * type is not offered, and an appointment as a calendar file. Patients only (the list and
 * eligibility); the calendar file as whoever may view the appointment.
 */

const myAppointmentsQuery = z.strictObject({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().min(1).max(200).optional().describe('`nextCursor` of the previous page'),
  patientId: z.uuid().optional().describe('Whose list: today only the signed-in patient’s own'),
});

const address = z.object({
  line: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
});

export const myAppointmentSchema = appointmentSchema
  .extend({
    appointmentType: z.object({ id: z.uuid(), name: z.string(), instructions: z.string() }),
    provider: z.object({ id: z.uuid(), displayName: z.string() }),
    location: z.object({
      id: z.uuid(),
      name: z.string(),
      timeZone: z.string().describe('IANA zone of the location'),
      address,
      phone: z.string().describe('Call here for changes past the cut-off'),
    }),
    actions: z
      .object({
        canConfirm: z.boolean(),
        canCancel: z.boolean(),
        cancelCutoffAt: z
          .string()
          .nullable()
          .describe('Last instant the patient may cancel online; null for a hold or a final state'),
        canReschedule: z.boolean(),
        rescheduleCutoffAt: z.string().nullable(),
      })
      .extend(visitActionsSchema.shape)
      .describe('What the patient may do now, by the rules the changes enforce'),
  })
  .meta({ id: 'MyAppointment' });

export const myAppointmentsAnswer = z.object({
  appointments: z.array(myAppointmentSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null: last page'),
});

const typeIdList = z
  .string()
  .max(20 * 37)
  .transform((s) => s.split(','))
  .pipe(z.array(z.uuid()).min(1).max(20))
  .describe('One appointment type id, or up to 20 comma-separated');

const eligibilityQuery = z.strictObject({
  appointmentTypeId: typeIdList,
  patientId: z.uuid().optional().describe('Whose eligibility: today only the signed-in patient’s'),
});

export const eligibilityReasonSchema = z
  .looseObject({ code: z.enum(eligibilityCodes) })
  .describe(
    'A stable code, with the visit type’s own parameters: minAgeYears, maxAgeYears, ' +
      'appointmentTypeId and withinDays (prior_visit_required)',
  )
  .meta({ id: 'EligibilityReason' });

export const eligibilityAnswer = z.object({
  types: z.array(
    z.object({
      appointmentTypeId: z.uuid(),
      offered: z.boolean(),
      reasons: z.array(eligibilityReasonSchema).describe('Empty when offered'),
    }),
  ),
});

const calendarBody = z.string().describe('text/calendar (RFC 5545): one VEVENT');

const calendarSerializer: FastifySerializerCompiler<unknown> = (r) =>
  r.schema === calendarBody
    ? (data) => data as string
    : serializerCompiler(r as Parameters<typeof serializerCompiler>[0]);

export function bookingPortalRoutes(app: App, deps: BookingDeps) {
  route(app, {
    method: 'GET',
    url: '/api/me/appointments',
    access: patient,
    audit: { action: 'booking.list', resourceType: 'appointment' },
    schema: {
      summary: 'My appointments, upcoming or past, a page at a time, with what I may do now',
      tags: ['booking'],
      querystring: myAppointmentsQuery,
      response: { 200: myAppointmentsAnswer },
    },
    handler: async (req, reply) => {
      const { patientId, appointments, nextCursor } = await listMyAppointments(
        req.actor,
        deps,
        req.query,
      );
      req.audited.patientId = patientId;
      req.audited.resourceIds = appointments.map((a) => a.id);
      reply.header('cache-control', 'no-store');
      return { appointments, nextCursor };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/me/eligibility',
    access: patient,
    audit: { action: 'booking.eligibility.read', resourceType: 'appointment_type' },
    schema: {
      summary: 'Whether each visit type is offered to me, and if not why (stable codes)',
      tags: ['booking'],
      querystring: eligibilityQuery,
      response: { 200: eligibilityAnswer },
    },
    handler: async (req, reply) => {
      const { patientId, types } = await myEligibility(req.actor, deps, {
        appointmentTypeIds: req.query.appointmentTypeId,
        patientId: req.query.patientId,
      });
      req.audited.patientId = patientId;
      req.audited.resourceIds = types.map((t) => t.appointmentTypeId);
      reply.header('cache-control', 'no-store');
      return { types };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/appointments/:id/calendar.ics',
    access: viewAppointment,
    audit: { action: 'booking.calendar.read', resourceType: 'appointment' },
    schema: {
      summary: 'Add to calendar: the appointment as an .ics file ("Appointment — <clinic>" only)',
      tags: ['booking'],
      params: z.strictObject({ id: z.uuid() }),
      response: { 200: calendarBody },
    },
    serializerCompiler: calendarSerializer,
    handler: async (req, reply) => {
      const a = req.actor;
      if (a.type !== 'user' && a.type !== 'patient') throw new Forbidden();
      const { appointment, ics } = await appointmentCalendar(
        a,
        deps,
        a.organizationId,
        req.params.id,
      );
      req.audited.resourceId = appointment.id;
      if (appointment.patientId) req.audited.patientId = appointment.patientId;
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="appointment.ics"')
        .header('cache-control', 'no-store');
      return ics;
    },
  });
}
