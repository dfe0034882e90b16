import { deny } from '../access/access.policy.ts';
import type { Policy } from '../../platform/http/route.ts';

/**
 * Placeholders until the identity module's policies land: the services already check each record
 * (patients act on their own appointments, staff on their organization's).
 */
export const holdAppointment: Policy = deny;
export const viewAppointment: Policy = deny;
export const changeAppointment: Policy = deny;
export const runVisit: Policy = deny;

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
