import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { createQueryClient } from '../api/queries.ts';
import { LocaleProvider } from '../i18n/locale.tsx';
import { createAppRouter } from './router.tsx';

/** The providers, outermost first: server state, language, routing. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter(queryClient));
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        {/* React Aria's links and menu items navigate through the router too. */}
        <AriaRouterProvider
          navigate={(href) => void router.navigate({ href })}
          useHref={(href) => router.buildLocation({ to: href }).href}
        >
          <RouterProvider router={router} />
        </AriaRouterProvider>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
