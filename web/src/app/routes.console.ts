// Console: the workforce, under /console, with a navigation by role.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { scheduleSearch } from '../console/schedule/schedule.search.ts';
import { requireAccount } from './guards.ts';
import { rootRoute } from './routes.root.ts';

export const consoleLayout = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console',
  beforeLoad: (ctx) => requireAccount('workforce', ctx),
  component: lazyRouteComponent(() => import('../console/console-layout.tsx'), 'ConsoleLayout'),
});
export const consolePage = <P extends string>(
  path: P,
  component: ReturnType<typeof lazyRouteComponent>,
) => createRoute({ getParentRoute: () => consoleLayout, path, component });
const consoleHome = consolePage(
  '/',
  lazyRouteComponent(() => import('../console/home/home.page.tsx'), 'ConsoleHomePage'),
);
const schedule = createRoute({
  getParentRoute: () => consoleLayout,
  path: '/schedule',
  validateSearch: scheduleSearch,
  component: lazyRouteComponent(
    () => import('../console/schedule/schedule.page.tsx'),
    'SchedulePage',
  ),
});
const patients = consolePage(
  '/patients',
  lazyRouteComponent(() => import('../console/patients/patients.page.tsx'), 'PatientsPage'),
);
const patient = consolePage(
  '/patients/$patientId',
  lazyRouteComponent(() => import('../console/patients/patient.page.tsx'), 'PatientPage'),
);
const reports = consolePage(
  '/reports',
  lazyRouteComponent(() => import('../console/reports/reports.page.tsx'), 'ReportsPage'),
);
const consoleWaitlist = consolePage(
  '/waitlist',
  lazyRouteComponent(() => import('../console/waitlist/waitlist.page.tsx'), 'WaitlistPage'),
);
const users = consolePage(
  '/users',
  lazyRouteComponent(() => import('../console/users/users.page.tsx'), 'UsersPage'),
);
const sessionPolicy = consolePage(
  '/users/session-policy',
  lazyRouteComponent(
    () => import('../console/users/session-policy/session-policy.page.tsx'),
    'SessionPolicyPage',
  ),
);
const consoleAccount = consolePage(
  '/account',
  lazyRouteComponent(() => import('../console/account/account.page.tsx'), 'ConsoleAccountPage'),
);

export const consolePages = [
  consoleHome,
  schedule,
  patients,
  patient,
  reports,
  consoleWaitlist,
  users,
  sessionPolicy,
  consoleAccount,
];
