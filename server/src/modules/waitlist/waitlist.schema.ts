import { z } from 'zod';

/** The waitlist's inputs and answers. Opaque ids, local dates and clock times; no PHI. */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const localDate = z.iso.date();

export const timeWindow = z.strictObject({ from: hhmm, to: hhmm });

export const joinInput = z.strictObject({
  organizationId: z.uuid(),
  appointmentTypeId: z.uuid(),
  /** The patient; a patient account may name only their own record. */
  patientId: z.uuid(),
  providerIds: z.array(z.uuid()).max(20).default([]),
  locationIds: z.array(z.uuid()).max(20).default([]),
  modality: z.enum(['in_person', 'telehealth']).nullable().default(null),
  fromDate: localDate,
  toDate: localDate,
  /** Local times of day the patient can come, in the location's zone; empty: any time. */
  windows: z.array(timeWindow).max(7).default([]),
  /** A booked appointment of the patient to move earlier when an offer is accepted. */
  moveAppointmentId: z.uuid().nullable().default(null),
  /** Clinical priority (0–3, higher first): staff only. */
  priority: z.number().int().min(0).max(3).optional(),
});
export type JoinInput = z.infer<typeof joinInput>;

export const offerStatus = z.enum(['sent', 'opened', 'accepted', 'declined', 'expired', 'taken']);

export const offerView = z.strictObject({
  id: z.uuid(),
  entryId: z.uuid(),
  status: offerStatus,
  appointmentTypeId: z.uuid(),
  providerId: z.uuid(),
  locationId: z.uuid(),
  modality: z.enum(['in_person', 'telehealth']),
  start: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  sentAt: z.iso.datetime(),
});
export type OfferView = z.infer<typeof offerView>;

export const entryView = z.strictObject({
  id: z.uuid(),
  patientId: z.uuid(),
  appointmentTypeId: z.uuid(),
  providerIds: z.array(z.uuid()),
  locationIds: z.array(z.uuid()),
  modality: z.enum(['in_person', 'telehealth']).nullable(),
  fromDate: localDate,
  toDate: localDate,
  windows: z.array(timeWindow),
  moveAppointmentId: z.uuid().nullable(),
  priority: z.number().int(),
  status: z.enum(['waiting', 'booked', 'withdrawn']),
  bookedAppointmentId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  /** Offers still open for this entry (sent or opened, not expired). */
  openOffers: z.array(offerView),
});
export type EntryView = z.infer<typeof entryView>;

/** The console's list: each entry with the patient's display name (front desk, clinicians). */
export const staffEntryView = entryView.extend({ patientName: z.string().nullable() });

export const priorityInput = z.strictObject({ priority: z.number().int().min(0).max(3) });

export const settingsInput = z.strictObject({
  /** How many candidates one freed slot is offered to at once (1: one at a time). */
  batchSize: z.number().int().min(1).max(5),
  /** How long an offer holds the slot. */
  offerMinutes: z.number().int().min(5).max(1440),
});
export type WaitlistSettings = z.infer<typeof settingsInput>;

export const tokenInput = z.strictObject({ token: z.string().min(20).max(200) });

export const acceptAnswer = z.strictObject({
  offerId: z.uuid(),
  appointmentId: z.uuid(),
  start: z.iso.datetime(),
  /** The appointment that was moved earlier (cancelled in the same transaction), if any. */
  cancelledAppointmentId: z.uuid().nullable(),
});

export const reportQuery = z.strictObject({
  from: localDate,
  to: localDate,
  locationId: z.uuid().optional(),
});

const ledgerCounts = z.strictObject({
  sent: z.number().int(),
  opened: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  expired: z.number().int(),
  taken: z.number().int(),
  /** Slots offered that an offer filled: accepted slots / slots offered (null: none offered). */
  fillRate: z.number().nullable(),
  /** Mean days sooner of accepted offers that moved a booked appointment (null: none). */
  daysSooner: z.number().nullable(),
});

export const waitlistReport = z.strictObject({
  from: localDate,
  to: localDate,
  total: ledgerCounts,
  byType: z.array(
    ledgerCounts.extend({ appointmentTypeId: z.uuid(), appointmentTypeName: z.string() }),
  ),
});
export type LedgerCounts = z.infer<typeof ledgerCounts>;
