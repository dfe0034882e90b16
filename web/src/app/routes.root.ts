import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  lazyRouteComponent,
} from '@tanstack/react-router';
import { NotFoundPage } from './not-found.tsx';
import { Shell } from './shell.tsx';

// Every page is its own chunk, loaded when its route is first visited (or hovered: preload on
// intent). The shell, the router and the primitives are the only code every page shares.

export const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Shell,
  notFoundComponent: NotFoundPage,
});

export const page = <P extends string>(path: P, component: ReturnType<typeof lazyRouteComponent>) =>
  createRoute({ getParentRoute: () => rootRoute, path, component });
