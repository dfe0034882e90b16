import { defineMessages } from '../../i18n/catalog.ts';

export const visitMessages = defineMessages({
  en: {
    'visit.title': 'Your visit',
    'visit.lead':
      'To keep your visit private, we email a code to the address you booked with. Enter it here to see or cancel the visit.',
    'visit.noLink':
      'This page opens from the link in your booking email. Open that email and use its link again.',
    'visit.home': 'Go to the home page',
    'visit.sendCode': 'Email me a code',
    'visit.checkEmail': 'Check your email',
    'visit.sent':
      'We sent a six-digit code to the email address you booked with. It works for 10 minutes.',
    'visit.code': 'Code from the email',
    'visit.codeInvalid': 'Please enter the six digits from the email.',
    'visit.open': 'Show my visit',
    'visit.resend': 'Send a new code',
    'visit.loading': 'Loading your visit…',
    'visit.yours': 'Your visit',
    'visit.status.held': 'This time is being held and is not booked yet.',
    'visit.status.booked': 'This visit is booked.',
    'visit.status.checked_in': 'You are checked in for this visit.',
    'visit.status.completed': 'This visit has taken place.',
    'visit.status.no_show': 'This visit was missed.',
    'visit.status.cancelled': 'This visit was cancelled.',
    'visit.status.expired': 'This time was held but never booked.',
    'visit.cancelled': 'Your visit is cancelled. The time is free for someone else.',
    'visit.before': 'Before your visit',
    'visit.calendar': 'Add to calendar',
    'visit.cancel': 'Cancel this visit',
    'visit.call': 'To change your visit, call {phone}.',
    'visit.cancelTitle': 'Cancel this visit?',
    'visit.cancelText':
      'The time will be offered to other patients. You can book again at any time.',
    'visit.cancelYes': 'Yes, cancel the visit',
    'visit.cancelNo': 'No, keep it',
    'visit.tooLate': 'It is too close to the visit to cancel online. Please call {phone}.',
  },
  es: {
    'visit.title': 'Su cita',
    'visit.lead':
      'Para proteger su privacidad, le enviamos un código al correo con el que reservó. Escríbalo aquí para ver o cancelar la cita.',
    'visit.noLink':
      'Esta página se abre desde el enlace de su correo de reserva. Abra ese correo y use el enlace otra vez.',
    'visit.home': 'Ir a la página de inicio',
    'visit.sendCode': 'Envíenme un código',
    'visit.checkEmail': 'Revise su correo',
    'visit.sent':
      'Enviamos un código de seis dígitos al correo con el que reservó. Es válido durante 10 minutos.',
    'visit.code': 'Código del correo',
    'visit.codeInvalid': 'Escriba los seis dígitos del correo.',
    'visit.open': 'Ver mi cita',
    'visit.resend': 'Enviar un código nuevo',
    'visit.loading': 'Cargando su cita…',
    'visit.yours': 'Su cita',
    'visit.status.held': 'Este horario está reservado temporalmente y aún no está confirmado.',
    'visit.status.booked': 'Esta cita está confirmada.',
    'visit.status.checked_in': 'Ya registró su llegada a esta cita.',
    'visit.status.completed': 'Esta cita ya se realizó.',
    'visit.status.no_show': 'No asistió a esta cita.',
    'visit.status.cancelled': 'Esta cita fue cancelada.',
    'visit.status.expired': 'Este horario se reservó temporalmente pero nunca se confirmó.',
    'visit.cancelled': 'Su cita está cancelada. El horario queda libre para otra persona.',
    'visit.before': 'Antes de su cita',
    'visit.calendar': 'Añadir al calendario',
    'visit.cancel': 'Cancelar esta cita',
    'visit.call': 'Para cambiar su cita, llame al {phone}.',
    'visit.cancelTitle': '¿Cancelar esta cita?',
    'visit.cancelText':
      'El horario se ofrecerá a otros pacientes. Puede volver a reservar cuando quiera.',
    'visit.cancelYes': 'Sí, cancelar la cita',
    'visit.cancelNo': 'No, mantenerla',
    'visit.tooLate':
      'Falta muy poco para la cita y ya no se puede cancelar en línea. Llame al {phone}.',
  },
});
