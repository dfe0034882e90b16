import { defineMessages } from '../../../i18n/catalog.ts';

export const overviewMessages = defineMessages({
  en: {
    'setupOverview.title': 'Clinic setup',
    'setupOverview.lead':
      'What patients can book comes from here. Work from the top: where you see patients, who sees them, when, and what kinds of visit they offer.',
    'setupOverview.locations':
      'Addresses, time zones, and whether each offers in-person or video visits.',
    'setupOverview.providers':
      'Who sees patients: credentials, languages, a short bio, and where they work.',
    'setupOverview.hours':
      'Each provider’s weekly hours at each location, one-day changes, and time off.',
    'setupOverview.holidays': 'Days the whole clinic is closed.',
    'setupOverview.resources': 'Rooms and equipment a visit type may need, at each location.',
    'setupOverview.types':
      'The visits patients book, with every rule: length, buffers, notice, who may book, and who provides them.',
    'setupOverview.intake': 'The questions patients answer before a visit, per appointment type.',
    'setupOverview.guide': 'The “What do you need?” path that leads patients to the right visit.',
    'setupOverview.policy': 'When check-in opens and closes, and when a video visit can be joined.',
    'setupOverview.overbooking':
      'Whether each provider may be overbooked, how many extra at once, per hour and per day.',
    'setupOverview.messages':
      'The order in which confirmations and reminders try email, text message and push, per visit type.',
  },
  es: {
    'setupOverview.title': 'Configuración de la clínica',
    'setupOverview.lead':
      'Lo que los pacientes pueden reservar se define aquí. Trabaje de arriba hacia abajo: dónde atiende, quién atiende, cuándo y qué tipos de visita ofrece.',
    'setupOverview.locations':
      'Direcciones, zonas horarias y si cada sede ofrece visitas en persona o por video.',
    'setupOverview.providers':
      'Quién atiende: credenciales, idiomas, una breve presentación y dónde trabaja.',
    'setupOverview.hours':
      'El horario semanal de cada profesional en cada sede, los cambios de un día y las ausencias.',
    'setupOverview.holidays': 'Los días en que toda la clínica está cerrada.',
    'setupOverview.resources':
      'Salas y equipos que un tipo de visita puede necesitar, en cada sede.',
    'setupOverview.types':
      'Las visitas que los pacientes reservan, con todas sus reglas: duración, márgenes, anticipación, quién puede reservar y quién las atiende.',
    'setupOverview.intake':
      'Las preguntas que los pacientes responden antes de una visita, por tipo de cita.',
    'setupOverview.guide':
      'El camino «¿Qué necesita?» que lleva a los pacientes a la visita adecuada.',
    'setupOverview.policy':
      'Cuándo se abre y se cierra el registro de llegada, y cuándo se puede entrar a una visita por video.',
    'setupOverview.overbooking':
      'Si cada profesional admite sobrecupos, cuántos a la vez, por hora y por día.',
    'setupOverview.messages':
      'El orden en que las confirmaciones y los recordatorios prueban el correo, el mensaje de texto y la notificación push, por tipo de visita.',
  },
});
