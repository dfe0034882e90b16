import { Link } from '../../../components/link.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { setupSections } from '../setup-sections.ts';
import { setupMessages } from '../setup.messages.ts';
import { overviewMessages } from './overview.messages.ts';

/** The setup area's first page: each section, what it holds, in the order to fill them in. */
export function SetupOverviewPage() {
  const t = useMessages(overviewMessages);
  const s = useMessages(setupMessages);
  return (
    <section className="page">
      <PageHeading lead={<p>{t('setupOverview.lead')}</p>}>{t('setupOverview.title')}</PageHeading>
      <ul className="cards">
        {setupSections
          .filter((x) => x.id !== 'overview')
          .map((x) => (
            <li key={x.id}>
              <div className="card">
                <h2 className="h3">
                  <Link to={x.to}>{s(`setup.section.${x.id}`)}</Link>
                </h2>
                <p className="muted">{t(`setupOverview.${x.id}`)}</p>
              </div>
            </li>
          ))}
      </ul>
    </section>
  );
}
