import { anyOf, patient, workforce } from '../access/access.policy.ts';
import type { Policy } from '../../platform/http/route.ts';

/**
 * Route-level: who may reach the booking routes at all — patients, and the scheduling staff: front
 * desk, clinicians, managers and admins. Compliance officers, the one workforce role left out, see
 * appointments through the audit trail, not here. The service then checks each record before
 * loading it (booking.service.ts `who`: patients act on their own appointments, staff on their
 * organization's).
 */
const schedulingStaff = workforce('front_desk', 'clinician', 'manager', 'admin');

export const holdAppointment: Policy = anyOf(patient, schedulingStaff);
export const viewAppointment: Policy = anyOf(patient, schedulingStaff);
export const changeAppointment: Policy = anyOf(patient, schedulingStaff);
/** Check-in, no-show and completion are the front desk's and the clinician's, never the patient's. */
export const runVisit: Policy = schedulingStaff;

export interface BookingPolicies {
  hold: Policy;
  view: Policy;
  change: Policy;
  visit: Policy;
}

export const bookingPolicies: BookingPolicies = {
  hold: holdAppointment,
  view: viewAppointment,
  change: changeAppointment,
  visit: runVisit,
};
