import { defineMessages } from '../../../i18n/catalog.ts';

export const auditEventsMessages = defineMessages({
  en: {
    'auditEvents.title': 'Search the audit trail',
    'auditEvents.lead':
      'Leave a filter empty to match everything. Dates are days in your time zone; the newest events come first.',
    'auditEvents.filters': 'Filters',
    'auditEvents.patientId': 'Patient id',
    'auditEvents.patientId.help':
      'The opaque id of the patient’s record (from the accounting page).',
    'auditEvents.actorId': 'Account id',
    'auditEvents.action': 'Action',
    'auditEvents.action.help': 'An action code such as patient.read or patient.search.',
    'auditEvents.outcome': 'Outcome',
    'auditEvents.outcome.any': 'Any outcome',
    'auditEvents.from': 'From (day)',
    'auditEvents.to': 'Until (day, included)',
    'auditEvents.search': 'Search',
    'auditEvents.notId': 'Enter an id like 3f2a9c4e-…, as the audit trail shows it.',
    'auditEvents.toBeforeFrom': 'The last day comes before the first.',
    'auditEvents.results': 'Events found',
    'auditEvents.count':
      '{count, plural, =0 {No event matches these filters.} one {# event shown.} other {# events shown.}}',
    'auditEvents.more': 'Show older events',
    'auditEvents.export': 'Download as CSV',
    'auditEvents.export.help':
      'The file holds every event these filters match, oldest first (up to 100,000); the download itself is audited.',
    'auditEvents.loading': 'Searching the audit trail…',
  },
  es: {
    'auditEvents.title': 'Buscar en el registro de auditoría',
    'auditEvents.lead':
      'Deje un filtro vacío para incluirlo todo. Las fechas son días en su zona horaria; los eventos más recientes aparecen primero.',
    'auditEvents.filters': 'Filtros',
    'auditEvents.patientId': 'Id. del paciente',
    'auditEvents.patientId.help':
      'El identificador opaco del expediente del paciente (de la página del historial de divulgaciones).',
    'auditEvents.actorId': 'Id. de la cuenta',
    'auditEvents.action': 'Acción',
    'auditEvents.action.help': 'Un código de acción como patient.read o patient.search.',
    'auditEvents.outcome': 'Resultado',
    'auditEvents.outcome.any': 'Cualquier resultado',
    'auditEvents.from': 'Desde (día)',
    'auditEvents.to': 'Hasta (día, incluido)',
    'auditEvents.search': 'Buscar',
    'auditEvents.notId':
      'Escriba un identificador como 3f2a9c4e-…, tal como aparece en el registro de auditoría.',
    'auditEvents.toBeforeFrom': 'El último día es anterior al primero.',
    'auditEvents.results': 'Eventos encontrados',
    'auditEvents.count':
      '{count, plural, =0 {Ningún evento coincide con estos filtros.} one {Se muestra # evento.} other {Se muestran # eventos.}}',
    'auditEvents.more': 'Mostrar eventos anteriores',
    'auditEvents.export': 'Descargar en CSV',
    'auditEvents.export.help':
      'El archivo contiene todos los eventos que coinciden con estos filtros, del más antiguo al más reciente (hasta 100.000); la descarga también queda registrada.',
    'auditEvents.loading': 'Buscando en el registro de auditoría…',
  },
});
