import { defineMessages } from '../../i18n/catalog.ts';

export const accountMessages = defineMessages({
  en: {
    'account.title': 'Your account',
    'account.signedInAs': 'Signed in as {name}.',
    'account.coming':
      'Your account settings come here soon: the devices you are signed in on, how the clinic contacts you, family members and caregivers, your record to download, your password and an authenticator app.',
    'account.book': 'Book a visit',
  },
  es: {
    'account.title': 'Su cuenta',
    'account.signedInAs': 'Sesión iniciada como {name}.',
    'account.coming':
      'Pronto encontrará aquí la configuración de su cuenta: los dispositivos con sesión iniciada, cómo le contacta la clínica, familiares y cuidadores, su expediente para descargar, su contraseña y una aplicación de autenticación.',
    'account.book': 'Reservar una cita',
  },
});
