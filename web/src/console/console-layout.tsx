import { Outlet } from '@tanstack/react-router';
import { useSession } from '../api/queries.ts';
import { Link } from '../components/link.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { areasFor } from './console-nav.ts';
import { consoleMessages } from './console.messages.ts';

/** The console's frame: the navigation of the signed-in person's areas, then the page. */
export function ConsoleLayout() {
  const t = useMessages(consoleMessages);
  const { data: session } = useSession();
  const mine = areasFor(session?.account.roles ?? []);
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
        <Outlet />
      </div>
    </div>
  );
}
