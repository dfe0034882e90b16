import type { AuditEvent } from '../../api/types.ts';
import type { Translate } from '../../i18n/use-messages.ts';
import type { auditMessages } from './audit.messages.ts';

const roles = ['front_desk', 'clinician', 'manager', 'admin', 'compliance_officer', 'patient'];

/**
 * Who an audit event's actor is, in words: "Front desk, account 3f2a…", "Integration client,
 * client 9c1e…", "The system". Ids are opaque; never a name.
 */
export function whoText(
  actor: AuditEvent['actor'],
  t: Translate<(typeof auditMessages)['en']>,
): string {
  if (actor.type === 'system') return t('audit.who.system');
  if (actor.type === 'anonymous') return t('audit.who.anonymous');
  // An integration client (SMART Backend Services): a system with a token, not a person.
  if (actor.type === 'integration') {
    const client = t('audit.who.integration');
    return actor.id ? `${client}, ${t('audit.client', { id: actor.id })}` : client;
  }
  const role = actor.role
    ? roles.includes(actor.role)
      ? t(`audit.role.${actor.role as 'front_desk'}`)
      : t('audit.role.other', { role: actor.role })
    : actor.type === 'guest'
      ? t('audit.who.guest')
      : t('audit.who.patient');
  return actor.id ? `${role}, ${t('audit.account', { id: actor.id })}` : role;
}
