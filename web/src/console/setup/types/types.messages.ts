import { defineMessages } from '../../../i18n/catalog.ts';

export const typesMessages = defineMessages({
  en: {
    'setupTypes.title': 'Appointment types',
    'setupTypes.lead':
      'The visits patients can book. Each has its own rules: how long it takes, how it sits on the calendar, when and by whom it can be booked, and who provides it where.',
    'setupTypes.new': 'New appointment type',
    'setupTypes.list': 'Appointment types of the clinic',
    'setupTypes.name': 'Name',
    'setupTypes.length': 'Length',
    'setupTypes.minutes': '{count, plural, one {# minute} other {# minutes}}',
    'setupTypes.buffers': 'Buffers before and after',
    'setupTypes.buffersValue': '{before} min before, {after} min after',
    'setupTypes.offered': 'Offered as',
    'setupTypes.providers': 'Providers',
    'setupTypes.nobody': 'Nobody yet: not offered',
  },
  es: {
    'setupTypes.title': 'Tipos de cita',
    'setupTypes.lead':
      'Las visitas que los pacientes pueden reservar. Cada una tiene sus reglas: cuánto dura, cómo ocupa la agenda, cuándo y quién puede reservarla, y quién la atiende y dónde.',
    'setupTypes.new': 'Nuevo tipo de cita',
    'setupTypes.list': 'Tipos de cita de la clínica',
    'setupTypes.name': 'Nombre',
    'setupTypes.length': 'Duración',
    'setupTypes.minutes': '{count, plural, one {# minuto} other {# minutos}}',
    'setupTypes.buffers': 'Márgenes antes y después',
    'setupTypes.buffersValue': '{before} min antes, {after} min después',
    'setupTypes.offered': 'Se ofrece',
    'setupTypes.providers': 'Profesionales',
    'setupTypes.nobody': 'Nadie todavía: no se ofrece',
  },
});
