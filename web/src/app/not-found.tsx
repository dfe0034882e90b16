import { LinkButton } from '../components/link.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { appMessages } from './app.messages.ts';

export function NotFoundPage() {
  const t = useMessages(appMessages);
  return (
    <section className="page page-narrow">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <LinkButton to="/">{t('notFound.home')}</LinkButton>
    </section>
  );
}
