import { useState } from 'react';
import { useIntl } from 'react-intl';
import { extendSession } from '../api/identity.ts';
import { Button } from '../components/button.tsx';
import { Dialog } from '../components/dialog.tsx';
import { FormActions } from '../components/form.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { appMessages } from './app.messages.ts';

/**
 * "Are you still there?": stay signed in (one request that counts as activity, which closes
 * this through the idle timer) or sign out now. Not dismissable: it needs an answer.
 */
export default function IdleDialog({
  endsAt,
  onSignOut,
}: {
  endsAt: number;
  onSignOut: () => void;
}) {
  const t = useMessages(appMessages);
  const intl = useIntl();
  const [staying, setStaying] = useState(false);
  const stay = async () => {
    setStaying(true);
    try {
      await extendSession();
    } finally {
      setStaying(false);
    }
  };
  return (
    <Dialog
      title={t('idle.title')}
      role="alertdialog"
      isOpen
      isDismissable={false}
      onOpenChange={() => undefined}
    >
      <p>
        {t('idle.text', { time: intl.formatTime(endsAt, { hour: 'numeric', minute: '2-digit' }) })}
      </p>
      <FormActions>
        <Button onPress={() => void stay()} isPending={staying} autoFocus>
          {t('idle.stay')}
        </Button>
        <Button variant="secondary" onPress={onSignOut}>
          {t('idle.signOut')}
        </Button>
      </FormActions>
    </Dialog>
  );
}
