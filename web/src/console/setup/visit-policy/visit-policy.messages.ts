import { defineMessages } from '../../../i18n/catalog.ts';

export const visitPolicyMessages = defineMessages({
  en: {
    'visitPolicy.title': 'Check-in and video windows',
    'visitPolicy.lead':
      'When the front desk can check a patient in, and how early a patient can join a video visit. The same for every location.',
    'visitPolicy.opens': 'Check-in opens',
    'visitPolicy.opens.help': 'Minutes before the visit starts (0 to 240).',
    'visitPolicy.closes': 'Check-in closes',
    'visitPolicy.closes.help':
      'Minutes after the visit starts (0 to 240). After that, mark a no-show.',
    'visitPolicy.video': 'Video visits open',
    'visitPolicy.video.help': 'Minutes before the start a patient can join (0 to 60).',
    'visitPolicy.minutes': 'minutes',
    'visitPolicy.defaults': 'The clinic uses the standard windows.',
    'visitPolicy.changed': 'Last changed {when}.',
  },
  es: {
    'visitPolicy.title': 'Ventanas de llegada y de video',
    'visitPolicy.lead':
      'Cuándo la recepción puede registrar la llegada de un paciente y con cuánta anticipación un paciente puede entrar a una visita por video. Igual para todas las sedes.',
    'visitPolicy.opens': 'El registro de llegada se abre',
    'visitPolicy.opens.help': 'Minutos antes del inicio de la visita (de 0 a 240).',
    'visitPolicy.closes': 'El registro de llegada se cierra',
    'visitPolicy.closes.help':
      'Minutos después del inicio de la visita (de 0 a 240). Después, marque la inasistencia.',
    'visitPolicy.video': 'Las visitas por video se abren',
    'visitPolicy.video.help':
      'Minutos antes del inicio en que el paciente puede entrar (de 0 a 60).',
    'visitPolicy.minutes': 'minutos',
    'visitPolicy.defaults': 'La clínica usa las ventanas estándar.',
    'visitPolicy.changed': 'Último cambio: {when}.',
  },
});
