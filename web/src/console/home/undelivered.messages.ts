import { defineMessages } from '../../i18n/catalog.ts';

/** The console home's list of messages that reached no patient. */
export const undeliveredMessages = defineMessages({
  en: {
    'undelivered.title': 'Messages that did not reach the patient',
    'undelivered.lead':
      'About visits in the next two weeks. Call the patient, or open the visit to resend.',
    'undelivered.none': 'Every message about the next two weeks reached its patient.',
    'undelivered.visit': '{kind} about the visit on {when}, {provider}, {location}',
    'undelivered.open': 'Open the visit',
    'undelivered.openNamed': 'Open the visit on {when} with {provider}',
  },
  es: {
    'undelivered.title': 'Mensajes que no llegaron al paciente',
    'undelivered.lead':
      'Sobre citas de las próximas dos semanas. Llame al paciente o abra la cita para reenviarlo.',
    'undelivered.none': 'Todos los mensajes sobre las próximas dos semanas llegaron al paciente.',
    'undelivered.visit': '{kind} sobre la cita del {when}, {provider}, {location}',
    'undelivered.open': 'Abrir la cita',
    'undelivered.openNamed': 'Abrir la cita del {when} con {provider}',
  },
});
