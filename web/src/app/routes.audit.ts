// The compliance officer's desk (console/audit/): ids in paths, never a name or birth date.
import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { auditEventsSearch } from './route-search.ts';
import { consoleLayout, consolePage } from './routes.console.ts';
import { rootRoute } from './routes.root.ts';

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
/** The compliance alert email links to /audit/alerts/:id; the alert lives in the console. */
export const alertEmailLink = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit/alerts/$alertId',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/console/audit/alerts/$alertId', params, replace: true });
  },
});

export const auditPages = [
  audit,
  auditEvents,
  disclosures,
  disclosure,
  alerts,
  alert,
  alertRules,
  verification,
];
