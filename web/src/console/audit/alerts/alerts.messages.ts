import { defineMessages } from '../../../i18n/catalog.ts';

export const alertsMessages = defineMessages({
  en: {
    'alerts.title': 'Alerts',
    'alerts.lead':
      'What the alert rules found in the sealed audit trail, newest first. Open one to see the events behind it.',
    'alerts.loading': 'Loading alerts…',
    'alerts.none': 'No alert has been raised. The rules keep watching the trail as it is sealed.',
    'alerts.raised': 'Raised {when}',
    'alerts.events': '{count, plural, one {# event} other {# events}}',
    'alerts.open': 'Open alert: {kind}, {when}',
    'alerts.rules': 'Alert rules',
  },
  es: {
    'alerts.title': 'Alertas',
    'alerts.lead':
      'Lo que las reglas de alerta encontraron en el registro de auditoría sellado, de la más reciente a la más antigua. Abra una para ver los eventos que la causaron.',
    'alerts.loading': 'Cargando alertas…',
    'alerts.none':
      'No se ha activado ninguna alerta. Las reglas siguen vigilando el registro a medida que se sella.',
    'alerts.raised': 'Activada el {when}',
    'alerts.events': '{count, plural, one {# evento} other {# eventos}}',
    'alerts.open': 'Abrir la alerta: {kind}, {when}',
    'alerts.rules': 'Reglas de alerta',
  },
});
