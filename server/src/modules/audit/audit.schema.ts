import { z } from 'zod';

/** One audit event as compliance officers see it: ids and codes, never a PHI value. */
export const auditEventSchema = z.object({
  id: z.string(),
  seq: z.string(),
  occurredAt: z.string(),
  organizationId: z.string().nullable(),
  actor: z.object({
    type: z.string(),
    id: z.string().nullable(),
    role: z.string().nullable(),
  }),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  resourceIds: z.array(z.string()).nullable(),
  patientId: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failed']),
  requestId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  userAgentDigest: z.string().nullable(),
  /** ISO 3166-1 alpha-2 country of the source address (sign-in and account events). */
  sourceCountry: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;

const token = z.string().min(1).max(200);

export const auditFilterSchema = z.strictObject({
  patientId: z.uuid().optional(),
  actorId: token.optional(),
  action: token.optional(),
  resourceType: token.optional(),
  resourceId: token.optional(),
  outcome: z.enum(['success', 'denied', 'failed']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditSearchQuerySchema = auditFilterSchema.extend({
  /** Cursor: events older than this sequence number (the `next` of the previous page). */
  before: z
    .string()
    .regex(/^\d{1,18}$/, 'a sequence number')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditSearchQuery = z.infer<typeof auditSearchQuerySchema>;

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
});

/** Cursor of a long export or accounting: events after this sequence number (its `next`). */
const after = z
  .string()
  .regex(/^\d{1,18}$/, 'a sequence number')
  .optional();

export const exportQuerySchema = auditFilterSchema.extend({
  format: z.enum(['csv', 'fhir-ndjson']),
  after,
});

export const disclosureQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  after,
});

export const disclosureReportSchema = z.object({
  patientId: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  entries: z.array(
    z.object({
      when: z.string(),
      who: z.object({ type: z.string(), id: z.string().nullable(), role: z.string().nullable() }),
      action: z.string(),
      what: z.string(),
      outcome: z.string(),
      eventId: z.string(),
    }),
  ),
  /** More entries than one report holds: ask again with `after` set to `next`. */
  truncated: z.boolean(),
  next: z.string().nullable(),
});
export type DisclosureReport = z.infer<typeof disclosureReportSchema>;
