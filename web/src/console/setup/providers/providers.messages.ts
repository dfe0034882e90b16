import { defineMessages } from '../../../i18n/catalog.ts';

export const providersMessages = defineMessages({
  en: {
    'setupProviders.title': 'Providers',
    'setupProviders.lead':
      'The people patients book with. Patients see the name, credentials, languages and bio when they choose.',
    'setupProviders.list': 'Providers of the clinic',
    'setupProviders.name': 'Name as patients see it',
    'setupProviders.name.help': 'For example Dr. Ana Ruiz.',
    'setupProviders.credentials': 'Credentials',
    'setupProviders.credentials.help': 'For example MD, NP or DDS.',
    'setupProviders.specialties': 'Specialties',
    'setupProviders.specialties.help':
      'Separated by commas, for example Family medicine, Pediatrics.',
    'setupProviders.languages': 'Languages spoken with patients',
    'setupProviders.locations': 'Works at',
    'setupProviders.locations.help': 'Only these locations can offer visits with this provider.',
    'setupProviders.accepting': 'Accepting new patients',
    'setupProviders.bio': 'Short bio',
    'setupProviders.bio.help':
      'A few sentences patients read before booking. At most 2,000 characters.',
    'setupProviders.add': 'Add a provider',
    'setupProviders.addButton': 'Add the provider',
    'setupProviders.yes': 'Yes',
    'setupProviders.no': 'No',
  },
  es: {
    'setupProviders.title': 'Profesionales',
    'setupProviders.lead':
      'Las personas con quienes los pacientes reservan. Los pacientes ven el nombre, las credenciales, los idiomas y la presentación al elegir.',
    'setupProviders.list': 'Profesionales de la clínica',
    'setupProviders.name': 'Nombre que ven los pacientes',
    'setupProviders.name.help': 'Por ejemplo Dra. Ana Ruiz.',
    'setupProviders.credentials': 'Credenciales',
    'setupProviders.credentials.help': 'Por ejemplo MD, NP o DDS.',
    'setupProviders.specialties': 'Especialidades',
    'setupProviders.specialties.help':
      'Separadas por comas, por ejemplo Medicina familiar, Pediatría.',
    'setupProviders.languages': 'Idiomas en que atiende',
    'setupProviders.locations': 'Trabaja en',
    'setupProviders.locations.help':
      'Solo estas sedes pueden ofrecer visitas con este profesional.',
    'setupProviders.accepting': 'Acepta pacientes nuevos',
    'setupProviders.bio': 'Presentación breve',
    'setupProviders.bio.help':
      'Unas frases que los pacientes leen antes de reservar. Como máximo 2000 caracteres.',
    'setupProviders.add': 'Agregar un profesional',
    'setupProviders.addButton': 'Agregar al profesional',
    'setupProviders.yes': 'Sí',
    'setupProviders.no': 'No',
  },
});
