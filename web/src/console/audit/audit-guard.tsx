import type { ReactNode } from 'react';
import { useSession } from '../../api/queries.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { auditMessages } from './audit.messages.ts';
import './audit.css';

/** True when the signed-in account is a compliance officer (the API decides; this only words it). */
export function useIsOfficer(): boolean {
  const { data: session } = useSession();
  return session?.account.roles.includes('compliance_officer') ?? false;
}

/**
 * A compliance page's frame: its heading, a way back to the area, and — for anyone who is not a
 * compliance officer — a note instead of the page (the API refuses them anyway).
 */
export function AuditPage({
  title,
  lead,
  back = true,
  children,
}: {
  title: string;
  lead?: ReactNode;
  back?: boolean;
  children: ReactNode;
}) {
  const t = useMessages(auditMessages);
  const officer = useIsOfficer();
  return (
    <section className="page audit-page">
      {back && (
        <p className="audit-back">
          <Link to="/console/audit">{t('audit.back')}</Link>
        </p>
      )}
      <PageHeading lead={officer ? lead : undefined}>{title}</PageHeading>
      {officer ? children : <InlineAlert tone="warning">{t('audit.notYours')}</InlineAlert>}
    </section>
  );
}
