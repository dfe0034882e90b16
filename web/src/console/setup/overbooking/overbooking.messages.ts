import { defineMessages } from '../../../i18n/catalog.ts';

export const overbookingMessages = defineMessages({
  en: {
    'overbooking.title': 'Overbooking',
    'overbooking.rules': 'Rules in place',
    'overbooking.lead':
      'Whether the front desk may book a patient into a time that is already taken, and how often. Set a default for each provider, and a different rule for a visit type where needed. The database refuses anything over these limits. Patients never see or book the extra places.',
    'overbooking.provider': 'Provider',
    'overbooking.appliesTo': 'Applies to',
    'overbooking.allTypes': 'Every visit type (the provider’s default)',
    'overbooking.allowed': 'Overbooking allowed',
    'overbooking.atOnce': 'Extra visits at the same time',
    'overbooking.atOnce.help': 'From 1 to 5.',
    'overbooking.perHour': 'Overbookings per hour',
    'overbooking.perDay': 'Overbookings per day',
    'overbooking.noLimit.help': '0 means no limit.',
    'overbooking.save': 'Save rule',
    'overbooking.saved': 'Rule saved.',
    'overbooking.list': 'Overbooking rules',
    'overbooking.none':
      'No rules yet: every provider may overbook one extra visit at a time, without hourly or daily limits, for the visit types that allow it.',
    'overbooking.yes': 'Allowed',
    'overbooking.no': 'Not allowed',
    'overbooking.unlimited': 'No limit',
    'overbooking.remove': 'Remove rule for {provider}, {type}',
    'overbooking.removed': 'Rule removed.',
  },
  es: {
    'overbooking.title': 'Sobrecupos',
    'overbooking.rules': 'Reglas vigentes',
    'overbooking.lead':
      'Si la recepción puede agendar a un paciente en una hora ya ocupada, y con qué frecuencia. Defina una regla general para cada profesional y, si hace falta, otra para un tipo de visita. La base de datos rechaza todo lo que supere estos límites. Los pacientes nunca ven ni reservan los lugares extra.',
    'overbooking.provider': 'Profesional',
    'overbooking.appliesTo': 'Se aplica a',
    'overbooking.allTypes': 'Todos los tipos de visita (la regla general del profesional)',
    'overbooking.allowed': 'Se permiten sobrecupos',
    'overbooking.atOnce': 'Visitas extra a la misma hora',
    'overbooking.atOnce.help': 'De 1 a 5.',
    'overbooking.perHour': 'Sobrecupos por hora',
    'overbooking.perDay': 'Sobrecupos por día',
    'overbooking.noLimit.help': '0 significa sin límite.',
    'overbooking.save': 'Guardar regla',
    'overbooking.saved': 'Regla guardada.',
    'overbooking.list': 'Reglas de sobrecupo',
    'overbooking.none':
      'Aún no hay reglas: cada profesional puede tener una visita extra a la vez, sin límites por hora ni por día, en los tipos de visita que lo permiten.',
    'overbooking.yes': 'Permitido',
    'overbooking.no': 'No permitido',
    'overbooking.unlimited': 'Sin límite',
    'overbooking.remove': 'Quitar la regla de {provider}, {type}',
    'overbooking.removed': 'Regla quitada.',
  },
});
