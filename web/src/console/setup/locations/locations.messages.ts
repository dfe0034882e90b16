import { defineMessages } from '../../../i18n/catalog.ts';

export const locationsMessages = defineMessages({
  en: {
    'setupLocations.title': 'Locations',
    'setupLocations.lead':
      'Where patients are seen. Hours and times are kept in each location’s own time zone.',
    'setupLocations.list': 'Locations of the clinic',
    'setupLocations.name': 'Name',
    'setupLocations.timeZone': 'Time zone',
    'setupLocations.timeZone.help':
      'Type a city to find its zone, for example Chicago for America/Chicago. Every time at this location is read in this zone.',
    'setupLocations.address': 'Address',
    'setupLocations.addressLine': 'Street address',
    'setupLocations.city': 'City',
    'setupLocations.region': 'State or region',
    'setupLocations.postalCode': 'Postal code',
    'setupLocations.country': 'Country code',
    'setupLocations.country.help': 'Two capital letters, for example US or MX.',
    'setupLocations.phone': 'Phone',
    'setupLocations.modes': 'Visits offered here',
    'setupLocations.inPerson': 'In-person visits',
    'setupLocations.telehealth': 'Video visits',
    'setupLocations.add': 'Add a location',
    'setupLocations.addButton': 'Add the location',
  },
  es: {
    'setupLocations.title': 'Sedes',
    'setupLocations.lead':
      'Dónde se atiende a los pacientes. Los horarios se guardan en la zona horaria de cada sede.',
    'setupLocations.list': 'Sedes de la clínica',
    'setupLocations.name': 'Nombre',
    'setupLocations.timeZone': 'Zona horaria',
    'setupLocations.timeZone.help':
      'Escriba una ciudad para encontrar su zona, por ejemplo Mexico para America/Mexico_City. Todas las horas de esta sede se leen en esta zona.',
    'setupLocations.address': 'Dirección',
    'setupLocations.addressLine': 'Calle y número',
    'setupLocations.city': 'Ciudad',
    'setupLocations.region': 'Estado o región',
    'setupLocations.postalCode': 'Código postal',
    'setupLocations.country': 'Código del país',
    'setupLocations.country.help': 'Dos letras mayúsculas, por ejemplo US o MX.',
    'setupLocations.phone': 'Teléfono',
    'setupLocations.modes': 'Visitas que se ofrecen aquí',
    'setupLocations.inPerson': 'Visitas en persona',
    'setupLocations.telehealth': 'Visitas por video',
    'setupLocations.add': 'Agregar una sede',
    'setupLocations.addButton': 'Agregar la sede',
  },
});
