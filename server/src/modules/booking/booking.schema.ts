import { z } from 'zod';
import { appointmentStatuses } from './booking.statuses.ts';

export const cancelReasonSchema = z.enum([
  'patient_request',
  'provider_unavailable',
  'clinic_closed',
  'duplicate',
  'other',
]);
export const overrideReasonSchema = z.enum([
  'patient_called',
  'clinical_need',
  'clinic_error',
  'other',
]);
export const overbookReasonSchema = z.enum(['urgent', 'provider_request', 'follow_up', 'other']);
const modality = z.enum(['in_person', 'telehealth']);

export const holdInput = z.strictObject({
  organizationId: z.uuid(),
  appointmentTypeId: z.uuid(),
  providerId: z.uuid(),
  locationId: z.uuid(),
  patientId: z.uuid(),
  start: z.iso.datetime({ offset: true }),
  modality,
  /** Staff only: book straight to `booked` without a hold. */
  confirm: z.boolean().default(false),
  /** Staff only: take the capped extra lane, with a reason code. */
  overbookReason: overbookReasonSchema.optional(),
  /**
   * Staff only: the rooms or equipment the visit takes (the schedule's room column), each of a
   * kind the type requires at the location; taken → 409. Without it the first free one is taken.
   */
  resourceIds: z.array(z.uuid()).min(1).max(5).optional(),
});
export type HoldInput = z.infer<typeof holdInput>;

export const cancelInput = z.strictObject({
  reasonCode: cancelReasonSchema,
  overrideReason: overrideReasonSchema.optional(),
});

export const rescheduleInput = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  providerId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  modality: modality.optional(),
  overrideReason: overrideReasonSchema.optional(),
});

export const slotSchema = z
  .object({
    start: z.string(),
    end: z.string(),
    providerId: z.uuid(),
    locationId: z.uuid(),
    modalities: z.array(modality),
  })
  .meta({ id: 'Slot' });

export const appointmentSchema = z
  .object({
    id: z.uuid(),
    appointmentTypeId: z.uuid(),
    providerId: z.uuid(),
    locationId: z.uuid(),
    patientId: z.uuid().nullable(),
    modality,
    status: z.enum(appointmentStatuses),
    start: z.string(),
    end: z.string(),
    holdExpiresAt: z.string().nullable(),
    overbooked: z.boolean(),
    resourceIds: z.array(z.uuid()),
    rescheduledFrom: z.uuid().nullable(),
    cancelReason: z.string().nullable(),
    joinUrl: z.string().nullable().describe('Telehealth join link, for the signed-in patient only'),
    version: z.number().int(),
    seriesId: z.uuid().nullable().describe('The recurring series it belongs to, if any'),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof appointmentSchema>;
