import { useSession } from '../../api/queries.ts';
import { Link } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { areasFor } from '../console-nav.ts';
import { consoleMessages } from '../console.messages.ts';
import { UndeliveredList } from './undelivered-list.tsx';

type Role = 'front_desk' | 'clinician' | 'manager' | 'admin' | 'compliance_officer';
/** The roles that keep the schedule, and so see the messages that reached no patient. */
const schedulingRoles: Role[] = ['front_desk', 'clinician', 'manager', 'admin'];

/** The console's first page: who is signed in, in which roles, and their areas. */
export function ConsoleHomePage() {
  const t = useMessages(consoleMessages);
  const { data: session } = useSession();
  if (!session) return null;
  const roles = session.account.roles as Role[];
  return (
    <section className="page">
      <PageHeading
        lead={
          <p>
            {t('console.roles', {
              count: roles.length,
              roles: roles.map((r) => t(`role.${r}`)).join(', '),
            })}
          </p>
        }
      >
        {t('console.welcome', { name: session.account.displayName })}
      </PageHeading>
      {roles.some((r) => schedulingRoles.includes(r)) && <UndeliveredList />}
      <h2>{t('console.areas')}</h2>
      <ul className="cards">
        {areasFor(roles).map((area) => (
          <li key={area.id}>
            <article className="card">
              <h3>
                <Link to={area.to}>{t(`console.area.${area.id}`)}</Link>
              </h3>
              <p className="muted">{t(`console.area.${area.id}.text`)}</p>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
