import { t } from '../i18n/i18n.ts';
import type { SaveStatus } from './use-autosave.ts';

/** The autosave's state in words, announced politely as it changes. */
export function SaveStatusLine(props: {
  status: SaveStatus;
  signedOut: (err: unknown) => boolean;
}) {
  const { status } = props;
  const text =
    status.kind === 'saving'
      ? t('intake.save.saving')
      : status.kind === 'saved'
        ? t('intake.save.saved', {
            time: status.at.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }),
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
