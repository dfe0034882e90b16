import { defineMessages } from '../i18n/catalog.ts';

export const componentMessages = defineMessages({
  en: {
    'field.required': 'Please fill this in.',
    'field.email': 'Please enter an email address, like name@example.com.',
    'field.optional': '(optional)',
    'field.invalid': 'Please check this value.',
    'field.birthFuture': 'Please enter a date in the past.',
    'field.birthEarly': 'Please enter a date from 1900 on.',
    'password.show': 'Show',
    'password.showLabel': 'Show password',
    'password.rules': 'At least 12 characters. A few unrelated words are easy to remember.',
    'password.short': 'Please use at least 12 characters.',
    'loading.label': 'Loading…',
    'load.failed': 'This page could not be loaded.',
    'load.retry': 'Try again',
    'dialog.close': 'Close',
    'problem.sign-in-failed':
      'The email or password is not right, or this account cannot sign in. Check them and try again.',
    'problem.code-rejected':
      'That code is not right or was already used. Enter the current code and try again.',
    'problem.link-expired': 'This link has expired or was already used. Ask for a new one.',
    'problem.too-many-attempts':
      'Too many attempts. Wait {seconds, plural, one {# second} other {# seconds}} and try again.',
    'problem.network': 'We could not reach Hourglass. Check your connection and try again.',
    'problem.server-error': 'Something went wrong on our side. Please try again in a moment.',
    'problem.unauthorized': 'Your session has ended. Please sign in again.',
    'problem.forbidden': 'Your account is not allowed to do this.',
    'problem.not-found': 'We could not find what you asked for.',
    'problem.validation': 'Some fields need your attention.',
    'problem.fallback': 'Something did not work. Please try again.',
  },
  es: {
    'field.required': 'Complete este campo.',
    'field.email': 'Escriba un correo electrónico, como nombre@ejemplo.com.',
    'field.optional': '(opcional)',
    'field.invalid': 'Revise este valor.',
    'field.birthFuture': 'Escriba una fecha en el pasado.',
    'field.birthEarly': 'Escriba una fecha a partir de 1900.',
    'password.show': 'Mostrar',
    'password.showLabel': 'Mostrar contraseña',
    'password.rules':
      'Al menos 12 caracteres. Unas cuantas palabras sin relación entre sí son fáciles de recordar.',
    'password.short': 'Use al menos 12 caracteres.',
    'loading.label': 'Cargando…',
    'load.failed': 'No se pudo cargar esta página.',
    'load.retry': 'Reintentar',
    'dialog.close': 'Cerrar',
    'problem.sign-in-failed':
      'El correo o la contraseña no son correctos, o esta cuenta no puede iniciar sesión. Revíselos e inténtelo de nuevo.',
    'problem.code-rejected':
      'Ese código no es correcto o ya se usó. Escriba el código actual e inténtelo de nuevo.',
    'problem.link-expired': 'Este enlace venció o ya se usó. Pida uno nuevo.',
    'problem.too-many-attempts':
      'Demasiados intentos. Espere {seconds, plural, one {# segundo} other {# segundos}} e inténtelo de nuevo.',
    'problem.network':
      'No pudimos conectar con Hourglass. Revise su conexión e inténtelo de nuevo.',
    'problem.server-error': 'Algo falló de nuestro lado. Inténtelo de nuevo en un momento.',
    'problem.unauthorized': 'Su sesión terminó. Inicie sesión de nuevo.',
    'problem.forbidden': 'Su cuenta no tiene permiso para hacer esto.',
    'problem.not-found': 'No encontramos lo que buscaba.',
    'problem.validation': 'Algunos campos necesitan su atención.',
    'problem.fallback': 'Algo no funcionó. Inténtelo de nuevo.',
  },
});
