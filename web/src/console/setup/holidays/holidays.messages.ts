import { defineMessages } from '../../../i18n/catalog.ts';

export const holidaysMessages = defineMessages({
  en: {
    'setupHolidays.title': 'Holidays',
    'setupHolidays.lead':
      'On a holiday the whole clinic is closed: no location offers visits that day. Setting a date again renames it.',
    'setupHolidays.list': 'Holidays to come',
    'setupHolidays.date': 'Date',
    'setupHolidays.name': 'Name',
    'setupHolidays.name.help': 'For example New Year’s Day.',
    'setupHolidays.add': 'Add a holiday',
    'setupHolidays.addButton': 'Add the holiday',
    'setupHolidays.removeNamed': 'Remove {name} on {date}',
  },
  es: {
    'setupHolidays.title': 'Feriados',
    'setupHolidays.lead':
      'En un feriado toda la clínica está cerrada: ninguna sede ofrece visitas ese día. Si vuelve a indicar una fecha, se le cambia el nombre.',
    'setupHolidays.list': 'Próximos feriados',
    'setupHolidays.date': 'Fecha',
    'setupHolidays.name': 'Nombre',
    'setupHolidays.name.help': 'Por ejemplo Año Nuevo.',
    'setupHolidays.add': 'Agregar un feriado',
    'setupHolidays.addButton': 'Agregar el feriado',
    'setupHolidays.removeNamed': 'Quitar {name} del {date}',
  },
});
