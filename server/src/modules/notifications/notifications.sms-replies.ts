import type { Actor } from '../../platform/http/actor.ts';
import { directoryNames } from '../directory/directory.lookup.ts';
import { setSmsConsent } from '../patients/patients.messaging.ts';
import { mintActionLink } from './notifications.actions.ts';
import { recordResponse } from './notifications.actions-store.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { recipientDigest } from './notifications.sms.ts';
import { lastSentTo } from './notifications.sms-store.ts';
import { languageOf, type Language } from './notifications.templates.ts';

/**
 * What a patient texts back, matched to the last SMS sent to their number (by its keyed digest):
 * C/CONFIRM records the answer, R/RESCHEDULE answers with a reschedule link, STOP/UNSUBSCRIBE
 * takes SMS out of their consent at once (confirmed), START puts it back, HELP (and anything else)
 * says what the keywords do. C and R about a visit no longer booked and ahead (cancelled, moved,
 * past) record nothing and say so. Nothing in a reply identifies the patient.
 */
type Keyword = 'confirm' | 'reschedule' | 'stop' | 'start' | 'help';
type Answer = Keyword | 'closed' | 'unknown';

const keywords: Record<string, Keyword> = {
  C: 'confirm',
  CONFIRM: 'confirm',
  R: 'reschedule',
  RESCHEDULE: 'reschedule',
  STOP: 'stop',
  STOPALL: 'stop',
  UNSUBSCRIBE: 'stop',
  START: 'start',
  UNSTOP: 'start',
  HELP: 'help',
  INFO: 'help',
};

const replies: Record<Language, Record<Answer, string>> = {
  en: {
    confirm: '{clinic}: thank you, your appointment is confirmed.',
    reschedule: '{clinic}: choose a new time here: {link}',
    stop: '{clinic}: you will get no more texts from us. Reply START to get them again.',
    start: '{clinic}: texts are on again. Reply STOP to stop them.',
    help: '{clinic} appointment texts. Reply C to confirm, R to reschedule, STOP to stop. Msg&data rates may apply.',
    unknown: 'Hourglass appointment texts. Reply STOP to stop, HELP for help.',
    closed: '{clinic}: this appointment can no longer be confirmed or changed by text.',
  },
  es: {
    confirm: '{clinic}: gracias, su cita está confirmada.',
    reschedule: '{clinic}: elija una nueva hora aquí: {link}',
    stop: '{clinic}: no recibirá más mensajes. Responda START para recibirlos de nuevo.',
    start: '{clinic}: los mensajes están activados. Responda STOP para detenerlos.',
    help: 'Mensajes de citas de {clinic}. Responda C para confirmar, R para cambiar, STOP para detener.',
    unknown: 'Mensajes de citas de Hourglass. Responda STOP para detener, HELP para ayuda.',
    closed: '{clinic}: esta cita ya no se puede confirmar ni cambiar por mensaje.',
  },
};

const system: Actor = { type: 'system', job: 'notifications.sms-inbound' };

export async function answerInbound(
  deps: NotificationsDeps,
  authToken: string,
  from: string,
  text: string,
): Promise<{ reply: string; messageId: string | null; patientId: string | null }> {
  const m = await lastSentTo(deps.db, recipientDigest(authToken, from));
  let keyword: Answer = keywords[text.trim().toUpperCase()] ?? 'help';
  if (!m) return { reply: replies.en.unknown, messageId: null, patientId: null };
  // A cancelled, moved or past visit is not confirmed, nor given a link to move it.
  if (
    (keyword === 'confirm' || keyword === 'reschedule') &&
    deps.appointmentAhead &&
    !(await deps.appointmentAhead(deps.db, m.organization_id, m.appointment_id, deps.clock.now()))
  ) {
    keyword = 'closed';
  }
  const prefs = await deps.preferences(deps.db, m.organization_id, m.patient_id);
  const language = languageOf(prefs?.language);
  const names = await directoryNames(deps.db, m.organization_id, {
    typeIds: [],
    providerIds: [],
    locationIds: [],
  });
  let link = '';
  await deps.db.transaction(async (tx) => {
    if (keyword === 'confirm') await recordResponse(tx, m.id, 'confirmed');
    if (keyword === 'reschedule') {
      await recordResponse(tx, m.id, 'reschedule');
      link = await mintActionLink(deps, tx, m, 'reschedule');
    }
    if (keyword === 'stop' || keyword === 'start') {
      await setSmsConsent(tx, m.organization_id, m.patient_id, keyword === 'start');
      await deps.audit.record(
        {
          actor: system,
          action: keyword === 'stop' ? 'notification.sms.opt_out' : 'notification.sms.opt_in',
          resourceType: 'patient',
          resourceId: m.patient_id,
          patientId: m.patient_id,
          organizationId: m.organization_id,
          outcome: 'success',
        },
        tx,
      );
    }
  });
  const reply = replies[language][keyword]
    .replace('{clinic}', names.organizationName)
    .replace('{link}', link);
  return { reply, messageId: m.id, patientId: m.patient_id };
}
