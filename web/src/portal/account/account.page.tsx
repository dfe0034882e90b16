import { useSession } from '../../api/queries.ts';
import { LinkButton } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { accountMessages } from './account.messages.ts';

/** The patient's account (issue #11 fills it in); signed-in patients only. */
export function AccountPage() {
  const t = useMessages(accountMessages);
  const { data: session } = useSession();
  return (
    <section className="page page-narrow">
      <PageHeading
        lead={session && <p>{t('account.signedInAs', { name: session.account.displayName })}</p>}
      >
        {t('account.title')}
      </PageHeading>
      <p>{t('account.coming')}</p>
      <LinkButton to="/book">{t('account.book')}</LinkButton>
    </section>
  );
}
