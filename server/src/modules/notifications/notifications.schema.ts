import { z } from 'zod';
import { templateChannels } from './notifications.templates.ts';

export const messageKinds = [
  'confirmation',
  'reschedule',
  'cancellation',
  'reminder',
  'nudge',
  'waitlist_offer',
] as const;

export const planInput = z.strictObject({
  appointmentTypeId: z.uuid().nullable().default(null).describe('null: the organization’s plan'),
  confirmations: z.boolean(),
  reminderLeadHours: z.number().int().min(48).max(72),
  nudgeLeadMinutes: z.number().int().min(15).max(720).nullable(),
  channelOrder: z
    .array(z.enum(['email', 'sms', 'push']))
    .max(3)
    .refine((l) => new Set(l).size === l.length, 'each channel once'),
});

export const planQuery = z.strictObject({
  appointmentTypeId: z.uuid().optional().describe('absent: the organization’s plan'),
});

/** The plan in force, and whether it is the type's own, the organization's or the defaults. */
export const planView = z.object({
  appointmentTypeId: z.uuid().nullable(),
  source: z.enum(['type', 'organization', 'default']),
  confirmations: z.boolean(),
  reminderLeadHours: z.number().int(),
  nudgeLeadMinutes: z.number().int().nullable(),
  channelOrder: z.array(z.enum(['email', 'sms', 'push'])),
});

export const templateParams = z.strictObject({
  kind: z.enum(messageKinds),
  channel: z.enum(templateChannels as ['portal', 'email', 'sms', 'push']),
  language: z.enum(['en', 'es']),
});

export const templateInput = z.strictObject({
  subject: z.string().max(200).default(''),
  body: z.string().min(1).max(2000),
});

/** A message in the patient's inbox: what it said (until the retention window cleared it). */
export const inboxMessageSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(messageKinds),
    appointmentId: z.uuid(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    sentAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'InboxMessage' });

/** A row of an appointment's message log, for staff: metadata, and the text while retained. */
export const messageLogEntrySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(messageKinds),
    status: z.string(),
    channel: z.string().nullable(),
    template: z.string().nullable(),
    templateVersion: z.number().int().nullable(),
    dueAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
    vendorId: z.string().nullable(),
    deliveryStatus: z.string().nullable(),
    reasonCode: z.string().nullable(),
    attempts: z.number().int(),
    body: z.string().nullable(),
    overrides: z.array(
      z.object({ action: z.string(), by: z.string(), reason: z.string(), at: z.iso.datetime() }),
    ),
  })
  .meta({ id: 'MessageLogEntry' });
