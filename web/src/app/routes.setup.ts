// The administrator's setup pages (console/setup/), each its own chunk under one layout.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { consolePage } from './routes.console.ts';

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

export const setupTree = setup.addChildren(setupPages);
