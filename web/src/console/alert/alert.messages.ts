import { defineMessages } from '../../i18n/catalog.ts';

export const alertMessages = defineMessages({
  en: {
    'alert.title': 'Compliance alert',
    'alert.coming':
      'The alert you were emailed about opens here soon: the rule that fired, the events behind it, and what to do next. The alert is kept in the audit trail meanwhile.',
    'alert.back': 'Audit and compliance',
  },
  es: {
    'alert.title': 'Alerta de cumplimiento',
    'alert.coming':
      'Pronto se abrirá aquí la alerta que recibió por correo: la regla que se activó, los eventos que la causaron y qué hacer a continuación. Mientras tanto, la alerta se conserva en el registro de auditoría.',
    'alert.back': 'Auditoría y cumplimiento',
  },
});
