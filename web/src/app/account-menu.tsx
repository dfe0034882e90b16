import { lazy, Suspense } from 'react';
import { Button } from 'react-aria-components';
import { useSession } from '../api/queries.ts';
import { LinkButton } from '../components/link.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { appMessages } from './app.messages.ts';
import { useSignOut } from './sign-out.ts';

// The menu (React Aria's collections and overlay positioning) loads once someone is signed in.
const AccountMenuPopup = lazy(() => import('./account-menu-popup.tsx'));

/** Signed out: "Sign in". Signed in: the account's name opens a menu with its pages and sign-out. */
export function AccountMenu() {
  const t = useMessages(appMessages);
  const { data: session } = useSession();
  const signOut = useSignOut();
  if (!session) {
    return (
      <LinkButton to="/sign-in" variant="secondary" search={{}}>
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
  return (
    <Suspense fallback={<span className="header-button" aria-hidden="true" />}>
      <AccountMenuPopup session={session} onSignOut={() => void signOut()} />
    </Suspense>
  );
}
