import { defineMessages } from '../i18n/catalog.ts';

/** The console's navigation and the areas other work will fill in, each saying what comes. */
export const consoleMessages = defineMessages({
  en: {
    'console.nav': 'Console',
    'console.home': 'Overview',
    'console.area.schedule': 'Schedule',
    'console.area.schedule.text':
      'The day and the week as a grid by provider or room, with check-in, no-show, booking for a patient, rescheduling and cancelling. It updates as others change the schedule.',
    'console.area.patients': 'Patients',
    'console.area.patients.text':
      'Find a patient by family name and date of birth, phone, email or record number; register a new patient with a duplicate check; see the front-desk summary and, for clinicians, intake answers.',
    'console.area.waitlist': 'Waitlist',
    'console.area.waitlist.text':
      'Patients waiting for a time, ranked by clinical priority then waiting time; cancelled times are offered to them automatically.',
    'console.area.setup': 'Clinic setup',
    'console.area.setup.text':
      'Locations, providers, working hours, time off, holidays, rooms and equipment, appointment types with their rules, and intake forms.',
    'console.area.reports': 'Reports',
    'console.area.reports.text':
      'Utilization by provider and location, lead time, no-show and cancellation rates — without patient identifiers — with CSV export.',
    'console.area.users': 'Users and access',
    'console.area.users.text':
      'Staff accounts, roles and locations, invitations, and how soon idle sessions sign out.',
    'console.area.audit': 'Audit and compliance',
    'console.area.audit.text':
      'Search and export the audit trail, the accounting of disclosures for a patient, alerts and their rules, and the state of audit verification.',
    'console.coming': 'Coming here',
    'console.notYours': 'This area is not part of your role. Ask an administrator if you need it.',
    'console.welcome': 'Welcome, {name}',
    'console.roles': 'Your {count, plural, one {role} other {roles}}: {roles}',
    'console.areas': 'Your areas',
    'console.open': 'Open {area}',
    'role.front_desk': 'Front desk',
    'role.clinician': 'Clinician',
    'role.manager': 'Manager',
    'role.admin': 'Administrator',
    'role.compliance_officer': 'Compliance officer',
  },
  es: {
    'console.nav': 'Consola',
    'console.home': 'Resumen',
    'console.area.schedule': 'Agenda',
    'console.area.schedule.text':
      'El día y la semana en una cuadrícula por profesional o sala, con registro de llegada, inasistencias, reservas para un paciente, cambios de horario y cancelaciones. Se actualiza cuando otros cambian la agenda.',
    'console.area.patients': 'Pacientes',
    'console.area.patients.text':
      'Buscar a un paciente por apellido y fecha de nacimiento, teléfono, correo o número de expediente; registrar a un paciente nuevo con control de duplicados; ver el resumen de recepción y, para el personal clínico, las respuestas del formulario.',
    'console.area.waitlist': 'Lista de espera',
    'console.area.waitlist.text':
      'Pacientes que esperan un horario, por prioridad clínica y tiempo de espera; los horarios cancelados se les ofrecen automáticamente.',
    'console.area.setup': 'Configuración de la clínica',
    'console.area.setup.text':
      'Sedes, profesionales, horarios de trabajo, ausencias, feriados, salas y equipos, tipos de cita con sus reglas y formularios de admisión.',
    'console.area.reports': 'Informes',
    'console.area.reports.text':
      'Ocupación por profesional y sede, anticipación de las reservas, tasas de inasistencia y de cancelación —sin datos que identifiquen a los pacientes— con exportación a CSV.',
    'console.area.users': 'Usuarios y acceso',
    'console.area.users.text':
      'Cuentas del personal, funciones y sedes, invitaciones y el tiempo tras el cual se cierran las sesiones inactivas.',
    'console.area.audit': 'Auditoría y cumplimiento',
    'console.area.audit.text':
      'Buscar y exportar el registro de auditoría, el historial de divulgaciones de un paciente, las alertas y sus reglas, y el estado de la verificación de la auditoría.',
    'console.coming': 'Lo que vendrá aquí',
    'console.notYours':
      'Esta sección no forma parte de su función. Pídala a un administrador si la necesita.',
    'console.welcome': 'Hola, {name}',
    'console.roles': '{count, plural, one {Su función} other {Sus funciones}}: {roles}',
    'console.areas': 'Sus secciones',
    'console.open': 'Abrir {area}',
    'role.front_desk': 'Recepción',
    'role.clinician': 'Personal clínico',
    'role.manager': 'Gerencia',
    'role.admin': 'Administración',
    'role.compliance_officer': 'Responsable de cumplimiento',
  },
});
