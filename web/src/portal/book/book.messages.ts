import { defineMessages } from '../../i18n/catalog.ts';

export const bookMessages = defineMessages({
  en: {
    'book.title': 'Book a visit',
    'book.coming':
      'Online booking opens here soon: you will choose what you need, where and with whom, and a time that suits you, then confirm — in about a minute.',
    'book.meanwhile':
      'Until then, call the location that suits you and the front desk will book for you.',
    'book.back': 'Back to the home page',
  },
  es: {
    'book.title': 'Reservar una cita',
    'book.coming':
      'Pronto podrá reservar en línea aquí: elegirá lo que necesita, dónde y con quién, y un horario que le convenga, y luego confirmará, en más o menos un minuto.',
    'book.meanwhile':
      'Mientras tanto, llame a la sede que le convenga y la recepción le reservará la cita.',
    'book.back': 'Volver a la página de inicio',
  },
});
