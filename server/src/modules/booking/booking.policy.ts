import { anyOf, patientOrGuest, schedulingStaff, workforce } from '../access/access.policy.ts';
import type { Policy } from '../../platform/http/route.ts';

/**
 * Route-level: who may reach the booking routes at all — patients, guests, and the scheduling
 * staff (front desk, clinicians, managers, admins). The service then checks each record
 * before loading it (patients act on their own appointments, guests on the ones their session
 * booked, staff on their organization's). Compliance officers see appointments through the audit
 * trail, not here.
 */

export const holdAppointment: Policy = anyOf(patientOrGuest, schedulingStaff);
export const viewAppointment: Policy = anyOf(patientOrGuest, schedulingStaff);
export const changeAppointment: Policy = anyOf(patientOrGuest, schedulingStaff);
/** No-show and completion are the front desk's and the clinician's, never the patient's. */
export const runVisit: Policy = schedulingStaff;
/** Check-in is also the patient's own ("I'm here"), or a guest's for the visit it booked. */
export const checkInAppointment: Policy = anyOf(patientOrGuest, schedulingStaff);

export interface BookingPolicies {
  hold: Policy;
  view: Policy;
  change: Policy;
  visit: Policy;
  /** Check-in; `visit` when not given. */
  checkIn?: Policy;
}

export const bookingPolicies: BookingPolicies = {
  hold: holdAppointment,
  view: viewAppointment,
  change: changeAppointment,
  visit: runVisit,
  checkIn: checkInAppointment,
};

/**
 * The console's schedule with patient names: the front desk, and clinicians (their own schedule,
 * checked in the service). Managers and admins read counts; compliance officers neither.
 */
export const readSchedule: Policy = workforce('front_desk', 'clinician');
export const readScheduleCounts: Policy = schedulingStaff;
/** The organization's check-in and video windows. */
export const manageVisitPolicy: Policy = workforce('manager', 'admin');
