import type { WorkforceRole } from '../../api/types.ts';

/** Every workforce role, in the order the users page lists them. */
export const workforceRoles: WorkforceRole[] = [
  'front_desk',
  'clinician',
  'manager',
  'admin',
  'compliance_officer',
];
