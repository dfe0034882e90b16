import { defineMessages } from '../../i18n/catalog.ts';

export const verifyEmailMessages = defineMessages({
  en: {
    'verify.title': 'Confirm your email',
    'verify.checking': 'Confirming your email…',
    'verify.done.title': 'Your email is confirmed',
    'verify.done.text': 'Your account is ready. Sign in to book your first visit.',
    'verify.failed.title': 'We could not confirm your email',
    'verify.again': 'Create your account again',
  },
  es: {
    'verify.title': 'Confirme su correo',
    'verify.checking': 'Confirmando su correo…',
    'verify.done.title': 'Confirmamos su correo',
    'verify.done.text': 'Su cuenta está lista. Inicie sesión para reservar su primera cita.',
    'verify.failed.title': 'No pudimos confirmar su correo',
    'verify.again': 'Crear su cuenta otra vez',
  },
});
