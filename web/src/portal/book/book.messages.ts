import { defineMessages } from '../../i18n/catalog.ts';

/** The booking page's first screen: who the visit is for, what they need, the hold. */
export const bookMessages = defineMessages({
  en: {
    'book.title': 'Book a visit',
    'book.loading': 'Loading the clinic’s visits…',
    'book.error': 'We could not load the clinic’s visits. Please try again in a moment.',
    'book.holding': 'Holding this time for you…',
    'book.who.title': 'Who is this visit for?',
    'book.who.me': 'Me',
    'book.need.title': 'What do you need?',
    'book.need.answers': 'Your answers so far:',
    'book.need.changeAnswer': 'Change my last answer',
    'book.need.notOffered': 'We cannot book a {type} for you online',
    'book.need.notOfferedNext':
      'Change your answer above, or call the clinic and the front desk will help you.',
    'book.reason.age_unknown':
      'This visit depends on age, and we do not have a date of birth on file for you.',
    'book.reason.age_below_minimum': 'This visit is for patients aged {years} and older.',
    'book.reason.age_above_maximum': 'This visit is for patients up to {years} years old.',
    'book.reason.new_patients_only':
      'This visit is for new patients. You have been seen here before, so choose a follow-up visit instead.',
    'book.reason.established_patients_only':
      'This visit is for patients who have been seen here before. Book a new patient visit first.',
    'book.reason.prior_visit_required':
      'You need a {type} in the {days, plural, one {last day} other {last # days}} before you can book this visit.',
    'book.reason.intake_required': 'Please fill in the clinic’s intake form for this visit first.',
    'book.reason.referral_required':
      'This visit needs a referral letter from your doctor. Once the clinic has it, you can book online.',
    'book.reason.other': 'This visit cannot be booked online for you.',
    'book.again.title': 'Book again',
    'book.again.visit':
      '{type}, {modality, select, video {by video} other {in person}} — like last time.',
    'book.again.first': 'First available: {day} at {time}, with {provider}.',
    'book.again.book': 'Book this time',
  },
  es: {
    'book.title': 'Reservar una cita',
    'book.loading': 'Cargando las citas de la clínica…',
    'book.error': 'No pudimos cargar las citas de la clínica. Vuelva a intentarlo en un momento.',
    'book.holding': 'Reservando este horario para usted…',
    'book.who.title': '¿Para quién es la cita?',
    'book.who.me': 'Para mí',
    'book.need.title': '¿Qué necesita?',
    'book.need.answers': 'Sus respuestas hasta ahora:',
    'book.need.changeAnswer': 'Cambiar mi última respuesta',
    'book.need.notOffered': 'No podemos reservarle una cita de tipo «{type}» en línea',
    'book.need.notOfferedNext':
      'Cambie su respuesta, o llame a la clínica y la recepción le ayudará.',
    'book.reason.age_unknown':
      'Esta cita depende de la edad y no tenemos registrada su fecha de nacimiento.',
    'book.reason.age_below_minimum': 'Esta cita es para pacientes de {years} años o más.',
    'book.reason.age_above_maximum': 'Esta cita es para pacientes de hasta {years} años.',
    'book.reason.new_patients_only':
      'Esta cita es para pacientes nuevos. Como ya lo han atendido aquí, elija una cita de seguimiento.',
    'book.reason.established_patients_only':
      'Esta cita es para pacientes que ya se han atendido aquí. Reserve primero una cita de paciente nuevo.',
    'book.reason.prior_visit_required':
      'Necesita una cita de tipo «{type}» en {days, plural, one {el último día} other {los últimos # días}} antes de reservar esta.',
    'book.reason.intake_required':
      'Complete primero el formulario de ingreso de la clínica para esta cita.',
    'book.reason.referral_required':
      'Esta cita requiere una carta de derivación de su médico. Cuando la clínica la tenga, podrá reservar en línea.',
    'book.reason.other': 'Esta cita no se puede reservar en línea para usted.',
    'book.again.title': 'Reservar otra vez',
    'book.again.visit':
      '{type}, {modality, select, video {por video} other {en persona}}, como la última vez.',
    'book.again.first': 'Primer horario disponible: {day} a las {time}, con {provider}.',
    'book.again.book': 'Reservar este horario',
  },
});
