import { defineMessages } from '../../../i18n/catalog.ts';

export const resourcesMessages = defineMessages({
  en: {
    'setupResources.title': 'Rooms and equipment',
    'setupResources.lead':
      'A visit type can need a kind of resource (a room, an ultrasound). A visit is offered only when one of that kind is free at the location.',
    'setupResources.list': 'Rooms and equipment by location',
    'setupResources.name': 'Name',
    'setupResources.name.help': 'What staff call it, for example Exam room 2.',
    'setupResources.kind': 'Kind',
    'setupResources.kind.help':
      'A short code appointment types ask for: lowercase letters, digits, - and _, for example room or ultrasound.',
    'setupResources.add': 'Add a room or equipment',
    'setupResources.addButton': 'Add it',
    'setupResources.inUse':
      'Visits still take this resource, so it stays. Move or cancel them first.',
  },
  es: {
    'setupResources.title': 'Salas y equipos',
    'setupResources.lead':
      'Un tipo de visita puede necesitar una clase de recurso (una sala, un ecógrafo). La visita solo se ofrece cuando hay uno de esa clase libre en la sede.',
    'setupResources.list': 'Salas y equipos por sede',
    'setupResources.name': 'Nombre',
    'setupResources.name.help': 'Como lo llama el personal, por ejemplo Consultorio 2.',
    'setupResources.kind': 'Clase',
    'setupResources.kind.help':
      'Un código corto que piden los tipos de cita: minúsculas, dígitos, - y _, por ejemplo room o ultrasound.',
    'setupResources.add': 'Agregar una sala o un equipo',
    'setupResources.addButton': 'Agregarlo',
    'setupResources.inUse':
      'Todavía hay visitas que usan este recurso, así que se queda. Cámbielas o cancélelas primero.',
  },
});
