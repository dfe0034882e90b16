import { useIntl } from 'react-intl';
import { useMessages } from '../../i18n/use-messages.ts';
import { intakeMessages } from './intake.messages.ts';
import type { SaveStatus } from './use-autosave.ts';

/** The autosave's state in words, announced politely as it changes. */
export function SaveStatusLine(props: {
  status: SaveStatus;
  signedOut: (err: unknown) => boolean;
}) {
  const t = useMessages(intakeMessages);
  const intl = useIntl();
  const { status } = props;
  const text =
    status.kind === 'saving'
      ? t('intake.save.saving')
      : status.kind === 'saved'
        ? t('intake.save.saved', {
            time: intl.formatTime(status.at, { hour: 'numeric', minute: '2-digit' }),
          })
        : status.kind === 'failed'
          ? t(props.signedOut(status.error) ? 'intake.save.signedOut' : 'intake.save.failed')
          : '';
  return (
    <p role="status" className="save-status" data-state={status.kind}>
      {text}
    </p>
  );
}
