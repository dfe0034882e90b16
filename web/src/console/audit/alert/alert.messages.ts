import { defineMessages } from '../../../i18n/catalog.ts';

export const alertMessages = defineMessages({
  en: {
    'alert.title': 'Compliance alert',
    'alert.loading': 'Loading the alert…',
    'alert.notFound':
      'There is no such alert in your organization. The link may be mistyped; the alerts page lists every one.',
    'alert.raised': 'Raised',
    'alert.kind': 'Rule',
    'alert.subject': 'About',
    'alert.summary': 'What the rule saw',
    'alert.webhook': 'Webhook delivery',
    'alert.webhook.none': 'No webhook for this rule',
    'alert.events': 'The events behind it',
    'alert.events.caption': 'The events behind this alert, oldest first',
    'alert.events.count':
      '{count, plural, =0 {The events are no longer in the trail (retention).} one {# event.} other {# events.}}',
    'alert.all': 'All alerts',
  },
  es: {
    'alert.title': 'Alerta de cumplimiento',
    'alert.loading': 'Cargando la alerta…',
    'alert.notFound':
      'No existe esa alerta en su organización. Puede que el enlace esté mal escrito; la página de alertas las muestra todas.',
    'alert.raised': 'Activada',
    'alert.kind': 'Regla',
    'alert.subject': 'Sobre',
    'alert.summary': 'Lo que detectó la regla',
    'alert.webhook': 'Entrega del webhook',
    'alert.webhook.none': 'Esta regla no tiene webhook',
    'alert.events': 'Los eventos que la causaron',
    'alert.events.caption': 'Los eventos que causaron esta alerta, del más antiguo al más reciente',
    'alert.events.count':
      '{count, plural, =0 {Los eventos ya no están en el registro (conservación).} one {# evento.} other {# eventos.}}',
    'alert.all': 'Todas las alertas',
  },
});
