import { Outlet, useRouterState } from '@tanstack/react-router';
import { useSession } from '../api/queries.ts';
import { InlineAlert } from '../components/inline-alert.tsx';
import { Link } from '../components/link.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { areaOfPath, areasFor } from './console-nav.ts';
import { consoleMessages } from './console.messages.ts';

/**
 * The console's frame: the navigation of the signed-in person's areas, then the page — or, in an
 * area outside their roles, a note saying so (the API refuses it anyway; this says it plainly).
 */
export function ConsoleLayout() {
  const t = useMessages(consoleMessages);
  const { data: session } = useSession();
  const roles = session?.account.roles ?? [];
  const mine = areasFor(roles);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const area = areaOfPath(pathname);
  const allowed = !area || area.roles.some((r) => roles.includes(r));
  return (
    <div className="console">
      <nav className="console-nav" aria-label={t('console.nav')}>
        <ul>
          <li>
            <Link to="/console" activeOptions={{ exact: true }}>
              {t('console.home')}
            </Link>
          </li>
          {mine.map((area) => (
            <li key={area.id}>
              <Link to={area.to}>{t(`console.area.${area.id}`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="console-page">
        {allowed ? (
          <Outlet />
        ) : (
          <section className="page" key={area.id}>
            <PageHeading>{t(`console.area.${area.id}`)}</PageHeading>
            <InlineAlert tone="warning">{t('console.notYours')}</InlineAlert>
          </section>
        )}
      </div>
    </div>
  );
}
