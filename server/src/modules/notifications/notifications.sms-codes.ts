import { randomUUID } from 'node:crypto';
import { RecordUnreadable } from '../../platform/crypto/unreadable.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { languageOf, type Language } from './notifications.templates.ts';
import { agreementInForce } from './notifications.vendors.ts';

/**
 * A one-time code by SMS, for a patient an action link reached by SMS (or who has no email): the
 * same channel and the same checks as a message — the SMS adapter is configured, the
 * organization's agreement with the vendor is in force, the patient consented to SMS (never
 * after STOP) and has a number. The text holds the code and nothing else (no clinic, no visit),
 * in the patient's language. The caller (identity) keeps the send allowance and the throttle.
 */
export interface SmsCodes {
  /** The number to text in the caller's transaction, or null when SMS may not be used. */
  reachable(q: Queryable, organizationId: string, patientId: string): Promise<SmsCodeRoute | null>;
  send(route: SmsCodeRoute, code: string, minutes: number): Promise<void>;
}

export interface SmsCodeRoute {
  to: string;
  language: Language;
}

const texts: Record<Language, (code: string, minutes: number) => string> = {
  en: (code: string, minutes: number) =>
    `Your Hourglass code is ${code}. It works once, for ${minutes} minutes. If you did not ask for it, ignore this message.`,
  es: (code: string, minutes: number) =>
    `Su código de Hourglass es ${code}. Sirve una vez, durante ${minutes} minutos. Si no lo pidió, ignore este mensaje.`,
};

export function smsCodes(deps: NotificationsDeps): SmsCodes {
  return {
    async reachable(q, organizationId, patientId) {
      const adapter = deps.channels.sms;
      if (!adapter) return null;
      const prefs = await deps.preferences(q, organizationId, patientId);
      if (!prefs?.channels.includes('sms')) return null;
      if (
        adapter.handlesPhi &&
        !(await agreementInForce(q, organizationId, 'sms', deps.clock.now()))
      ) {
        return null;
      }
      const to = (await deps.addresses(q, organizationId, [patientId], 'sms')).get(patientId);
      if (to instanceof RecordUnreadable) throw to;
      return to ? { to, language: languageOf(prefs.language) } : null;
    },
    async send(route, code, minutes) {
      const adapter = deps.channels.sms;
      if (!adapter) throw new Error('sms channel not configured');
      await adapter.send({
        idempotencyKey: randomUUID(),
        to: route.to,
        subject: '',
        text: texts[route.language](code, minutes),
      });
    },
  };
}
