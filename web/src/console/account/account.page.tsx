import { useMutation } from '@tanstack/react-query';
import { replaceRecoveryCodes } from '../../api/identity.ts';
import { useSession } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { consoleAccountMessages } from './account.messages.ts';

/**
 * The staff member's own account. Replacing the recovery codes needs a fresh step-up: the
 * server answers `step-up-required` and the app's step-up dialog takes it from there.
 */
export function ConsoleAccountPage() {
  const t = useMessages(consoleAccountMessages);
  const problemText = useProblemText();
  const { data: session } = useSession();
  const replace = useMutation({ mutationFn: replaceRecoveryCodes });
  return (
    <section className="page page-narrow">
      <PageHeading
        lead={
          session && <p>{t('staffAccount.signedInAs', { name: session.account.displayName })}</p>
        }
      >
        {t('staffAccount.title')}
      </PageHeading>
      <section aria-labelledby="recovery-heading" className="section">
        <h2 id="recovery-heading">{t('staffAccount.recovery')}</h2>
        <p>{t('staffAccount.recovery.text')}</p>
        <Button variant="secondary" isPending={replace.isPending} onPress={() => replace.mutate()}>
          {t('staffAccount.recovery.replace')}
        </Button>
        <InlineAlert tone={replace.isError ? 'error' : 'success'}>
          {replace.isError && problemText(replace.error)}
          {replace.data && t('staffAccount.recovery.new')}
        </InlineAlert>
        {replace.data && (
          <ul className="recovery-codes" aria-label={t('staffAccount.recovery.list')}>
            {replace.data.recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="muted">{t('staffAccount.more')}</p>
    </section>
  );
}
