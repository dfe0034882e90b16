import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import type { Session } from '../api/types.ts';
import { Link } from '../components/link.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { appMessages } from './app.messages.ts';

/**
 * The signed-in account's panel: a button that opens a small non-modal dialog with the account's
 * pages and sign-out (focus moves in, Escape or a click outside closes it, focus returns). A
 * popover of links rather than an ARIA menu: it is navigation, and it keeps the bundle small.
 */
export default function AccountMenuPopup({
  session,
  onSignOut,
}: {
  session: Session;
  onSignOut: () => void;
}) {
  const t = useMessages(appMessages);
  const workforce = session.account.kind === 'workforce';
  const name = session.account.displayName;
  return (
    <DialogTrigger>
      <Button
        className="header-button account-button"
        aria-label={t('shell.accountMenu', { name })}
      >
        <span className="account-icon" aria-hidden="true" />
        <span className="account-name">{name}</span>
      </Button>
      <Popover className="popover" placement="bottom end">
        <Dialog className="account-panel" aria-label={t('shell.accountMenu', { name })}>
          {({ close }) => (
            <ul>
              <li>
                <Link
                  to={workforce ? '/console/account' : '/account'}
                  className="menu-item"
                  onClick={close}
                >
                  {t('shell.account')}
                </Link>
              </li>
              {workforce && (
                <li>
                  <Link to="/console" className="menu-item" onClick={close}>
                    {t('shell.console')}
                  </Link>
                </li>
              )}
              <li>
                <Button
                  className="menu-item"
                  onPress={() => {
                    close();
                    onSignOut();
                  }}
                >
                  {t('shell.signOut')}
                </Button>
              </li>
            </ul>
          )}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
