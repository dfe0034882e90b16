import { defineMessages } from '../../i18n/catalog.ts';

export const forgotPasswordMessages = defineMessages({
  en: {
    'forgot.title': 'Reset your password',
    'forgot.lead':
      'Enter the email of your account. We will send you a link to choose a new password.',
    'forgot.submit': 'Send the link',
    'forgot.done':
      'If {email} has an account here, a link is on its way. It works once, for 30 minutes. Nothing arrived? Check your spam folder, or try again.',
  },
  es: {
    'forgot.title': 'Restablezca su contraseña',
    'forgot.lead':
      'Escriba el correo de su cuenta. Le enviaremos un enlace para elegir una contraseña nueva.',
    'forgot.submit': 'Enviar el enlace',
    'forgot.done':
      'Si {email} tiene una cuenta aquí, el enlace va en camino. Sirve una sola vez, durante 30 minutos. ¿No le llegó nada? Revise la carpeta de correo no deseado o inténtelo de nuevo.',
  },
});
