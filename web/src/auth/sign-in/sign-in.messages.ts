import { defineMessages } from '../../i18n/catalog.ts';

export const signInMessages = defineMessages({
  en: {
    'signIn.title': 'Sign in',
    'signIn.lead': 'Patients and staff of {clinic} sign in here.',
    'signIn.submit': 'Sign in',
    'signIn.forgot': 'Forgot your password?',
    'signIn.new': 'New patient?',
    'signIn.register': 'Create an account',
    'signIn.notice.timeout':
      'You were signed out after a period without activity, to protect your privacy. Sign in to continue where you were.',
    'signIn.notice.signed-out': 'You are signed out.',
    'signIn.notice.expired': 'Your session has ended. Sign in again to continue.',
  },
  es: {
    'signIn.title': 'Iniciar sesión',
    'signIn.lead': 'Los pacientes y el personal de {clinic} inician sesión aquí.',
    'signIn.submit': 'Iniciar sesión',
    'signIn.forgot': '¿Olvidó su contraseña?',
    'signIn.new': '¿Es paciente nuevo?',
    'signIn.register': 'Crear una cuenta',
    'signIn.notice.timeout':
      'Cerramos su sesión tras un tiempo sin actividad, para proteger su privacidad. Inicie sesión para seguir donde estaba.',
    'signIn.notice.signed-out': 'Cerró la sesión.',
    'signIn.notice.expired': 'Su sesión terminó. Inicie sesión de nuevo para continuar.',
  },
});
