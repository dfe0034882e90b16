import { defineMessages } from '../../../i18n/catalog.ts';

export const rulesMessages = defineMessages({
  en: {
    'rules.title': 'Alert rules',
    'rules.lead':
      'Each rule watches the sealed audit trail. Alerts always show in the console; a rule can also email the compliance officers.',
    'rules.loading': 'Loading the rules…',
    'rules.none': 'No rule is set up for your organization.',
    'rules.enabled': 'On',
    'rules.email': 'Email the compliance officers',
    'rules.webhook': 'Webhook: {url}',
    'rules.webhook.signed': 'Webhook: {url} (signed)',
    'rules.saved': '“{kind}” saved.',
    'rules.alerts': 'Alerts',
  },
  es: {
    'rules.title': 'Reglas de alerta',
    'rules.lead':
      'Cada regla vigila el registro de auditoría sellado. Las alertas siempre aparecen en la consola; una regla también puede avisar por correo a los responsables de cumplimiento.',
    'rules.loading': 'Cargando las reglas…',
    'rules.none': 'Su organización no tiene reglas configuradas.',
    'rules.enabled': 'Activa',
    'rules.email': 'Avisar por correo a los responsables de cumplimiento',
    'rules.webhook': 'Dirección del webhook: {url}',
    'rules.webhook.signed': 'Dirección del webhook: {url} (firmado)',
    'rules.saved': 'Se guardó «{kind}».',
    'rules.alerts': 'Alertas',
  },
});
