import { schedulingStaff } from '../access/access.policy.ts';
import type { Policy } from '../../platform/http/route.ts';

/**
 * Why a time is or is not bookable: for the workforce that schedules (front desk, clinicians,
 * managers, admins), as its reasons reveal that a provider is booked then. Listing open slots is
 * public (availability.routes.ts).
 */
export const explainAvailability: Policy = schedulingStaff;
