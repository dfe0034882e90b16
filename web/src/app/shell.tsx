import { Outlet, useRouter, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { onSignedOut } from '../api/client.ts';
import { useClinic, useSession } from '../api/queries.ts';
import { Link } from '../components/link.tsx';
import { markNavigation, setAnnouncer } from '../components/page-focus.ts';
import { useMessages } from '../i18n/use-messages.ts';
import { AccountMenu } from './account-menu.tsx';
import { hasDevMailbox } from './dev-mailbox.ts';
import { appMessages } from './app.messages.ts';
import { IdleWarning } from './idle-warning.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { useSignOut } from './sign-out.ts';
import { StepUpHost } from './step-up.tsx';

/**
 * Every page's frame: skip link, header (clinic, language, account), the page, and the app-wide
 * pieces — the live region that announces each new page, the idle-timeout warning and the
 * step-up dialog.
 */
export function Shell() {
  const t = useMessages(appMessages);
  const router = useRouter();
  const main = useRef<HTMLElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const { data: clinic } = useClinic();
  const { data: session } = useSession();
  const signOut = useSignOut();
  const href = useRouterState({ select: (s) => s.location.href });
  const inConsole = useRouterState({
    select: (s) => s.location.pathname.startsWith('/console'),
  });

  useEffect(() => {
    setAnnouncer(setAnnouncement);
    return router.subscribe('onBeforeNavigate', (e) => {
      if (e.pathChanged) markNavigation();
    });
  }, [router]);

  // The server ended the session (idle timeout elsewhere, signed out on another device).
  const hrefRef = useRef(href);
  hrefRef.current = href;
  useEffect(
    () =>
      onSignedOut(() => {
        if (session) void signOut('expired', hrefRef.current);
      }),
    [session, signOut],
  );

  const clinicName = clinic?.name ?? t('shell.brandFallback');
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('shell.skip')}
      </a>
      <header className="header">
        <div className="header-inner">
          <Link to={inConsole ? '/console' : '/'} className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{clinicName}</span>
            {inConsole && <span className="brand-tag">{t('shell.console')}</span>}
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            <AccountMenu />
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="main">
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('shell.footer')}</p>
        {hasDevMailbox() && (
          <p className="footer-dev">
            <Link to="/dev/mail">{t('shell.devMailbox')}</Link>
          </p>
        )}
      </footer>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <IdleWarning />
      <StepUpHost />
    </div>
  );
}
