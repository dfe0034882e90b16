import { defineMessages } from '../../i18n/catalog.ts';

export const homeMessages = defineMessages({
  en: {
    'home.title': 'Welcome',
    'home.loading': 'Loading the clinic…',
    'home.error': 'We could not load this clinic. Please try again in a moment.',
    'home.empty': 'No clinic is set up here yet.',
    'home.demoNotice': 'Demo clinic: sample data only, no real patients.',
    'home.lead': 'Book a visit online in about a minute, in English or Spanish.',
    'home.book': 'Book a visit',
    'home.signedIn': 'Signed in as {name}.',
    'home.locations': 'Locations',
    'location.inPerson': 'In person',
    'location.telehealth': 'Video visits',
    'location.timeZone': 'Times shown in {zone}',
    'location.call': 'Call {phone}',
  },
  es: {
    'home.title': 'Bienvenido',
    'home.loading': 'Cargando la clínica…',
    'home.error': 'No pudimos cargar esta clínica. Inténtelo de nuevo en un momento.',
    'home.empty': 'Todavía no hay ninguna clínica configurada aquí.',
    'home.demoNotice': 'Clínica de demostración: solo datos de ejemplo, sin pacientes reales.',
    'home.lead': 'Reserve una cita en línea en más o menos un minuto, en inglés o en español.',
    'home.book': 'Reservar una cita',
    'home.signedIn': 'Sesión iniciada como {name}.',
    'home.locations': 'Sedes',
    'location.inPerson': 'En persona',
    'location.telehealth': 'Consultas por video',
    'location.timeZone': 'Horarios en {zone}',
    'location.call': 'Llamar al {phone}',
  },
});
