import { defineMessages } from '../../../i18n/catalog.ts';

export const disclosuresMessages = defineMessages({
  en: {
    'disclosures.title': 'Accounting of disclosures',
    'disclosures.lead':
      'A patient may ask who accessed their record. Enter the identifiers their request gives: you see which record matches and how, then its accounting.',
    'disclosures.find': 'Find the patient’s record',
    'disclosures.familyName': 'Family name',
    'disclosures.givenName': 'Given name',
    'disclosures.dateOfBirth': 'Date of birth',
    'disclosures.search': 'Find the record',
    'disclosures.searching': 'Searching…',
    'disclosures.results': 'Records that match',
    'disclosures.none':
      'No record matches this name and date of birth. Check the spelling with the request.',
    'disclosures.truncated': 'More records match than are shown: add the given name.',
    'disclosures.match.exact': 'Exact match',
    'disclosures.match.prefix': 'Family name starts the same',
    'disclosures.match.phonetic': 'Family name sounds alike',
    'disclosures.record': 'Record {id}',
    'disclosures.registered': 'Registered {date}',
    'disclosures.born': 'Born {masked}',
    'disclosures.open': 'Accounting for record {id}',
    'disclosures.privacy':
      'Names and dates of birth travel only in the request body; the page’s address carries the record’s opaque id.',
  },
  es: {
    'disclosures.title': 'Historial de divulgaciones',
    'disclosures.lead':
      'Un paciente puede pedir saber quién accedió a su expediente. Escriba los datos que da su solicitud: verá qué expediente coincide y cómo, y luego su historial.',
    'disclosures.find': 'Encontrar el expediente del paciente',
    'disclosures.familyName': 'Apellido',
    'disclosures.givenName': 'Nombre',
    'disclosures.dateOfBirth': 'Fecha de nacimiento',
    'disclosures.search': 'Buscar el expediente',
    'disclosures.searching': 'Buscando…',
    'disclosures.results': 'Expedientes que coinciden',
    'disclosures.none':
      'Ningún expediente coincide con este apellido y esta fecha de nacimiento. Compruebe la ortografía con la solicitud.',
    'disclosures.truncated': 'Coinciden más expedientes de los que se muestran: añada el nombre.',
    'disclosures.match.exact': 'Coincidencia exacta',
    'disclosures.match.prefix': 'El apellido empieza igual',
    'disclosures.match.phonetic': 'El apellido suena parecido',
    'disclosures.record': 'Expediente {id}',
    'disclosures.registered': 'Registrado el {date}',
    'disclosures.born': 'Nacimiento {masked}',
    'disclosures.open': 'Historial del expediente {id}',
    'disclosures.privacy':
      'Los nombres y las fechas de nacimiento viajan solo en el cuerpo de la solicitud; la dirección de la página lleva el identificador opaco del expediente.',
  },
});
