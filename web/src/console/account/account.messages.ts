import { defineMessages } from '../../i18n/catalog.ts';

export const consoleAccountMessages = defineMessages({
  en: {
    'staffAccount.title': 'Your account',
    'staffAccount.signedInAs': 'Signed in as {name}.',
    'staffAccount.recovery': 'Recovery codes',
    'staffAccount.recovery.text':
      'Each recovery code signs you in once if your phone is lost. Replacing them makes the old ones stop working. You will be asked to confirm it is you.',
    'staffAccount.recovery.replace': 'Replace my recovery codes',
    'staffAccount.recovery.new':
      'Your new recovery codes. Save them now: we will not show them again.',
    'staffAccount.recovery.list': 'New recovery codes',
    'staffAccount.more':
      'Soon also here: the devices you are signed in on, and changing your password or authenticator app.',
  },
  es: {
    'staffAccount.title': 'Su cuenta',
    'staffAccount.signedInAs': 'Sesión iniciada como {name}.',
    'staffAccount.recovery': 'Códigos de recuperación',
    'staffAccount.recovery.text':
      'Cada código de recuperación le permite iniciar sesión una vez si pierde su teléfono. Al reemplazarlos, los anteriores dejan de funcionar. Le pediremos que confirme que es usted.',
    'staffAccount.recovery.replace': 'Reemplazar mis códigos de recuperación',
    'staffAccount.recovery.new':
      'Sus códigos de recuperación nuevos. Guárdelos ahora: no los volveremos a mostrar.',
    'staffAccount.recovery.list': 'Códigos de recuperación nuevos',
    'staffAccount.more':
      'Pronto también aquí: los dispositivos con sesión iniciada y el cambio de su contraseña o de su aplicación de autenticación.',
  },
});
