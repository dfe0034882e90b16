import { defineMessages } from '../../../i18n/catalog.ts';

export const auditHomeMessages = defineMessages({
  en: {
    'auditHome.title': 'Audit and compliance',
    'auditHome.lead':
      'Every action in Hourglass leaves an audit event: who, what, which record, when and the outcome — ids only, never a patient’s details.',
    'auditHome.sections': 'Your tools',
    'auditHome.events': 'Search and export events',
    'auditHome.events.text':
      'Filter the audit trail by account, patient id, action, outcome and dates; download what you find as CSV.',
    'auditHome.disclosures': 'Accounting of disclosures',
    'auditHome.disclosures.text':
      'Find the patient a request names and list every access to their record in a period.',
    'auditHome.alerts': 'Alerts',
    'auditHome.alerts.text':
      'What the alert rules raised (bulk reads, repeated refusals, break-glass, failed verification), with the events behind each.',
    'auditHome.rules': 'Alert rules',
    'auditHome.rules.text': 'Which rules are on, their thresholds, and which ones email you.',
    'auditHome.verification': 'Audit verification',
    'auditHome.verification.text':
      'Whether the sealed trail still verifies (signatures, chain, every event), and a new check on request.',
  },
  es: {
    'auditHome.title': 'Auditoría y cumplimiento',
    'auditHome.lead':
      'Cada acción en Hourglass deja un evento de auditoría: quién, qué, sobre qué registro, cuándo y con qué resultado; solo identificadores, nunca los datos de un paciente.',
    'auditHome.sections': 'Sus herramientas',
    'auditHome.events': 'Buscar y exportar eventos',
    'auditHome.events.text':
      'Filtre el registro de auditoría por cuenta, id. de paciente, acción, resultado y fechas; descargue lo que encuentre en CSV.',
    'auditHome.disclosures': 'Historial de divulgaciones',
    'auditHome.disclosures.text':
      'Encuentre al paciente que indica una solicitud y vea cada acceso a su expediente en un período.',
    'auditHome.alerts': 'Alertas',
    'auditHome.alerts.text':
      'Lo que activaron las reglas de alerta (lecturas masivas, rechazos repetidos, acceso de emergencia, verificación fallida), con los eventos de cada una.',
    'auditHome.rules': 'Reglas de alerta',
    'auditHome.rules.text': 'Qué reglas están activas, sus umbrales y cuáles le avisan por correo.',
    'auditHome.verification': 'Verificación de la auditoría',
    'auditHome.verification.text':
      'Si el registro sellado sigue verificándose (firmas, cadena, cada evento) y una nueva comprobación cuando la pida.',
  },
});
