import { defineMessages } from '../../i18n/catalog.ts';

export const overbookMessages = defineMessages({
  en: {
    'overbook.notAllowed': 'The clinic does not overbook this provider for this visit type.',
    'overbook.remaining':
      '{count, plural, =0 {No overbooking left here} one {# more overbooking possible here} other {# more overbookings possible here}}',
    'overbook.atOnce': 'Extra places at this time: {free} of {max} free',
    'overbook.perHour': 'This hour: {used} of {max} overbookings used',
    'overbook.perDay': 'This day: {used} of {max} overbookings used',
    'overbook.cap.at_once':
      'The overbooking limit is reached: every extra place at this time is taken. Nothing was booked.',
    'overbook.cap.per_hour':
      'The overbooking limit is reached: the provider has had as many overbookings this hour as the clinic allows. Nothing was booked.',
    'overbook.cap.per_day':
      'The overbooking limit is reached: the provider has had as many overbookings this day as the clinic allows. Nothing was booked.',
    'risk.title': 'No-show risk',
    'risk.label': 'No-show risk: {level}',
    'risk.low': 'low',
    'risk.medium': 'medium',
    'risk.high': 'high',
    'risk.detail': 'No-show risk {level}, score {score, number, percent}',
  },
  es: {
    'overbook.notAllowed':
      'La clínica no da sobrecupos a este profesional para este tipo de visita.',
    'overbook.remaining':
      '{count, plural, =0 {No quedan sobrecupos aquí} one {Queda # sobrecupo posible aquí} other {Quedan # sobrecupos posibles aquí}}',
    'overbook.atOnce': 'Lugares extra a esta hora: {free} de {max} libres',
    'overbook.perHour': 'Esta hora: {used} de {max} sobrecupos usados',
    'overbook.perDay': 'Este día: {used} de {max} sobrecupos usados',
    'overbook.cap.at_once':
      'Se alcanzó el límite de sobrecupos: todos los lugares extra a esta hora están ocupados. No se agendó nada.',
    'overbook.cap.per_hour':
      'Se alcanzó el límite de sobrecupos: el profesional ya tiene todos los sobrecupos que la clínica permite en esta hora. No se agendó nada.',
    'overbook.cap.per_day':
      'Se alcanzó el límite de sobrecupos: el profesional ya tiene todos los sobrecupos que la clínica permite en este día. No se agendó nada.',
    'risk.title': 'Riesgo de inasistencia',
    'risk.label': 'Riesgo de inasistencia: {level}',
    'risk.low': 'bajo',
    'risk.medium': 'medio',
    'risk.high': 'alto',
    'risk.detail': 'Riesgo de inasistencia {level}, puntaje {score, number, percent}',
  },
});
