import { defineMessages } from '../../i18n/catalog.ts';

export const waitlistReportMessages = defineMessages({
  en: {
    'wl.title': 'Waitlist offers',
    'wl.help':
      'Offers of freed-up times to patients on the waitlist, by the day they were sent: how many were opened, accepted, declined, expired or taken by someone else first; the share of offered times an acceptance filled, and how many days sooner a moved visit became.',
    'wl.caption': 'Waitlist offers by visit type',
    'wl.type': 'Visit type',
    'wl.total': 'All types',
    'wl.sent': 'Sent',
    'wl.opened': 'Opened',
    'wl.accepted': 'Accepted',
    'wl.declined': 'Declined',
    'wl.expired': 'Expired',
    'wl.taken': 'Taken first',
    'wl.fillRate': 'Fill rate',
    'wl.daysSooner': 'Days sooner',
    'wl.none': 'No offers were sent in this period.',
  },
  es: {
    'wl.title': 'Ofertas de la lista de espera',
    'wl.help':
      'Ofertas de horarios liberados a pacientes en la lista de espera, por el día de envío: cuántas se abrieron, aceptaron, rechazaron, vencieron o tomó otra persona antes; la parte de los horarios ofrecidos que se llenó y cuántos días antes quedó una cita adelantada.',
    'wl.caption': 'Ofertas de la lista de espera por tipo de cita',
    'wl.type': 'Tipo de cita',
    'wl.total': 'Todos los tipos',
    'wl.sent': 'Enviadas',
    'wl.opened': 'Abiertas',
    'wl.accepted': 'Aceptadas',
    'wl.declined': 'Rechazadas',
    'wl.expired': 'Vencidas',
    'wl.taken': 'Tomadas antes',
    'wl.fillRate': 'Tasa de ocupación',
    'wl.daysSooner': 'Días antes',
    'wl.none': 'No se enviaron ofertas en este periodo.',
  },
});
