import { defineMessages } from '../../i18n/catalog.ts';

export const secondFactorMessages = defineMessages({
  en: {
    'mfa.title': 'Confirm it is you',
    'mfa.lead.totp': 'Enter the six-digit code your authenticator app shows for Hourglass.',
    'mfa.lead.email':
      'We emailed a six-digit code to your address. It works for a few minutes; check your spam folder if it has not arrived.',
    'mfa.lead.both':
      'We emailed a six-digit code to your address. A code from your authenticator app works too.',
    'mfa.code.totp': 'Code from your authenticator app',
    'mfa.code.both': 'Six-digit code',
    'mfa.code.email': 'Code from the email',
    'mfa.code.hint': 'Six digits, without spaces.',
    'mfa.code.invalid': 'Please enter the six digits of the code.',
    'mfa.recovery': 'Recovery code',
    'mfa.recovery.hint': 'One of the codes you saved when you set up your authenticator.',
    'mfa.useRecovery': 'Use a recovery code instead',
    'mfa.useCode': 'Use a code instead',
    'mfa.resend': 'Email me a new code',
    'mfa.resent': 'We sent a new code. Use the newest one.',
    'mfa.submit': 'Continue',
    'mfa.cancel': 'Cancel and sign out',
  },
  es: {
    'mfa.title': 'Confirme que es usted',
    'mfa.lead.totp':
      'Escriba el código de seis dígitos que muestra su aplicación de autenticación para Hourglass.',
    'mfa.lead.email':
      'Enviamos un código de seis dígitos a su correo. Sirve durante unos minutos; si no le llega, revise la carpeta de correo no deseado.',
    'mfa.lead.both':
      'Enviamos un código de seis dígitos a su correo. También sirve un código de su aplicación de autenticación.',
    'mfa.code.totp': 'Código de su aplicación de autenticación',
    'mfa.code.both': 'Código de seis dígitos',
    'mfa.code.email': 'Código del correo',
    'mfa.code.hint': 'Seis dígitos, sin espacios.',
    'mfa.code.invalid': 'Escriba los seis dígitos del código.',
    'mfa.recovery': 'Código de recuperación',
    'mfa.recovery.hint':
      'Uno de los códigos que guardó al configurar su aplicación de autenticación.',
    'mfa.useRecovery': 'Usar un código de recuperación',
    'mfa.useCode': 'Usar un código',
    'mfa.resend': 'Enviarme un código nuevo',
    'mfa.resent': 'Enviamos un código nuevo. Use el más reciente.',
    'mfa.submit': 'Continuar',
    'mfa.cancel': 'Cancelar y cerrar sesión',
  },
});
