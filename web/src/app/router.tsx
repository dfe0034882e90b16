import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { auditEventsSearch, redirectSearch, signInSearch } from './route-search.ts';
import { bookSearch } from '../portal/book/book-state.ts';
import { scheduleSearch } from '../console/schedule/schedule.search.ts';
import { joinSearch, mineSearch } from '../portal/waitlist/waitlist.search.ts';
import { requireAccount, requireStage } from './guards.ts';
import { NotFoundPage } from './not-found.tsx';
import { Shell } from './shell.tsx';

// Every page is its own chunk, loaded when its route is first visited (or hovered: preload on
// intent). The shell, the router and the primitives are the only code every page shares.

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Shell,
  notFoundComponent: NotFoundPage,
});

const page = <P extends string>(path: P, component: ReturnType<typeof lazyRouteComponent>) =>
  createRoute({ getParentRoute: () => rootRoute, path, component });

// Portal: patients and visitors.
const home = page(
  '/',
  lazyRouteComponent(() => import('../portal/home/home.page.tsx'), 'HomePage'),
);
const book = createRoute({
  getParentRoute: () => rootRoute,
  path: '/book',
  validateSearch: bookSearch,
  component: lazyRouteComponent(() => import('../portal/book/book.page.tsx'), 'BookPage'),
});
const visit = page(
  '/visit',
  lazyRouteComponent(() => import('../portal/visit/visit.page.tsx'), 'VisitPage'),
);
const intake = page(
  '/intake/$appointmentType',
  lazyRouteComponent(() => import('../portal/intake/intake.page.tsx'), 'IntakePage'),
);
const appointments = createRoute({
  getParentRoute: () => rootRoute,
  path: '/appointments',
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(
    () => import('../portal/appointments/appointments.page.tsx'),
    'AppointmentsPage',
  ),
});
const messages = createRoute({
  getParentRoute: () => rootRoute,
  path: '/messages',
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(
    () => import('../portal/messages/messages.page.tsx'),
    'MessagesPage',
  ),
});
// A message's action link (`/messages/confirm#token=…`): the message alone until sign-in.
const messageAction = page(
  '/messages/$purpose',
  lazyRouteComponent(() => import('../portal/messages/action.page.tsx'), 'ActionPage'),
);
const myWaitlist = createRoute({
  getParentRoute: () => rootRoute,
  path: '/waitlist',
  validateSearch: mineSearch,
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(
    () => import('../portal/waitlist/my-waitlist.page.tsx'),
    'MyWaitlistPage',
  ),
});
const joinWaitlistRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/waitlist/join',
  validateSearch: joinSearch,
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(
    () => import('../portal/waitlist/join.page.tsx'),
    'JoinWaitlistPage',
  ),
});
// A waitlist message's link (`/waitlist/offer#token=…`): the offer once the patient signs in.
const waitlistOffer = page(
  '/waitlist/offer',
  lazyRouteComponent(() => import('../portal/waitlist/offer.page.tsx'), 'OfferPage'),
);
const patientAccount = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(() => import('../portal/account/account.page.tsx'), 'AccountPage'),
});

/** A signed-in patient sets up an authenticator app: the sign-in's enrollment page, reused. */
const patientAuthenticator = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account/authenticator',
  validateSearch: redirectSearch,
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(() => import('../auth/enroll/enroll.page.tsx'), 'EnrollPage'),
});

// Sign-in and the pages the server's emails link to (tokens in the fragment).
const signIn = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: signInSearch,
  component: lazyRouteComponent(() => import('../auth/sign-in/sign-in.page.tsx'), 'SignInPage'),
});
const secondFactor = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in/verify',
  validateSearch: redirectSearch,
  beforeLoad: (ctx) => requireStage('mfa', ctx),
  component: lazyRouteComponent(
    () => import('../auth/second-factor/second-factor.page.tsx'),
    'SecondFactorPage',
  ),
});
const enroll = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in/enroll',
  validateSearch: redirectSearch,
  beforeLoad: (ctx) => requireStage('enroll', ctx),
  component: lazyRouteComponent(() => import('../auth/enroll/enroll.page.tsx'), 'EnrollPage'),
});
const register = page(
  '/register',
  lazyRouteComponent(() => import('../auth/register/register.page.tsx'), 'RegisterPage'),
);
const forgotPassword = page(
  '/forgot-password',
  lazyRouteComponent(
    () => import('../auth/forgot-password/forgot-password.page.tsx'),
    'ForgotPasswordPage',
  ),
);
const resetPassword = page(
  '/reset-password',
  lazyRouteComponent(
    () => import('../auth/reset-password/reset-password.page.tsx'),
    'ResetPasswordPage',
  ),
);
const verifyEmail = page(
  '/verify-email',
  lazyRouteComponent(() => import('../auth/verify-email/verify-email.page.tsx'), 'VerifyEmailPage'),
);
const invitation = page(
  '/invitation',
  lazyRouteComponent(() => import('../auth/invitation/invitation.page.tsx'), 'InvitationPage'),
);

const caregiver = page(
  '/caregiver',
  lazyRouteComponent(() => import('../portal/caregiver/caregiver.page.tsx'), 'CaregiverPage'),
);

// Console: the workforce, under /console, with a navigation by role.
const consoleLayout = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console',
  beforeLoad: (ctx) => requireAccount('workforce', ctx),
  component: lazyRouteComponent(() => import('../console/console-layout.tsx'), 'ConsoleLayout'),
});
const consolePage = <P extends string>(path: P, component: ReturnType<typeof lazyRouteComponent>) =>
  createRoute({ getParentRoute: () => consoleLayout, path, component });
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
const setup = consolePage(
  '/setup',
  lazyRouteComponent(() => import('../console/setup/setup-layout.tsx'), 'SetupLayout'),
);
const setupPage = <P extends string>(path: P, component: ReturnType<typeof lazyRouteComponent>) =>
  createRoute({ getParentRoute: () => setup, path, component });
const setupPages = [
  setupPage(
    '/',
    lazyRouteComponent(
      () => import('../console/setup/overview/overview.page.tsx'),
      'SetupOverviewPage',
    ),
  ),
  setupPage(
    '/locations',
    lazyRouteComponent(
      () => import('../console/setup/locations/locations.page.tsx'),
      'SetupLocationsPage',
    ),
  ),
  setupPage(
    '/providers',
    lazyRouteComponent(
      () => import('../console/setup/providers/providers.page.tsx'),
      'SetupProvidersPage',
    ),
  ),
  setupPage(
    '/hours',
    lazyRouteComponent(() => import('../console/setup/hours/hours.page.tsx'), 'SetupHoursPage'),
  ),
  setupPage(
    '/holidays',
    lazyRouteComponent(
      () => import('../console/setup/holidays/holidays.page.tsx'),
      'SetupHolidaysPage',
    ),
  ),
  setupPage(
    '/resources',
    lazyRouteComponent(
      () => import('../console/setup/resources/resources.page.tsx'),
      'SetupResourcesPage',
    ),
  ),
  setupPage(
    '/types',
    lazyRouteComponent(() => import('../console/setup/types/types.page.tsx'), 'SetupTypesPage'),
  ),
  setupPage(
    '/types/$typeId',
    lazyRouteComponent(
      () => import('../console/setup/type-edit/type-edit.page.tsx'),
      'SetupTypeEditPage',
    ),
  ),
  setupPage(
    '/intake',
    lazyRouteComponent(() => import('../console/setup/intake/intake.page.tsx'), 'SetupIntakePage'),
  ),
  setupPage(
    '/visit-guide',
    lazyRouteComponent(
      () => import('../console/setup/visit-guide/visit-guide.page.tsx'),
      'SetupVisitGuidePage',
    ),
  ),
  setupPage(
    '/visit-policy',
    lazyRouteComponent(
      () => import('../console/setup/visit-policy/visit-policy.page.tsx'),
      'SetupVisitPolicyPage',
    ),
  ),
  setupPage(
    '/overbooking',
    lazyRouteComponent(
      () => import('../console/setup/overbooking/overbooking.page.tsx'),
      'SetupOverbookingPage',
    ),
  ),
  setupPage(
    '/messages',
    lazyRouteComponent(
      () => import('../console/setup/messages/messages-plan.page.tsx'),
      'SetupMessagesPage',
    ),
  ),
];
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
// The compliance officer's desk (console/audit/): ids in paths, never a name or birth date.
const audit = consolePage(
  '/audit',
  lazyRouteComponent(() => import('../console/audit/home/home.page.tsx'), 'AuditHomePage'),
);
const auditEvents = createRoute({
  getParentRoute: () => consoleLayout,
  path: '/audit/events',
  validateSearch: auditEventsSearch,
  component: lazyRouteComponent(
    () => import('../console/audit/events/events.page.tsx'),
    'AuditEventsPage',
  ),
});
const disclosures = consolePage(
  '/audit/disclosures',
  lazyRouteComponent(
    () => import('../console/audit/disclosures/disclosures.page.tsx'),
    'DisclosuresPage',
  ),
);
const disclosure = consolePage(
  '/audit/disclosures/$patientId',
  lazyRouteComponent(
    () => import('../console/audit/disclosure/disclosure.page.tsx'),
    'DisclosurePage',
  ),
);
const alerts = consolePage(
  '/audit/alerts',
  lazyRouteComponent(() => import('../console/audit/alerts/alerts.page.tsx'), 'AlertsPage'),
);
const alert = consolePage(
  '/audit/alerts/$alertId',
  lazyRouteComponent(() => import('../console/audit/alert/alert.page.tsx'), 'AlertPage'),
);
const alertRules = consolePage(
  '/audit/rules',
  lazyRouteComponent(() => import('../console/audit/rules/rules.page.tsx'), 'RulesPage'),
);
const verification = consolePage(
  '/audit/verification',
  lazyRouteComponent(
    () => import('../console/audit/verification/verification.page.tsx'),
    'VerificationPage',
  ),
);
const consoleAccount = consolePage(
  '/account',
  lazyRouteComponent(() => import('../console/account/account.page.tsx'), 'ConsoleAccountPage'),
);

/** Development only: the mail the demo would have sent (linked from the footer there). */
const devMailbox = page(
  '/dev/mail',
  lazyRouteComponent(() => import('../dev/mailbox/mailbox.page.tsx'), 'MailboxPage'),
);

/** The compliance alert email links to /audit/alerts/:id; the alert lives in the console. */
const alertEmailLink = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit/alerts/$alertId',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/console/audit/alerts/$alertId', params, replace: true });
  },
});

const routeTree = rootRoute.addChildren([
  home,
  book,
  visit,
  intake,
  appointments,
  messages,
  messageAction,
  myWaitlist,
  joinWaitlistRoute,
  waitlistOffer,
  patientAccount,
  patientAuthenticator,
  signIn,
  secondFactor,
  enroll,
  register,
  forgotPassword,
  resetPassword,
  verifyEmail,
  invitation,
  caregiver,
  alertEmailLink,
  devMailbox,
  consoleLayout.addChildren([
    consoleHome,
    schedule,
    patients,
    patient,
    setup.addChildren(setupPages),
    reports,
    consoleWaitlist,
    users,
    sessionPolicy,
    audit,
    auditEvents,
    disclosures,
    disclosure,
    alerts,
    alert,
    alertRules,
    verification,
    consoleAccount,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  const router = createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // The first load shows the shell at once while the page's chunk arrives (the header paints
    // without waiting for it); later navigations keep the current page up to a second, as usual.
    defaultPendingMs: 0,
    defaultPendingMinMs: 0,
  });
  const first = router.subscribe('onResolved', () => {
    first();
    router.update({ ...router.options, defaultPendingMs: 1000 });
  });
  return router;
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
