import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { RefObject } from 'react';
import { Button, Dialog, Popover } from 'react-aria-components';
import type { Session } from '../api/types.ts';
import { Link } from '../components/link.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { unreadQuery } from '../portal/messages/inbox.queries.ts';
import { appMessages } from './app.messages.ts';

interface Props {
  session: Session;
  triggerRef: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
  onSignOut: () => void;
}

/**
 * The signed-in account's panel: a small non-modal dialog under the header button with the
 * account's pages and sign-out (focus moves in, Escape or a click outside closes it, focus goes
 * back to the button). A popover of links rather than an ARIA menu: it is navigation.
 */
export default function AccountPanel({ session, triggerRef, onClose, onSignOut }: Props) {
  const t = useMessages(appMessages);
  const workforce = session.account.kind === 'workforce';
  const name = session.account.displayName;
  return (
    <Popover
      className="popover"
      placement="bottom end"
      triggerRef={triggerRef}
      isOpen
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
    >
      <Dialog className="account-panel" aria-label={t('shell.accountMenu', { name })}>
        <ul>
          {!workforce && (
            <li>
              <Link to="/appointments" className="menu-item" onClick={onClose}>
                {t('shell.appointments')}
              </Link>
            </li>
          )}
          {!workforce && (
            <li>
              <Link to="/messages" className="menu-item" onClick={onClose}>
                <MessagesItem />
              </Link>
            </li>
          )}
          {!workforce && (
            <li>
              <Link to="/waitlist" className="menu-item" onClick={onClose}>
                {t('shell.waitlist')}
              </Link>
            </li>
          )}
          <li>
            <Link
              to={workforce ? '/console/account' : '/account'}
              className="menu-item"
              onClick={onClose}
            >
              {t('shell.account')}
            </Link>
          </li>
          {workforce && (
            <li>
              <Link to="/console" className="menu-item" onClick={onClose}>
                {t('shell.console')}
              </Link>
            </li>
          )}
          <li>
            <Button
              className="menu-item"
              onPress={() => {
                onClose();
                onSignOut();
              }}
            >
              {t('shell.signOut')}
            </Button>
          </li>
        </ul>
      </Dialog>
    </Popover>
  );
}

/** "Messages", with how many are new when some are. */
function MessagesItem() {
  const t = useMessages(appMessages);
  const unread = useQuery(unreadQuery(useQueryClient())).data?.unread ?? 0;
  return <>{unread > 0 ? t('shell.messages.new', { count: unread }) : t('shell.messages')}</>;
}
