import { Link } from '../../../components/link.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { AuditPage } from '../audit-guard.tsx';
import { auditHomeMessages } from './home.messages.ts';

const sections = [
  { key: 'events', to: '/console/audit/events' },
  { key: 'disclosures', to: '/console/audit/disclosures' },
  { key: 'alerts', to: '/console/audit/alerts' },
  { key: 'rules', to: '/console/audit/rules' },
  { key: 'verification', to: '/console/audit/verification' },
] as const;

/** The compliance officer's desk: the way to each of its tools. */
export function AuditHomePage() {
  const t = useMessages(auditHomeMessages);
  return (
    <AuditPage title={t('auditHome.title')} lead={<p>{t('auditHome.lead')}</p>} back={false}>
      <h2>{t('auditHome.sections')}</h2>
      <ul className="cards">
        {sections.map((s) => (
          <li key={s.key}>
            <article className="card">
              <h3>
                <Link to={s.to}>{t(`auditHome.${s.key}`)}</Link>
              </h3>
              <p className="muted">{t(`auditHome.${s.key}.text`)}</p>
            </article>
          </li>
        ))}
      </ul>
    </AuditPage>
  );
}
