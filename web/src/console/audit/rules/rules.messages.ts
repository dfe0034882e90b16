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
    'rules.saved': '“{kind}” saved.',
    'rules.settingsOf': 'Settings of “{kind}”',
    'rules.threshold': 'Alert at this many',
    'rules.window': 'Within',
    'rules.minutes': 'minutes',
    'rules.hoursStart': 'Business hours start',
    'rules.hoursEnd': 'Business hours end',
    'rules.timeZone': 'Time zone of the business hours',
    'rules.webhookUrl': 'Webhook URL',
    'rules.webhookUrl.help':
      'An https address your alerting system receives alerts at. Leave empty to send none.',
    'rules.webhookSecret': 'Signing secret',
    'rules.webhookSecret.help':
      'At least 16 characters; each alert is signed with it (HMAC-SHA256). It is never shown again.',
    'rules.webhookSecret.kept':
      'Alerts are signed with the secret you set. Enter a new one to replace it; leave empty to keep it.',
    'rules.save': 'Save',
    'rules.saveNamed': 'Save “{kind}”',
    'rules.alerts': 'Alerts',
    'rules.new.title': 'Add a rule',
    'rules.new.kind': 'What to watch for',
    'rules.new.submit': 'Add the rule',
    'rules.new.added': '“{kind}” added. It is on.',
  },
  es: {
    'rules.title': 'Reglas de alerta',
    'rules.lead':
      'Cada regla vigila el registro de auditoría sellado. Las alertas siempre aparecen en la consola; una regla también puede avisar por correo a los responsables de cumplimiento.',
    'rules.loading': 'Cargando las reglas…',
    'rules.none': 'Su organización no tiene reglas configuradas.',
    'rules.enabled': 'Activa',
    'rules.email': 'Avisar por correo a los responsables de cumplimiento',
    'rules.saved': 'Se guardó «{kind}».',
    'rules.settingsOf': 'Ajustes de «{kind}»',
    'rules.threshold': 'Avisar a partir de',
    'rules.window': 'En',
    'rules.minutes': 'minutos',
    'rules.hoursStart': 'Inicio del horario de atención',
    'rules.hoursEnd': 'Fin del horario de atención',
    'rules.timeZone': 'Zona horaria del horario de atención',
    'rules.webhookUrl': 'Dirección del webhook',
    'rules.webhookUrl.help':
      'Una dirección https donde su sistema de alertas las recibe. Déjela vacía para no enviar ninguna.',
    'rules.webhookSecret': 'Secreto de firma',
    'rules.webhookSecret.help':
      'Al menos 16 caracteres; cada alerta se firma con él (HMAC-SHA256). No se vuelve a mostrar.',
    'rules.webhookSecret.kept':
      'Las alertas se firman con el secreto que configuró. Escriba otro para reemplazarlo; déjelo vacío para conservarlo.',
    'rules.save': 'Guardar',
    'rules.saveNamed': 'Guardar «{kind}»',
    'rules.alerts': 'Alertas',
    'rules.new.title': 'Agregar una regla',
    'rules.new.kind': 'Qué vigilar',
    'rules.new.submit': 'Agregar la regla',
    'rules.new.added': 'Se agregó «{kind}». Está activa.',
  },
});
