import { defineMessages } from '../../../i18n/catalog.ts';

export const typeEditMessages = defineMessages({
  en: {
    'typeEdit.titleNew': 'New appointment type',
    'typeEdit.titleEdit': 'Edit {name}',
    'typeEdit.lead':
      'Every rule here decides which times patients are offered. Fields say what each one changes.',
    'typeEdit.notFound': 'This appointment type does not exist (any more).',
    'typeEdit.back': 'All appointment types',
    'typeEdit.created': '{name} is saved. Patients are offered it where its providers have hours.',
    'typeEdit.create': 'Create the appointment type',
    'typeEdit.minutes': 'minutes',
    'typeEdit.hours': 'hours',
    'typeEdit.days': 'days',
    'typeEdit.years': 'years',

    'typeEdit.visit': 'The visit',
    'typeEdit.name': 'Name',
    'typeEdit.name.help':
      'What patients choose, for example New patient visit. Each name is used once.',
    'typeEdit.description': 'Description',
    'typeEdit.description.help': 'One or two sentences patients read when choosing.',
    'typeEdit.instructions': 'Instructions for the patient',
    'typeEdit.instructions.help': 'Sent with the confirmation: what to bring, how to prepare.',
    'typeEdit.duration': 'Length of the visit',
    'typeEdit.duration.help': 'The time the patient is with the provider (5 to 720 minutes).',
    'typeEdit.modalities': 'Offered as',
    'typeEdit.modalities.help': 'At least one. A location must offer the same kind of visit.',

    'typeEdit.calendar': 'Spacing on the calendar',
    'typeEdit.calendar.help':
      'Buffers keep time free around each visit for notes, cleaning or setup. Patients do not see them, but no other visit can take that time.',
    'typeEdit.bufferBefore': 'Buffer before',
    'typeEdit.bufferBefore.help': 'Kept free before the visit starts (0 to 240).',
    'typeEdit.bufferAfter': 'Buffer after',
    'typeEdit.bufferAfter.help': 'Kept free after the visit ends (0 to 240).',
    'typeEdit.interval': 'Start times every',
    'typeEdit.interval.help':
      'How far apart offered start times are, for example 15 for 9:00, 9:15, 9:30.',

    'typeEdit.window': 'When patients can book',
    'typeEdit.notice': 'Shortest notice',
    'typeEdit.notice.help':
      'How long before the start a patient can still book online. 1440 minutes is one day; 0 allows booking up to the start.',
    'typeEdit.horizon': 'Furthest ahead',
    'typeEdit.horizon.help': 'How many days ahead times are offered (1 to 730).',

    'typeEdit.changes': 'Cancelling and rescheduling',
    'typeEdit.changes.help':
      'Inside these limits a patient cannot cancel or move the visit online; the front desk can, with a reason.',
    'typeEdit.cancelCutoff': 'Online cancellation ends',
    'typeEdit.cancelCutoff.help': 'Hours before the start (0 to 720).',
    'typeEdit.rescheduleCutoff': 'Online rescheduling ends',
    'typeEdit.rescheduleCutoff.help': 'Hours before the start (0 to 720).',

    'typeEdit.who': 'Who can book it',
    'typeEdit.eligibility': 'Patients',
    'typeEdit.eligibility.any': 'Anyone',
    'typeEdit.eligibility.any.detail': 'New and returning patients.',
    'typeEdit.eligibility.new': 'New patients only',
    'typeEdit.eligibility.new.detail': 'People who have not had a visit here yet.',
    'typeEdit.eligibility.established': 'Returning patients only',
    'typeEdit.eligibility.established.detail': 'People who have had a visit here before.',
    'typeEdit.minAge': 'Youngest age',
    'typeEdit.minAge.help': 'Leave empty for no lower limit.',
    'typeEdit.maxAge': 'Oldest age',
    'typeEdit.maxAge.help': 'Leave empty for no upper limit.',
    'typeEdit.prerequisites': 'Before booking, the patient must have',
    'typeEdit.prereq.intake': 'Completed the intake form',
    'typeEdit.prereq.referral': 'A referral on file',
    'typeEdit.prereq.prior': 'Had another visit recently',
    'typeEdit.prereq.priorType': 'Which visit',
    'typeEdit.prereq.priorDays': 'Within the last',
    'typeEdit.prereq.priorDays.help': 'Days before the new visit (1 to 3650).',

    'typeEdit.resources': 'Rooms and equipment it needs',
    'typeEdit.resources.help':
      'One free resource of each chosen kind at the location, for the whole visit and its buffers.',
    'typeEdit.noResources': 'No rooms or equipment are set up yet.',

    'typeEdit.scope': 'Who provides it, and where',
    'typeEdit.scope.help':
      'Patients are offered this visit only with the providers and locations ticked here, within their working hours. With nothing ticked it is not offered.',
    'typeEdit.scopeAt': '{provider} at {location}',
    'typeEdit.overbooking': 'The front desk may overbook it',
    'typeEdit.overbooking.help':
      'With a reason, into one extra lane beside a taken time. Untick for visits that need the provider’s whole attention or a room.',
    'typeEdit.noScope': 'No provider works at a location yet. Set that up on the Providers page.',
  },
  es: {
    'typeEdit.titleNew': 'Nuevo tipo de cita',
    'typeEdit.titleEdit': 'Editar {name}',
    'typeEdit.lead':
      'Cada regla de esta página decide qué horarios se ofrecen a los pacientes. Cada campo explica qué cambia.',
    'typeEdit.notFound': 'Este tipo de cita no existe (o ya no existe).',
    'typeEdit.back': 'Todos los tipos de cita',
    'typeEdit.created':
      '{name} está guardado. Se ofrece a los pacientes donde sus profesionales tienen horario.',
    'typeEdit.create': 'Crear el tipo de cita',
    'typeEdit.minutes': 'minutos',
    'typeEdit.hours': 'horas',
    'typeEdit.days': 'días',
    'typeEdit.years': 'años',

    'typeEdit.visit': 'La visita',
    'typeEdit.name': 'Nombre',
    'typeEdit.name.help':
      'Lo que eligen los pacientes, por ejemplo Primera visita. Cada nombre se usa una sola vez.',
    'typeEdit.description': 'Descripción',
    'typeEdit.description.help': 'Una o dos frases que los pacientes leen al elegir.',
    'typeEdit.instructions': 'Indicaciones para el paciente',
    'typeEdit.instructions.help': 'Se envían con la confirmación: qué traer y cómo prepararse.',
    'typeEdit.duration': 'Duración de la visita',
    'typeEdit.duration.help':
      'El tiempo que el paciente pasa con el profesional (de 5 a 720 minutos).',
    'typeEdit.modalities': 'Se ofrece',
    'typeEdit.modalities.help': 'Al menos una. La sede debe ofrecer la misma clase de visita.',

    'typeEdit.calendar': 'Espacio en la agenda',
    'typeEdit.calendar.help':
      'Los márgenes dejan tiempo libre alrededor de cada visita para notas, limpieza o preparación. Los pacientes no los ven, pero ninguna otra visita puede ocupar ese tiempo.',
    'typeEdit.bufferBefore': 'Margen antes',
    'typeEdit.bufferBefore.help': 'Tiempo libre antes de que empiece la visita (de 0 a 240).',
    'typeEdit.bufferAfter': 'Margen después',
    'typeEdit.bufferAfter.help': 'Tiempo libre después de que termine la visita (de 0 a 240).',
    'typeEdit.interval': 'Horas de inicio cada',
    'typeEdit.interval.help':
      'Cuánto separan las horas de inicio ofrecidas, por ejemplo 15 para 9:00, 9:15, 9:30.',

    'typeEdit.window': 'Cuándo se puede reservar',
    'typeEdit.notice': 'Anticipación mínima',
    'typeEdit.notice.help':
      'Cuánto antes del inicio un paciente todavía puede reservar en línea. 1440 minutos es un día; 0 permite reservar hasta el inicio.',
    'typeEdit.horizon': 'Máximo de anticipación',
    'typeEdit.horizon.help': 'Con cuántos días de anticipación se ofrecen horarios (de 1 a 730).',

    'typeEdit.changes': 'Cancelar y cambiar de horario',
    'typeEdit.changes.help':
      'Dentro de estos límites el paciente no puede cancelar ni mover la visita en línea; la recepción sí puede, indicando un motivo.',
    'typeEdit.cancelCutoff': 'La cancelación en línea termina',
    'typeEdit.cancelCutoff.help': 'Horas antes del inicio (de 0 a 720).',
    'typeEdit.rescheduleCutoff': 'El cambio de horario en línea termina',
    'typeEdit.rescheduleCutoff.help': 'Horas antes del inicio (de 0 a 720).',

    'typeEdit.who': 'Quién puede reservarla',
    'typeEdit.eligibility': 'Pacientes',
    'typeEdit.eligibility.any': 'Cualquiera',
    'typeEdit.eligibility.any.detail': 'Pacientes nuevos y conocidos.',
    'typeEdit.eligibility.new': 'Solo pacientes nuevos',
    'typeEdit.eligibility.new.detail': 'Personas que todavía no han tenido una visita aquí.',
    'typeEdit.eligibility.established': 'Solo pacientes conocidos',
    'typeEdit.eligibility.established.detail': 'Personas que ya han tenido una visita aquí.',
    'typeEdit.minAge': 'Edad mínima',
    'typeEdit.minAge.help': 'Déjela vacía si no hay límite inferior.',
    'typeEdit.maxAge': 'Edad máxima',
    'typeEdit.maxAge.help': 'Déjela vacía si no hay límite superior.',
    'typeEdit.prerequisites': 'Antes de reservar, el paciente debe tener',
    'typeEdit.prereq.intake': 'El formulario de admisión completo',
    'typeEdit.prereq.referral': 'Una derivación registrada',
    'typeEdit.prereq.prior': 'Otra visita reciente',
    'typeEdit.prereq.priorType': 'Qué visita',
    'typeEdit.prereq.priorDays': 'En los últimos',
    'typeEdit.prereq.priorDays.help': 'Días antes de la nueva visita (de 1 a 3650).',

    'typeEdit.resources': 'Salas y equipos que necesita',
    'typeEdit.resources.help':
      'Un recurso libre de cada clase elegida en la sede, durante toda la visita y sus márgenes.',
    'typeEdit.noResources': 'Todavía no hay salas ni equipos configurados.',

    'typeEdit.scope': 'Quién la atiende y dónde',
    'typeEdit.scope.help':
      'A los pacientes se les ofrece esta visita solo con los profesionales y sedes marcados aquí, dentro de su horario. Si no hay nada marcado, no se ofrece.',
    'typeEdit.scopeAt': '{provider} en {location}',
    'typeEdit.overbooking': 'Recepción puede dar sobrecupo',
    'typeEdit.overbooking.help':
      'Con un motivo, en un carril extra junto a una hora ocupada. Desmárquelo para visitas que necesitan toda la atención del profesional o una sala.',
    'typeEdit.noScope':
      'Todavía ningún profesional trabaja en una sede. Configúrelo en la página de Profesionales.',
  },
});
