import { defineMessages } from '../../i18n/catalog.ts';

export const caregiverMessages = defineMessages({
  en: {
    'caregiver.title': 'Help with appointments',
    'caregiver.lead':
      'A patient invited you to book and manage their appointments. They can take this back at any time.',
    'caregiver.signedOut':
      'Sign in with your own patient account to accept. New here? Create an account, verify your email, then open the link in the invitation again.',
    'caregiver.createAccount': 'Create an account',
    'caregiver.notPatient':
      'Invitations are accepted with a patient account. Sign out, then sign in with yours.',
    'caregiver.accept': 'Accept the invitation',
    'caregiver.expired':
      'Invitations work once, for 72 hours. Ask the patient to invite you again.',
    'caregiver.done.title': 'You can now help with their appointments',
    'caregiver.done.text':
      'When you book, choose who the visit is for. Their visits are listed with yours.',
    'caregiver.done.book': 'Book a visit',
    'caregiver.done.appointments': 'My appointments',
  },
  es: {
    'caregiver.title': 'Ayuda con las citas',
    'caregiver.lead':
      'Un paciente le invitó a reservar y gestionar sus citas. Puede retirar este permiso en cualquier momento.',
    'caregiver.signedOut':
      'Inicie sesión con su propia cuenta de paciente para aceptar. ¿Es nuevo? Cree una cuenta, verifique su correo y vuelva a abrir el enlace de la invitación.',
    'caregiver.createAccount': 'Crear una cuenta',
    'caregiver.notPatient':
      'Las invitaciones se aceptan con una cuenta de paciente. Cierre la sesión e inicie sesión con la suya.',
    'caregiver.accept': 'Aceptar la invitación',
    'caregiver.expired':
      'Las invitaciones sirven una sola vez, durante 72 horas. Pida al paciente que le invite de nuevo.',
    'caregiver.done.title': 'Ya puede ayudar con sus citas',
    'caregiver.done.text':
      'Al reservar, elija para quién es la cita. Sus citas aparecen junto a las suyas.',
    'caregiver.done.book': 'Reservar una cita',
    'caregiver.done.appointments': 'Mis citas',
  },
});
