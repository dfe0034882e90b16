import { defineMessages } from '../i18n/catalog.ts';

/** Words every sign-in page shares. */
export const authMessages = defineMessages({
  en: {
    'auth.email': 'Email',
    'auth.password': 'Password',
    'auth.newPassword': 'New password',
    'auth.signIn': 'Sign in',
    'auth.backToSignIn': 'Back to sign in',
    'auth.checkEmail': 'Check your email',
    'auth.linkMissing':
      'This link is incomplete. Open the link from your email again, or ask for a new one.',
    'auth.continue': 'Continue',
  },
  es: {
    'auth.email': 'Correo electrónico',
    'auth.password': 'Contraseña',
    'auth.newPassword': 'Contraseña nueva',
    'auth.signIn': 'Iniciar sesión',
    'auth.backToSignIn': 'Volver a iniciar sesión',
    'auth.checkEmail': 'Revise su correo',
    'auth.linkMissing':
      'Este enlace está incompleto. Abra otra vez el enlace de su correo o pida uno nuevo.',
    'auth.continue': 'Continuar',
  },
});
