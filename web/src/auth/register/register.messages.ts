import { defineMessages } from '../../i18n/catalog.ts';

export const registerMessages = defineMessages({
  en: {
    'register.title': 'Create your account',
    'register.lead':
      'We use these details to book your visits and to find your records at {clinic}. They are encrypted and only people caring for you can see them.',
    'register.about': 'About you',
    'register.given': 'First name',
    'register.givenHint': 'As on your ID or insurance card.',
    'register.family': 'Last name',
    'register.preferred': 'Name you would like us to use',
    'register.dob': 'Date of birth',
    'register.sex': 'Sex',
    'register.sexHint':
      'As recorded by your insurance. You can tell your care team more at your visit.',
    'register.sex.female': 'Female',
    'register.sex.male': 'Male',
    'register.sex.intersex': 'Intersex',
    'register.sex.unknown': 'I would rather not say',
    'register.contact': 'How to reach you',
    'register.phone': 'Mobile phone',
    'register.phoneHint': 'For reminders about your visits.',
    'register.phoneInvalid': 'Please enter a phone number with at least 7 digits.',
    'register.emailHint': 'We will send a link to confirm it.',
    'register.language': 'Language for messages from the clinic',
    'register.security': 'Your password',
    'register.submit': 'Create account',
    'register.haveAccount': 'Already have an account?',
    'register.done.lead':
      'We sent a link to {email}. Open it within 24 hours to confirm your address, then sign in.',
    'register.done.wrong': 'Wrong address? Create the account again with the right one.',
  },
  es: {
    'register.title': 'Cree su cuenta',
    'register.lead':
      'Usamos estos datos para reservar sus citas y encontrar su expediente en {clinic}. Están cifrados y solo las personas que lo atienden pueden verlos.',
    'register.about': 'Sobre usted',
    'register.given': 'Nombre',
    'register.givenHint': 'Como aparece en su identificación o tarjeta del seguro.',
    'register.family': 'Apellidos',
    'register.preferred': 'Nombre con el que prefiere que le llamemos',
    'register.dob': 'Fecha de nacimiento',
    'register.sex': 'Sexo',
    'register.sexHint':
      'Como figura en su seguro. Puede contarle más a su equipo de atención durante la visita.',
    'register.sex.female': 'Femenino',
    'register.sex.male': 'Masculino',
    'register.sex.intersex': 'Intersexual',
    'register.sex.unknown': 'Prefiero no decirlo',
    'register.contact': 'Cómo comunicarnos con usted',
    'register.phone': 'Teléfono celular',
    'register.phoneHint': 'Para recordatorios de sus citas.',
    'register.phoneInvalid': 'Escriba un número de teléfono de al menos 7 dígitos.',
    'register.emailHint': 'Le enviaremos un enlace para confirmarlo.',
    'register.language': 'Idioma de los mensajes de la clínica',
    'register.security': 'Su contraseña',
    'register.submit': 'Crear cuenta',
    'register.haveAccount': '¿Ya tiene una cuenta?',
    'register.done.lead':
      'Enviamos un enlace a {email}. Ábralo en las próximas 24 horas para confirmar su dirección y luego inicie sesión.',
    'register.done.wrong': '¿La dirección no es correcta? Cree la cuenta otra vez con la correcta.',
  },
});
