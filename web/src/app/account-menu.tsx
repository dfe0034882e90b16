import { lazy, Suspense, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useSession } from '../api/queries.ts';
import { LinkButton } from '../components/link.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { appMessages } from './app.messages.ts';
import { useSignOut } from './sign-out.ts';

// The panel (React Aria's popover, dialog and focus scope) loads when first opened, so no page
// pays for it until the person asks for their account.
const AccountPanel = lazy(() => import('./account-panel.tsx'));

/** Signed out: "Sign in". Signed in: the account's name opens a panel with its pages and sign-out. */
export function AccountMenu() {
  const t = useMessages(appMessages);
  const { data: session } = useSession();
  const signOut = useSignOut();
  const trigger = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  if (!session) {
    return (
      <LinkButton to="/sign-in" variant="secondary">
        {t('shell.signIn')}
      </LinkButton>
    );
  }
  if (session.stage !== 'full') {
    return (
      <Button className="header-button" onPress={() => void signOut()}>
        {t('shell.signOut')}
      </Button>
    );
  }
  const name = session.account.displayName;
  return (
    <>
      <Button
        ref={trigger}
        className="header-button account-button"
        aria-label={t('shell.accountMenu', { name })}
        aria-expanded={open}
        aria-haspopup="dialog"
        onPress={() => setOpen((o) => !o)}
      >
        <span className="account-icon" aria-hidden="true" />
        <span className="account-name">{name}</span>
      </Button>
      {open && (
        <Suspense fallback={null}>
          <AccountPanel
            session={session}
            triggerRef={trigger}
            onClose={() => setOpen(false)}
            onSignOut={() => void signOut()}
          />
        </Suspense>
      )}
    </>
  );
}
