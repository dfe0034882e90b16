import { defineMessages } from '../../i18n/catalog.ts';

/** Alert rules' kinds and parameters in words (the alerts, the alert page and the rules). */
export const alertKindMessages = defineMessages({
  en: {
    'alertKind.bulk_patient_reads': 'Many patient records read',
    'alertKind.new_device_bulk_reads': 'New device, then many records read',
    'alertKind.repeated_denials': 'Repeated refusals',
    'alertKind.export_outside_hours': 'Export outside business hours',
    'alertKind.break_glass': 'Break-glass access',
    'alertKind.verification_failure': 'Audit verification failed',
    'alertKind.other': 'Alert ({kind})',
    'alertKind.params.threshold':
      '{threshold, plural, one {# time} other {# times}} within {minutes, plural, one {# minute} other {# minutes}}',
    'alertKind.params.records':
      '{threshold, plural, one {# patient’s record} other {# patients’ records}} read by one account within {minutes, plural, one {# minute} other {# minutes}}',
    'alertKind.params.refusals':
      '{threshold, plural, one {# refusal} other {# refusals}} of one account or address within {minutes, plural, one {# minute} other {# minutes}}',
    'alertKind.params.hours': 'Business hours {start}–{end} ({zone})',
    'alertKind.params.none': 'Every time it happens',
  },
  es: {
    'alertKind.bulk_patient_reads': 'Muchos expedientes de pacientes leídos',
    'alertKind.new_device_bulk_reads': 'Dispositivo nuevo y luego muchos expedientes leídos',
    'alertKind.repeated_denials': 'Rechazos repetidos',
    'alertKind.export_outside_hours': 'Exportación fuera del horario de atención',
    'alertKind.break_glass': 'Acceso de emergencia',
    'alertKind.verification_failure': 'Falló la verificación de la auditoría',
    'alertKind.other': 'Alerta ({kind})',
    'alertKind.params.threshold':
      '{threshold, plural, one {# vez} other {# veces}} en {minutes, plural, one {# minuto} other {# minutos}}',
    'alertKind.params.records':
      '{threshold, plural, one {# expediente de paciente leído} other {# expedientes de pacientes leídos}} por una cuenta en {minutes, plural, one {# minuto} other {# minutos}}',
    'alertKind.params.refusals':
      '{threshold, plural, one {# rechazo} other {# rechazos}} de una cuenta o dirección en {minutes, plural, one {# minuto} other {# minutos}}',
    'alertKind.params.hours': 'Horario de atención {start}–{end} ({zone})',
    'alertKind.params.none': 'Cada vez que ocurre',
  },
});
