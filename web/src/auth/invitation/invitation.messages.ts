import { defineMessages } from '../../i18n/catalog.ts';

export const invitationMessages = defineMessages({
  en: {
    'invitation.title': 'Welcome to the team',
    'invitation.lead':
      'Choose the password for your staff account. At your first sign-in you will set up an authenticator app.',
    'invitation.submit': 'Create my account',
    'invitation.done.title': 'Your account is ready',
    'invitation.done.text':
      'Sign in with your email and new password to set up your authenticator app.',
    'invitation.expired':
      'Invitations work once, for 72 hours. Ask your administrator for a new one.',
  },
  es: {
    'invitation.title': 'Bienvenido al equipo',
    'invitation.lead':
      'Elija la contraseña de su cuenta del personal. La primera vez que inicie sesión configurará una aplicación de autenticación.',
    'invitation.submit': 'Crear mi cuenta',
    'invitation.done.title': 'Su cuenta está lista',
    'invitation.done.text':
      'Inicie sesión con su correo y su contraseña nueva para configurar su aplicación de autenticación.',
    'invitation.expired':
      'Las invitaciones sirven una sola vez, durante 72 horas. Pida una nueva a su administrador.',
  },
});
