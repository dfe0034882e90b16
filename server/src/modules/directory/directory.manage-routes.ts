import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import { manageDirectory } from './directory.policy.ts';
import {
  appointmentTypeInput,
  dateOverrideInput,
  holidayInput,
  localDate,
  newLocationInput,
  providerInput,
  resourceInput,
  timeOffInput,
  workingHoursInput,
} from './directory.rules-schema.ts';
import * as rules from './directory.rules-service.ts';
import { slugSchema } from './directory.schema.ts';
import { organizationIdBySlug } from './directory.service.ts';

const org = z.strictObject({ slug: slugSchema });
const orgAndId = z.strictObject({ slug: slugSchema, id: z.uuid() });
const created = { 201: z.object({ id: z.string() }) };
const audit = (action: string, resourceType: string) => ({ action, resourceType });

export const providerSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    credentials: z.string(),
    specialties: z.array(z.string()),
    languages: z.array(z.string()),
    acceptingNewPatients: z.boolean(),
    bio: z.string(),
    locationIds: z.array(z.uuid()),
  })
  .meta({ id: 'Provider' });

export const appointmentTypeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    instructions: z.string(),
    durationMinutes: z.number(),
    bufferBeforeMinutes: z.number(),
    bufferAfterMinutes: z.number(),
    minNoticeMinutes: z.number(),
    horizonDays: z.number(),
    slotIntervalMinutes: z.number(),
    modalities: z.array(z.enum(['in_person', 'telehealth'])),
    requiredResourceKinds: z.array(z.string()),
    eligibility: z.enum(['any', 'new', 'established']),
    minAgeYears: z.number().nullable(),
    maxAgeYears: z.number().nullable(),
    prerequisites: z.array(z.looseObject({ kind: z.string() })),
    cancelCutoffHours: z.number(),
    rescheduleCutoffHours: z.number(),
    allowsOverbooking: z.boolean(),
    scope: z.array(z.object({ providerId: z.uuid(), locationId: z.uuid() })),
  })
  .meta({ id: 'AppointmentType' });

/** Public reads of the scheduling directory, and manager/admin changes to it. */
export function directoryManageRoutes(app: App, db: Db) {
  route(app, {
    method: 'GET',
    url: '/api/organizations/:slug/providers',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'Providers of an organization (public)',
      tags: ['directory'],
      params: org,
      response: { 200: z.object({ providers: z.array(providerSchema) }) },
    },
    handler: async (req) => ({
      providers: await rules.listProviders(db, await organizationIdBySlug(db, req.params.slug)),
    }),
  });

  route(app, {
    method: 'GET',
    url: '/api/organizations/:slug/appointment-types',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'Appointment types an organization offers (public)',
      tags: ['directory'],
      params: org,
      response: { 200: z.object({ appointmentTypes: z.array(appointmentTypeSchema) }) },
    },
    handler: async (req) => ({
      appointmentTypes: await rules.listAppointmentTypes(
        db,
        await organizationIdBySlug(db, req.params.slug),
      ),
    }),
  });

  const creates = [
    ['locations', newLocationInput, rules.createLocation, 'location'],
    ['providers', providerInput, rules.createProvider, 'provider'],
    ['resources', resourceInput, rules.createResource, 'resource'],
    ['appointment-types', appointmentTypeInput, rules.createAppointmentType, 'appointment_type'],
    ['working-hours', workingHoursInput, rules.addWorkingHours, 'working_hours'],
    ['date-overrides', dateOverrideInput, rules.addDateOverride, 'date_override'],
    ['time-off', timeOffInput, rules.addTimeOff, 'time_off'],
    ['holidays', holidayInput, rules.setHoliday, 'holiday'],
  ] as const;
  for (const [path, body, create, resourceType] of creates) {
    route(app, {
      method: 'POST',
      url: `/api/organizations/:slug/${path}`,
      access: manageDirectory,
      audit: audit(`directory.${resourceType}.create`, resourceType),
      schema: {
        summary: `Add to ${path}`,
        tags: ['directory'],
        params: org,
        body,
        response: created,
      },
      handler: async (req, reply) => {
        const orgId = await organizationIdBySlug(db, req.params.slug);
        const id = await create(req.actor, db, orgId, req.body);
        req.audited.organizationId = orgId;
        req.audited.resourceId = id;
        return reply.code(201).send({ id });
      },
    });
  }

  const updates = [
    ['locations', newLocationInput, rules.updateLocation, 'location'],
    ['providers', providerInput, rules.updateProvider, 'provider'],
    ['resources', resourceInput, rules.updateResource, 'resource'],
    ['appointment-types', appointmentTypeInput, rules.updateAppointmentType, 'appointment_type'],
  ] as const;
  for (const [path, body, update, resourceType] of updates) {
    route(app, {
      method: 'PUT',
      url: `/api/organizations/:slug/${path}/:id`,
      access: manageDirectory,
      audit: audit(`directory.${resourceType}.update`, resourceType),
      schema: { summary: `Replace one of ${path}`, tags: ['directory'], params: orgAndId, body },
      handler: async (req, reply) => {
        const orgId = await organizationIdBySlug(db, req.params.slug);
        await update(req.actor, db, orgId, req.params.id, req.body);
        req.audited.organizationId = orgId;
        req.audited.resourceId = req.params.id;
        return reply.code(204).send();
      },
    });
  }

  const deletes = [
    ['working-hours', 'working_hours'],
    ['date-overrides', 'date_overrides'],
    ['time-off', 'time_off'],
  ] as const;
  for (const [path, kind] of deletes) {
    route(app, {
      method: 'DELETE',
      url: `/api/organizations/:slug/${path}/:id`,
      access: manageDirectory,
      audit: audit(`directory.${kind}.delete`, kind),
      schema: { summary: `Remove one of ${path}`, tags: ['directory'], params: orgAndId },
      handler: async (req, reply) => {
        const orgId = await organizationIdBySlug(db, req.params.slug);
        await rules.removeRule(req.actor, db, orgId, kind, req.params.id);
        req.audited.organizationId = orgId;
        req.audited.resourceId = req.params.id;
        return reply.code(204).send();
      },
    });
  }

  route(app, {
    method: 'DELETE',
    url: '/api/organizations/:slug/resources/:id',
    access: manageDirectory,
    audit: audit('directory.resource.delete', 'resource'),
    schema: {
      summary: 'Remove a resource (409 resource-in-use while appointments take it)',
      tags: ['directory'],
      params: orgAndId,
    },
    handler: async (req, reply) => {
      const orgId = await organizationIdBySlug(db, req.params.slug);
      await rules.removeResource(req.actor, db, orgId, req.params.id);
      req.audited.organizationId = orgId;
      req.audited.resourceId = req.params.id;
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/organizations/:slug/holidays/:date',
    access: manageDirectory,
    audit: audit('directory.holiday.delete', 'holiday'),
    schema: {
      summary: 'Remove a holiday',
      tags: ['directory'],
      params: z.strictObject({ slug: slugSchema, date: localDate }),
    },
    handler: async (req, reply) => {
      const orgId = await organizationIdBySlug(db, req.params.slug);
      await rules.removeHoliday(req.actor, db, orgId, req.params.date);
      req.audited.organizationId = orgId;
      return reply.code(204).send();
    },
  });
}
