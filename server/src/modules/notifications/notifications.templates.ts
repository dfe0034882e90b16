import type { MessageKind } from './notifications.plan.ts';

/**
 * The shipped templates: per kind, language and channel. `portal` and `email` carry a subject
 * and a text; `sms` is one short text; `push` a title (the subject) and a line under it, whose
 * link the notification opens (it is not shown: a push cannot be answered like a text). Only allow-listed variables (notifications.template-lint.ts;
 * notifications.templates.test.ts lints every one). A clinic's saved wording replaces one.
 */

export type TemplateChannel = 'portal' | 'email' | 'sms' | 'push';
export const templateChannels: TemplateChannel[] = ['portal', 'email', 'sms', 'push'];
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

export interface Template {
  subject: string;
  body: string;
  /** 0 for the shipped wording; a clinic's saved wording counts from 1. */
  version: number;
}

interface Wording {
  subject: string;
  lead: string;
  sms: string;
  push: string;
}

const en: Record<MessageKind, Wording> = {
  confirmation: {
    subject: 'Your appointment at {{clinicName}} is booked',
    lead: 'Your appointment at {{clinicName}} is booked for {{date}} at {{time}} ({{modality}}), {{locationName}}, {{locationAddress}}.',
    sms: '{{clinicName}}: booked for {{date}} {{time}}. Details: {{portalLink}}',
    push: '{{date}} at {{time}}. {{portalLink}}',
  },
  reschedule: {
    subject: 'Your appointment at {{clinicName}} has moved',
    lead: 'Your appointment at {{clinicName}} is now on {{date}} at {{time}} ({{modality}}), {{locationName}}, {{locationAddress}}.',
    sms: '{{clinicName}}: moved to {{date}} {{time}}. Details: {{portalLink}}',
    push: 'Now on {{date}} at {{time}}. {{portalLink}}',
  },
  cancellation: {
    subject: 'Your appointment at {{clinicName}} is cancelled',
    lead: 'Your appointment at {{clinicName}} on {{date}} at {{time}} is cancelled ({{reason}}).',
    sms: '{{clinicName}}: your {{date}} {{time}} appointment is cancelled. {{portalLink}}',
    push: 'The {{date}} {{time}} appointment is cancelled. {{portalLink}}',
  },
  reminder: {
    subject: 'Reminder: your appointment at {{clinicName}}',
    lead: 'A reminder of your appointment at {{clinicName}} on {{date}} at {{time}} ({{modality}}), {{locationName}}, {{locationAddress}}.',
    sms: '{{clinicName}}: reminder, {{date}} {{time}}. Reply C to confirm, R to reschedule. {{portalLink}}',
    push: '{{date}} at {{time}}. Open it to confirm or change it. {{portalLink}}',
  },
  nudge: {
    subject: 'See you soon at {{clinicName}}',
    lead: 'Your appointment at {{clinicName}} is {{day}} at {{time}} ({{modality}}), {{locationName}}, {{locationAddress}}.',
    sms: '{{clinicName}}: {{day}} at {{time}}. {{portalLink}}',
    push: 'Your appointment is {{day}} at {{time}}. {{portalLink}}',
  },
  waitlist_offer: {
    subject: 'An earlier time is free at {{clinicName}}',
    lead: 'A time you asked for on the waitlist is free at {{clinicName}}: {{date}} at {{time}} ({{modality}}), {{locationName}}. We hold it for you for a short while; accept or decline it here: {{offerLink}}',
    sms: '{{clinicName}}: a waitlist time is free, {{date}} {{time}}. Accept or decline: {{offerLink}}',
    push: '{{date}} at {{time}}, held for you for a short while: open it to accept or decline. {{offerLink}}',
  },
};

const es: Record<MessageKind, Wording> = {
  confirmation: {
    subject: 'Su cita en {{clinicName}} está reservada',
    lead: 'Su cita en {{clinicName}} está reservada para el {{date}} a las {{time}} ({{modality}}), {{locationName}}, {{locationAddress}}.',
    sms: '{{clinicName}}: cita el {{date}} a las {{time}}. Detalles: {{portalLink}}',
    push: 'El {{date}} a las {{time}}. {{portalLink}}',
  },
  reschedule: {
    subject: 'Su cita en {{clinicName}} ha cambiado',
    lead: 'Su cita en {{clinicName}} es ahora el {{date}} a las {{time}} ({{modality}}), {{locationName}}, {{locationAddress}}.',
    sms: '{{clinicName}}: cita cambiada al {{date}} a las {{time}}. Detalles: {{portalLink}}',
    push: 'Ahora el {{date}} a las {{time}}. {{portalLink}}',
  },
  cancellation: {
    subject: 'Su cita en {{clinicName}} está cancelada',
    lead: 'Su cita en {{clinicName}} del {{date}} a las {{time}} está cancelada ({{reason}}).',
    sms: '{{clinicName}}: su cita del {{date}} a las {{time}} está cancelada. {{portalLink}}',
    push: 'La cita del {{date}} a las {{time}} está cancelada. {{portalLink}}',
  },
  reminder: {
    subject: 'Recordatorio: su cita en {{clinicName}}',
    lead: 'Le recordamos su cita en {{clinicName}} el {{date}} a las {{time}} ({{modality}}), {{locationName}}, {{locationAddress}}.',
    sms: '{{clinicName}}: recordatorio, {{date}} {{time}}. Responda C para confirmar, R para cambiar. {{portalLink}}',
    push: 'El {{date}} a las {{time}}. Ábrala para confirmarla o cambiarla. {{portalLink}}',
  },
  nudge: {
    subject: 'Le esperamos pronto en {{clinicName}}',
    lead: 'Su cita en {{clinicName}} es {{day}} a las {{time}} ({{modality}}), {{locationName}}, {{locationAddress}}.',
    sms: '{{clinicName}}: {{day}} a las {{time}}. {{portalLink}}',
    push: 'Su cita es {{day}} a las {{time}}. {{portalLink}}',
  },
  waitlist_offer: {
    subject: 'Hay un horario antes disponible en {{clinicName}}',
    lead: 'Un horario que pidió en la lista de espera está libre en {{clinicName}}: el {{date}} a las {{time}} ({{modality}}), {{locationName}}. Se lo reservamos por poco tiempo; acéptelo o rechácelo aquí: {{offerLink}}',
    sms: '{{clinicName}}: hay un horario libre, {{date}} {{time}}. Aceptar o rechazar: {{offerLink}}',
    push: 'El {{date}} a las {{time}}, reservado por poco tiempo: ábralo para aceptarlo o rechazarlo. {{offerLink}}',
  },
};

const tail: Record<Language, string> = {
  en: 'Manage your appointments: {{portalLink}}\n\nThis message was sent by {{clinicName}}. Do not reply with health information.',
  es: 'Gestione sus citas: {{portalLink}}\n\nEste mensaje lo envió {{clinicName}}. No responda con información de salud.',
};

const wordings: Record<Language, Record<MessageKind, Wording>> = { en, es };

/** A reminder carries links to answer it: confirm, cancel or reschedule. */
const actions: Record<Language, string> = {
  en: 'Confirm: {{confirmLink}}\nCancel: {{cancelLink}}\nReschedule: {{rescheduleLink}}',
  es: 'Confirmar: {{confirmLink}}\nCancelar: {{cancelLink}}\nCambiar: {{rescheduleLink}}',
};

export function shippedTemplate(
  kind: MessageKind,
  channel: TemplateChannel,
  language: Language,
): Template {
  const w = wordings[language][kind];
  if (channel === 'sms') return { subject: '', body: w.sms, version: 0 };
  if (channel === 'push') return { subject: w.subject, body: w.push, version: 0 };
  const links = kind === 'reminder' ? `\n\n${actions[language]}` : '';
  return { subject: w.subject, body: `${w.lead}${links}\n\n${tail[language]}`, version: 0 };
}

/** The language a message is written in: the patient's, when shipped, else English. */
export function languageOf(preferred: string | undefined): Language {
  const base = (preferred ?? 'en').slice(0, 2).toLowerCase();
  return (languages as readonly string[]).includes(base) ? (base as Language) : 'en';
}

/** Words the templates' variables take, per language. */
export const words: Record<
  Language,
  {
    modality: Record<string, string>;
    reason: Record<string, string>;
    /** `{{day}}`: the appointment's day as seen when the message goes; `{date}` is `{{date}}`. */
    day: { today: string; tomorrow: string; on: string };
  }
> = {
  en: {
    modality: { in_person: 'in person', telehealth: 'video visit' },
    day: { today: 'today', tomorrow: 'tomorrow', on: 'on {date}' },
    reason: {
      patient_request: 'at your request',
      provider_unavailable: 'the provider is unavailable',
      clinic_closed: 'the clinic is closed',
      duplicate: 'a duplicate booking',
      other: 'cancelled by the clinic',
    },
  },
  es: {
    modality: { in_person: 'en persona', telehealth: 'videoconsulta' },
    day: { today: 'hoy', tomorrow: 'mañana', on: 'el {date}' },
    reason: {
      patient_request: 'a petición suya',
      provider_unavailable: 'el profesional no está disponible',
      clinic_closed: 'la clínica está cerrada',
      duplicate: 'reserva duplicada',
      other: 'cancelada por la clínica',
    },
  },
};
