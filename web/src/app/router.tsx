import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { alertEmailLink, auditPages } from './routes.audit.ts';
import { authRoutes } from './routes.auth.ts';
import { consoleLayout, consolePages } from './routes.console.ts';
import { portalRoutes } from './routes.portal.ts';
import { rootRoute } from './routes.root.ts';
import { setupTree } from './routes.setup.ts';

// The route tree: portal (routes.portal.ts), sign-in and emailed links (routes.auth.ts), and the
// console (routes.console.ts) with its setup (routes.setup.ts) and audit (routes.audit.ts) pages.
const routeTree = rootRoute.addChildren([
  ...portalRoutes,
  ...authRoutes,
  alertEmailLink,
  consoleLayout.addChildren([...consolePages, setupTree, ...auditPages]),
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
