import type { WorkforceRole } from '../api/types.ts';

export type AreaId = 'schedule' | 'patients' | 'waitlist' | 'setup' | 'reports' | 'users' | 'audit';

/**
 * The console's areas and the roles that work in each, as the API's route policies admit them
 * (the server enforces; this only keeps the navigation to what the person can use).
 */
export const areas: {
  id: AreaId;
  to: `/console/${AreaId}`;
  roles: WorkforceRole[];
}[] = [
  {
    id: 'schedule',
    to: '/console/schedule',
    roles: ['front_desk', 'clinician', 'manager', 'admin'],
  },
  { id: 'patients', to: '/console/patients', roles: ['front_desk', 'clinician'] },
  {
    id: 'waitlist',
    to: '/console/waitlist',
    roles: ['front_desk', 'clinician', 'manager', 'admin'],
  },
  { id: 'setup', to: '/console/setup', roles: ['manager', 'admin'] },
  { id: 'reports', to: '/console/reports', roles: ['manager', 'admin'] },
  { id: 'users', to: '/console/users', roles: ['admin'] },
  { id: 'audit', to: '/console/audit', roles: ['compliance_officer'] },
];

export const areasFor = (roles: readonly string[]) =>
  areas.filter((a) => a.roles.some((r) => roles.includes(r)));

export const areaOfPath = (pathname: string) =>
  areas.find((a) => pathname === a.to || pathname.startsWith(`${a.to}/`));
