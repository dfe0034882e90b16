import { defineMessages } from '../../i18n/catalog.ts';

export const resetPasswordMessages = defineMessages({
  en: {
    'reset.title': 'Choose a new password',
    'reset.lead': 'After this, every device signed in to your account is signed out.',
    'reset.submit': 'Save the new password',
    'reset.done.title': 'Your password is changed',
    'reset.done.text':
      'Sign in with your new password. You will still confirm it is you with your second step.',
    'reset.again': 'Ask for a new link',
  },
  es: {
    'reset.title': 'Elija una contraseña nueva',
    'reset.lead':
      'Después de esto, se cerrará la sesión en todos los dispositivos conectados a su cuenta.',
    'reset.submit': 'Guardar la contraseña nueva',
    'reset.done.title': 'Cambió su contraseña',
    'reset.done.text':
      'Inicie sesión con su contraseña nueva. Igual confirmará que es usted con su segundo paso.',
    'reset.again': 'Pedir un enlace nuevo',
  },
});
