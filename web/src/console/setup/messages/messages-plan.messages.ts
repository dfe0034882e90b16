import { defineMessages } from '../../../i18n/catalog.ts';

export const messagesPlanMessages = defineMessages({
  en: {
    'messagesPlan.title': 'Patient messages',
    'messagesPlan.lead':
      'The order in which confirmations and reminders try to reach a patient. A channel the patient has not agreed to is skipped, and when one fails the next is tried. Every message is also in the patient’s portal inbox.',
    'messagesPlan.appliesTo': 'Applies to',
    'messagesPlan.allTypes': 'Every visit type (the clinic’s order)',
    'messagesPlan.source.type': 'This visit type has its own order.',
    'messagesPlan.source.organization': 'This follows the clinic’s order.',
    'messagesPlan.source.default':
      'This is the standard order: email, then text message, then push.',
    'messagesPlan.order': 'Channels, in the order they are tried',
    'messagesPlan.unused': 'Not used',
    'messagesPlan.none': 'No channel: messages go to the portal inbox only.',
    'messagesPlan.channel.email': 'Email',
    'messagesPlan.channel.sms': 'Text message',
    'messagesPlan.channel.push': 'Push notification',
    'messagesPlan.up': 'Move {channel} up',
    'messagesPlan.drop': 'Stop using {channel}',
    'messagesPlan.use': 'Use {channel}',
    'messagesPlan.save': 'Save order',
    'messagesPlan.saved': 'Saved. New messages use this order.',
  },
  es: {
    'messagesPlan.title': 'Mensajes a pacientes',
    'messagesPlan.lead':
      'El orden en que las confirmaciones y los recordatorios intentan llegar al paciente. Se omite un canal que el paciente no aceptó y, si uno falla, se prueba el siguiente. Cada mensaje también queda en la bandeja del portal del paciente.',
    'messagesPlan.appliesTo': 'Se aplica a',
    'messagesPlan.allTypes': 'Todos los tipos de visita (el orden de la clínica)',
    'messagesPlan.source.type': 'Este tipo de visita tiene su propio orden.',
    'messagesPlan.source.organization': 'Sigue el orden de la clínica.',
    'messagesPlan.source.default':
      'Es el orden estándar: correo electrónico, luego mensaje de texto, luego notificación push.',
    'messagesPlan.order': 'Canales, en el orden en que se prueban',
    'messagesPlan.unused': 'Sin usar',
    'messagesPlan.none': 'Ningún canal: los mensajes van solo a la bandeja del portal.',
    'messagesPlan.channel.email': 'Correo electrónico',
    'messagesPlan.channel.sms': 'Mensaje de texto',
    'messagesPlan.channel.push': 'Notificación push',
    'messagesPlan.up': 'Subir {channel}',
    'messagesPlan.drop': 'Dejar de usar {channel}',
    'messagesPlan.use': 'Usar {channel}',
    'messagesPlan.save': 'Guardar el orden',
    'messagesPlan.saved': 'Guardado. Los mensajes nuevos usan este orden.',
  },
});
