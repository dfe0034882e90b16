import { defineMessages } from '../../i18n/catalog.ts';

export const mailboxMessages = defineMessages({
  en: {
    'mailbox.title': 'Demo mailbox',
    'mailbox.lead':
      'This server runs in development, so it sends no email. The messages it would have sent are kept here, newest first: sign-in codes, confirmation links, invitations and reminders.',
    'mailbox.refresh': 'Check for new mail',
    'mailbox.empty': 'No mail yet. Messages appear here as soon as Hourglass sends them.',
    'mailbox.to': 'To {address}',
    'mailbox.sent': 'Sent {time}',
    'mailbox.count': '{count, plural, one {# message} other {# messages}}',
    'mailbox.unavailable': 'This server has no demo mailbox: it sends real email.',
  },
  es: {
    'mailbox.title': 'Buzón de demostración',
    'mailbox.lead':
      'Este servidor funciona en modo de desarrollo, así que no envía correos. Los mensajes que habría enviado se guardan aquí, del más reciente al más antiguo: códigos de inicio de sesión, enlaces de confirmación, invitaciones y recordatorios.',
    'mailbox.refresh': 'Buscar correo nuevo',
    'mailbox.empty': 'Aún no hay correo. Los mensajes aparecen aquí en cuanto Hourglass los envía.',
    'mailbox.to': 'Para {address}',
    'mailbox.sent': 'Enviado {time}',
    'mailbox.count': '{count, plural, one {# mensaje} other {# mensajes}}',
    'mailbox.unavailable': 'Este servidor no tiene buzón de demostración: envía correo de verdad.',
  },
});
