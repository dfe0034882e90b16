import { Outlet } from '@tanstack/react-router';
import { Link } from '../../components/link.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { setupSections } from './setup-sections.ts';
import { setupMessages } from './setup.messages.ts';
import './setup.css';

/** Clinic setup: its sections as a row of links above the section's page. */
export function SetupLayout() {
  const t = useMessages(setupMessages);
  return (
    <div className="setup">
      <nav aria-label={t('setup.nav')} className="subnav">
        <ul>
          {setupSections.map((s) => (
            <li key={s.id}>
              <Link to={s.to} activeOptions={{ exact: s.id === 'overview' }}>
                {t(`setup.section.${s.id}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
