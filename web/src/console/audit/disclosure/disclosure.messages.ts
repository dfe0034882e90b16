import { defineMessages } from '../../../i18n/catalog.ts';

export const disclosureMessages = defineMessages({
  en: {
    'disclosure.title': 'Accounting for one record',
    'disclosure.lead': 'Every access to record {id} in the period, oldest first.',
    'disclosure.period': 'Period',
    'disclosure.from': 'First day',
    'disclosure.to': 'Last day (included)',
    'disclosure.show': 'Show this period',
    'disclosure.toBeforeFrom': 'The last day comes before the first.',
    'disclosure.loading': 'Reading the audit trail…',
    'disclosure.entries': 'Who accessed the record',
    'disclosure.caption': 'Accesses to the record, oldest first',
    'disclosure.scroll': 'Accesses to the record (scrolls sideways)',
    'disclosure.count':
      '{count, plural, =0 {Nobody accessed this record in the period.} one {# access in the period.} other {# accesses in the period.}}',
    'disclosure.truncated':
      'The period holds more accesses than one report: narrow it to see the rest.',
    'disclosure.what': 'What',
    'disclosure.event': 'Event id',
    'disclosure.export': 'Download every event about this record as CSV',
    'disclosure.inSearch': 'Open in the audit search',
    'disclosure.another': 'Find another patient',
  },
  es: {
    'disclosure.title': 'Historial de un expediente',
    'disclosure.lead':
      'Cada acceso al expediente {id} en el período, del más antiguo al más reciente.',
    'disclosure.period': 'Período',
    'disclosure.from': 'Primer día',
    'disclosure.to': 'Último día (incluido)',
    'disclosure.show': 'Mostrar este período',
    'disclosure.toBeforeFrom': 'El último día es anterior al primero.',
    'disclosure.loading': 'Leyendo el registro de auditoría…',
    'disclosure.entries': 'Quién accedió al expediente',
    'disclosure.caption': 'Accesos al expediente, del más antiguo al más reciente',
    'disclosure.scroll': 'Accesos al expediente (se desplaza hacia los lados)',
    'disclosure.count':
      '{count, plural, =0 {Nadie accedió a este expediente en el período.} one {# acceso en el período.} other {# accesos en el período.}}',
    'disclosure.truncated':
      'El período contiene más accesos de los que caben en un informe: acórtelo para ver el resto.',
    'disclosure.what': 'Qué',
    'disclosure.event': 'Id. del evento',
    'disclosure.export': 'Descargar en CSV todos los eventos de este expediente',
    'disclosure.inSearch': 'Abrir en la búsqueda de auditoría',
    'disclosure.another': 'Buscar a otro paciente',
  },
});
