import { defineMessages } from '../../i18n/catalog.ts';

export const bookMessages = defineMessages({
  en: {
    'book.title': 'Book a visit',
    'book.loading': 'Loading the clinic’s visits…',
    'book.error': 'We could not load the clinic’s visits. Please try again in a moment.',
    'book.holding': 'Holding this time for you…',
    'book.back': 'Back',

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

    'book.first.title': 'First available',
    'book.first.loading': 'Finding the first available time…',
    'book.first.error': 'We could not find times just now. Please try again.',
    'book.first.none':
      'There are no open times for these choices. Try another place or person, or call the clinic.',
    'book.first.withVideo': 'By video, with {provider}',
    'book.first.withAt': 'With {provider}, at {location}',
    'book.first.book': 'Book {time}',
    'book.first.more': 'See all times',

    'book.where.title': 'Where and with whom',
    'book.where.visit': 'Visit: {type}',
    'book.where.how': 'How would you like to be seen?',
    'book.where.inPerson': 'In person',
    'book.where.video': 'By video',
    'book.where.location': 'Where',
    'book.where.anyLocation': 'Any location',
    'book.where.videoNote': 'A video visit needs no travel: you join from your phone or computer.',
    'book.where.provider': 'With whom',
    'book.where.anyProvider': 'First available',
    'book.where.anyProviderDetail': 'Whoever can see you soonest',
    'book.where.speaks': 'Speaks {languages}.',

    'book.when.title': 'When',
    'book.when.visit': 'Visit: {type}',
    'book.when.zone': 'Time zone',
    'book.when.shownIn': 'Times are shown in {zone} time.',
    'book.when.changeZone': 'Change the time zone',
    'book.when.zoneHint': 'Times are shown in this zone. Change it if you will be somewhere else.',
    'book.when.loading': 'Finding open times…',
    'book.when.error': 'We could not load the times. Please try again.',
    'book.when.days': 'Days with open times, {from} to {to}',
    'book.when.noDays': 'No open times in these two weeks.',
    'book.when.day': '{day}: {count, plural, one {# time} other {# times}}',
    'book.when.earlier': 'Earlier days',
    'book.when.later': 'Later days',
    'book.when.times': 'Times on {day}',
    'book.when.timeWith': '{time}, {day}, with {provider}',
    'book.when.changed':
      'Times updated: {gone, plural, =0 {} one {# time is no longer available.} other {# times are no longer available.}} {added, plural, =0 {} one {# new time.} other {# new times.}}',

    'book.hold.placed':
      'We are holding this time for you for {minutes, plural, one {# minute} other {# minutes}}.',
    'book.hold.left':
      '{minutes, plural, one {# minute} other {# minutes}} left to confirm this time.',
    'book.hold.clock': 'We are holding this time for you for',
    'book.hold.why': 'Confirm before the time runs out; then it goes back to other patients.',

    'book.identify.title': 'Who is booking?',
    'book.identify.chosen': 'You chose {when}. We hold it as soon as we know who the visit is for.',
    'book.identify.account': 'I have an account',
    'book.identify.accountHint': 'Sign in and you come straight back here.',
    'book.identify.signIn': 'Sign in',
    'book.identify.guest': 'Book without an account',
    'book.identify.guestHint': 'We email you a code to confirm it is you.',
    'book.identify.asGuest': 'Continue as a guest',
    'book.identify.noAccount': 'Want an account for next time?',
    'book.identify.register': 'Create an account',

    'book.guest.title': 'About the patient',
    'book.guest.lead': 'The clinic needs these to find or create the patient’s record.',
    'book.guest.given': 'First name',
    'book.guest.family': 'Last name',
    'book.guest.dob': 'Date of birth',
    'book.guest.sex': 'Sex',
    'book.guest.sex.female': 'Female',
    'book.guest.sex.male': 'Male',
    'book.guest.sex.intersex': 'Intersex',
    'book.guest.sex.unknown': 'Prefer not to say',
    'book.guest.phone': 'Phone',
    'book.guest.phoneInvalid': 'Please enter a phone number with at least 7 digits.',
    'book.guest.email': 'Email',
    'book.guest.emailHint': 'We send a code here now, and a link to your visit once it is booked.',
    'book.guest.send': 'Email me a code',
    'book.guest.cancel': 'Cancel',
    'book.guest.checkEmail': 'Check your email',
    'book.guest.sent': 'We sent a six-digit code to {email}. It works for 10 minutes.',
    'book.guest.code': 'Code from the email',
    'book.guest.codeInvalid': 'Please enter the six digits from the email.',
    'book.guest.verify': 'Continue',
    'book.guest.changeEmail': 'Use another email',

    'book.intake.title': 'Before your visit',
    'book.intake.error':
      'We could not load the clinic’s questions. You can answer them at the visit.',
    'book.intake.skip': 'Continue without the questions',

    'book.expired.title': 'This time is no longer held for you',
    'book.expired.what':
      'We kept {day} at {time} for you {known, select, yes {for {minutes, plural, one {# minute} other {# minutes}}} other {for a while}}, so that other patients can book too. Choose a time below to continue — the same one first, if it is still free.',
    'book.expired.nearest': 'The nearest open times',
    'book.expired.option':
      '{day}, {time}, with {provider}{same, select, yes { (the same time)} other {}}',
    'book.expired.none': 'There are no open times close to it.',
    'book.expired.other': 'See all times',
    'book.taken.title': 'Someone else just took that time',
    'book.taken.what':
      '{day} at {time} was booked a moment before you. Choose one of the nearest times instead.',

    'book.summary.for': 'For',
    'book.summary.visit': 'Visit',
    'book.summary.when': 'When',
    'book.summary.at': '{day} at {time}',
    'book.summary.zone': '({zone} time)',
    'book.summary.local': '{time} local time at the clinic',
    'book.summary.with': 'With',
    'book.summary.where': 'Where',
    'book.summary.video': 'By video',

    'book.review.title': 'Review and confirm',
    'book.review.confirm': 'Confirm the booking',
    'book.review.changeTime': 'Choose another time',

    'book.done.title': 'You are booked',
    'book.done.lead': 'Your visit is confirmed. Here is everything you need.',
    'book.done.videoTitle': 'How the video visit works',
    'book.done.video':
      'Sign in here up to 10 minutes before the start: the button to join the video appears with your visit. Use a phone or computer with a camera, in a quiet, private place.',
    'book.done.videoGuest':
      'Open the link in the email we send you up to 10 minutes before the start. Use a phone or computer with a camera, in a quiet, private place.',
    'book.done.beforeTitle': 'Before your visit',
    'book.done.noInstructions': 'Nothing to prepare for this visit.',
    'book.done.arrive': 'Please arrive 10 minutes early to check in.',
    'book.done.guestLink':
      'We emailed you a link to this visit: use it to see or cancel the visit. It works until the visit ends.',
    'book.done.calendar': 'Add to calendar',
    'book.done.home': 'Back to the home page',
  },
  es: {
    'book.title': 'Reservar una cita',
    'book.loading': 'Cargando las citas de la clínica…',
    'book.error': 'No pudimos cargar las citas de la clínica. Vuelva a intentarlo en un momento.',
    'book.holding': 'Reservando este horario para usted…',
    'book.back': 'Atrás',

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

    'book.first.title': 'Primer horario disponible',
    'book.first.loading': 'Buscando el primer horario disponible…',
    'book.first.error': 'No pudimos buscar horarios en este momento. Vuelva a intentarlo.',
    'book.first.none':
      'No hay horarios libres con estas opciones. Pruebe otro lugar o profesional, o llame a la clínica.',
    'book.first.withVideo': 'Por video, con {provider}',
    'book.first.withAt': 'Con {provider}, en {location}',
    'book.first.book': 'Reservar a las {time}',
    'book.first.more': 'Ver todos los horarios',

    'book.where.title': 'Dónde y con quién',
    'book.where.visit': 'Cita: {type}',
    'book.where.how': '¿Cómo prefiere que lo atiendan?',
    'book.where.inPerson': 'En persona',
    'book.where.video': 'Por video',
    'book.where.location': 'Dónde',
    'book.where.anyLocation': 'Cualquier sede',
    'book.where.videoNote':
      'Una cita por video no requiere desplazarse: se conecta desde su teléfono o computadora.',
    'book.where.provider': 'Con quién',
    'book.where.anyProvider': 'Primer horario disponible',
    'book.where.anyProviderDetail': 'Quien pueda atenderle antes',
    'book.where.speaks': 'Habla {languages}.',

    'book.when.title': 'Cuándo',
    'book.when.visit': 'Cita: {type}',
    'book.when.zone': 'Zona horaria',
    'book.when.shownIn': 'Los horarios se muestran en la hora de {zone}.',
    'book.when.changeZone': 'Cambiar la zona horaria',
    'book.when.zoneHint':
      'Los horarios se muestran en esta zona. Cámbiela si va a estar en otro lugar.',
    'book.when.loading': 'Buscando horarios libres…',
    'book.when.error': 'No pudimos cargar los horarios. Vuelva a intentarlo.',
    'book.when.days': 'Días con horarios libres, del {from} al {to}',
    'book.when.noDays': 'No hay horarios libres en estas dos semanas.',
    'book.when.day': '{day}: {count, plural, one {# horario} other {# horarios}}',
    'book.when.earlier': 'Días anteriores',
    'book.when.later': 'Días siguientes',
    'book.when.times': 'Horarios del {day}',
    'book.when.timeWith': '{time}, {day}, con {provider}',
    'book.when.changed':
      'Horarios actualizados: {gone, plural, =0 {} one {# horario ya no está disponible.} other {# horarios ya no están disponibles.}} {added, plural, =0 {} one {# horario nuevo.} other {# horarios nuevos.}}',

    'book.hold.placed':
      'Le guardamos este horario durante {minutes, plural, one {# minuto} other {# minutos}}.',
    'book.hold.left':
      '{minutes, plural, one {Queda # minuto} other {Quedan # minutos}} para confirmar este horario.',
    'book.hold.clock': 'Le guardamos este horario durante',
    'book.hold.why':
      'Confirme antes de que se acabe el tiempo; después vuelve a estar disponible para otros pacientes.',

    'book.identify.title': '¿Quién reserva?',
    'book.identify.chosen': 'Eligió {when}. Lo guardamos en cuanto sepamos para quién es la cita.',
    'book.identify.account': 'Tengo una cuenta',
    'book.identify.accountHint': 'Inicie sesión y volverá directamente aquí.',
    'book.identify.signIn': 'Iniciar sesión',
    'book.identify.guest': 'Reservar sin cuenta',
    'book.identify.guestHint': 'Le enviamos un código por correo para confirmar que es usted.',
    'book.identify.asGuest': 'Continuar como invitado',
    'book.identify.noAccount': '¿Quiere una cuenta para la próxima vez?',
    'book.identify.register': 'Crear una cuenta',

    'book.guest.title': 'Datos del paciente',
    'book.guest.lead': 'La clínica los necesita para encontrar o crear el expediente del paciente.',
    'book.guest.given': 'Nombre',
    'book.guest.family': 'Apellidos',
    'book.guest.dob': 'Fecha de nacimiento',
    'book.guest.sex': 'Sexo',
    'book.guest.sex.female': 'Femenino',
    'book.guest.sex.male': 'Masculino',
    'book.guest.sex.intersex': 'Intersexual',
    'book.guest.sex.unknown': 'Prefiero no decirlo',
    'book.guest.phone': 'Teléfono',
    'book.guest.phoneInvalid': 'Escriba un número de teléfono de al menos 7 dígitos.',
    'book.guest.email': 'Correo electrónico',
    'book.guest.emailHint':
      'Le enviamos aquí un código ahora, y un enlace a su cita cuando esté confirmada.',
    'book.guest.send': 'Envíenme un código',
    'book.guest.cancel': 'Cancelar',
    'book.guest.checkEmail': 'Revise su correo',
    'book.guest.sent':
      'Enviamos un código de seis dígitos a {email}. Es válido durante 10 minutos.',
    'book.guest.code': 'Código del correo',
    'book.guest.codeInvalid': 'Escriba los seis dígitos del correo.',
    'book.guest.verify': 'Continuar',
    'book.guest.changeEmail': 'Usar otro correo',

    'book.intake.title': 'Antes de su cita',
    'book.intake.error':
      'No pudimos cargar las preguntas de la clínica. Puede responderlas en la cita.',
    'book.intake.skip': 'Continuar sin las preguntas',

    'book.expired.title': 'Este horario ya no está guardado para usted',
    'book.expired.what':
      'Le guardamos el {day} a las {time} {known, select, yes {durante {minutes, plural, one {# minuto} other {# minutos}}} other {un tiempo}}, para que otros pacientes también puedan reservar. Elija un horario abajo para continuar; primero el mismo, si sigue libre.',
    'book.expired.nearest': 'Los horarios libres más cercanos',
    'book.expired.option':
      '{day}, {time}, con {provider}{same, select, yes { (el mismo horario)} other {}}',
    'book.expired.none': 'No hay horarios libres cercanos.',
    'book.expired.other': 'Ver todos los horarios',
    'book.taken.title': 'Otra persona acaba de reservar ese horario',
    'book.taken.what':
      'El {day} a las {time} se reservó un momento antes. Elija uno de los horarios más cercanos.',

    'book.summary.for': 'Para',
    'book.summary.visit': 'Cita',
    'book.summary.when': 'Cuándo',
    'book.summary.at': '{day} a las {time}',
    'book.summary.zone': '(hora de {zone})',
    'book.summary.local': '{time}, hora local de la clínica',
    'book.summary.with': 'Con',
    'book.summary.where': 'Dónde',
    'book.summary.video': 'Por video',

    'book.review.title': 'Revise y confirme',
    'book.review.confirm': 'Confirmar la reserva',
    'book.review.changeTime': 'Elegir otro horario',

    'book.done.title': 'Su cita está reservada',
    'book.done.lead': 'Su cita está confirmada. Aquí tiene todo lo que necesita.',
    'book.done.videoTitle': 'Cómo funciona la cita por video',
    'book.done.video':
      'Inicie sesión aquí hasta 10 minutos antes de la hora: el botón para unirse al video aparece junto a su cita. Use un teléfono o una computadora con cámara, en un lugar tranquilo y privado.',
    'book.done.videoGuest':
      'Abra el enlace del correo que le enviamos hasta 10 minutos antes de la hora. Use un teléfono o una computadora con cámara, en un lugar tranquilo y privado.',
    'book.done.beforeTitle': 'Antes de su cita',
    'book.done.noInstructions': 'No necesita preparar nada para esta cita.',
    'book.done.arrive': 'Llegue 10 minutos antes para registrarse.',
    'book.done.guestLink':
      'Le enviamos por correo un enlace a esta cita: úselo para verla o cancelarla. Es válido hasta que termine la cita.',
    'book.done.calendar': 'Añadir al calendario',
    'book.done.home': 'Volver a la página de inicio',
  },
});
