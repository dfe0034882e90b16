import { useRouterState } from '@tanstack/react-router';
import { useSession } from '../../api/queries.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { areaOfPath } from '../console-nav.ts';
import { consoleMessages } from '../console.messages.ts';

/**
 * A console area another piece of work builds (issue #12): its name and what comes here, so no
 * link leads nowhere. Someone without the area's roles is told so.
 */
export function AreaPage() {
  const t = useMessages(consoleMessages);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const { data: session } = useSession();
  const area = areaOfPath(pathname);
  if (!area) return null;
  const allowed = area.roles.some((r) => session?.account.roles.includes(r));
  return (
    <section className="page" key={area.id}>
      <PageHeading>{t(`console.area.${area.id}`)}</PageHeading>
      {allowed ? (
        <>
          <h2>{t('console.coming')}</h2>
          <p>{t(`console.area.${area.id}.text`)}</p>
        </>
      ) : (
        <InlineAlert tone="warning">{t('console.notYours')}</InlineAlert>
      )}
    </section>
  );
}
