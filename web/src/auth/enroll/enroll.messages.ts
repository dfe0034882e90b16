import { defineMessages } from '../../i18n/catalog.ts';

export const enrollMessages = defineMessages({
  en: {
    'enroll.title': 'Set up your authenticator app',
    'enroll.lead':
      'Staff accounts need a second step at every sign-in: a six-digit code from an app on your phone. It takes a minute.',
    'enroll.step1': '1. Install an authenticator app',
    'enroll.step1.text':
      'Any app that makes time-based codes works, such as the one your workplace recommends, Google Authenticator, Microsoft Authenticator or 1Password.',
    'enroll.step2': '2. Add Hourglass to the app',
    'enroll.step2.text': 'Scan this code with the app, or type the setup key into it.',
    'enroll.qr': 'QR code to add Hourglass to your authenticator app',
    'enroll.key': 'Setup key',
    'enroll.step3': '3. Enter the code the app shows',
    'enroll.code': 'Six-digit code',
    'enroll.code.invalid': 'Please enter the six digits the app shows.',
    'enroll.confirm': 'Confirm',
    'enroll.loading': 'Preparing your setup key…',
    'enroll.codes.title': 'Save your recovery codes',
    'enroll.codes.lead':
      'If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, like a password manager. We will not show them again.',
    'enroll.codes.list': 'Recovery codes',
    'enroll.codes.saved': 'I have saved my recovery codes',
    'enroll.codes.continue': 'Continue',
  },
  es: {
    'enroll.title': 'Configure su aplicación de autenticación',
    'enroll.lead':
      'Las cuentas del personal necesitan un segundo paso cada vez que inician sesión: un código de seis dígitos de una aplicación en su teléfono. Toma un minuto.',
    'enroll.step1': '1. Instale una aplicación de autenticación',
    'enroll.step1.text':
      'Sirve cualquier aplicación que genere códigos por tiempo, como la que recomiende su lugar de trabajo, Google Authenticator, Microsoft Authenticator o 1Password.',
    'enroll.step2': '2. Agregue Hourglass a la aplicación',
    'enroll.step2.text':
      'Escanee este código con la aplicación o escriba en ella la clave de configuración.',
    'enroll.qr': 'Código QR para agregar Hourglass a su aplicación de autenticación',
    'enroll.key': 'Clave de configuración',
    'enroll.step3': '3. Escriba el código que muestra la aplicación',
    'enroll.code': 'Código de seis dígitos',
    'enroll.code.invalid': 'Escriba los seis dígitos que muestra la aplicación.',
    'enroll.confirm': 'Confirmar',
    'enroll.loading': 'Preparando su clave de configuración…',
    'enroll.codes.title': 'Guarde sus códigos de recuperación',
    'enroll.codes.lead':
      'Si pierde su teléfono, cada uno de estos códigos le permite iniciar sesión una vez. Guárdelos en un lugar seguro, como un administrador de contraseñas. No los volveremos a mostrar.',
    'enroll.codes.list': 'Códigos de recuperación',
    'enroll.codes.saved': 'Ya guardé mis códigos de recuperación',
    'enroll.codes.continue': 'Continuar',
  },
});
