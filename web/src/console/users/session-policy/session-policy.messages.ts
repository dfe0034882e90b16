import { defineMessages } from '../../../i18n/catalog.ts';

export const sessionPolicyMessages = defineMessages({
  en: {
    'sessionPolicy.title': 'Automatic sign-out',
    'sessionPolicy.lead':
      'How long a session stays open without activity, and at most. Shorter is safer on shared computers. Applies to sessions started after a change.',
    'sessionPolicy.back': 'Users and access',
    'sessionPolicy.staff': 'Staff',
    'sessionPolicy.patients': 'Patients',
    'sessionPolicy.workforceIdle': 'Sign staff out after no activity for',
    'sessionPolicy.workforceIdle.help': '2 to 15 minutes. A warning shows a minute before.',
    'sessionPolicy.workforceAbsolute': 'Staff sessions last at most',
    'sessionPolicy.workforceAbsolute.help': '1 to 12 hours, whatever the activity.',
    'sessionPolicy.patientIdle': 'Sign patients out after no activity for',
    'sessionPolicy.patientIdle.help': '2 to 30 minutes.',
    'sessionPolicy.patientAbsolute': 'Patient sessions last at most',
    'sessionPolicy.patientAbsolute.help': '1 to 24 hours.',
    'sessionPolicy.minutes': 'minutes',
    'sessionPolicy.hours': 'hours',
    'sessionPolicy.save': 'Save the policy',
    'sessionPolicy.saved': 'Saved. New sessions follow it.',
  },
  es: {
    'sessionPolicy.title': 'Cierre automático de sesión',
    'sessionPolicy.lead':
      'Cuánto tiempo queda abierta una sesión sin actividad, y como máximo. Menos tiempo es más seguro en computadoras compartidas. Vale para las sesiones que empiecen después del cambio.',
    'sessionPolicy.back': 'Usuarios y acceso',
    'sessionPolicy.staff': 'Personal',
    'sessionPolicy.patients': 'Pacientes',
    'sessionPolicy.workforceIdle': 'Cerrar la sesión del personal tras una inactividad de',
    'sessionPolicy.workforceIdle.help': 'De 2 a 15 minutos. Un aviso aparece un minuto antes.',
    'sessionPolicy.workforceAbsolute': 'Las sesiones del personal duran como máximo',
    'sessionPolicy.workforceAbsolute.help': 'De 1 a 12 horas, haya o no actividad.',
    'sessionPolicy.patientIdle': 'Cerrar la sesión de los pacientes tras una inactividad de',
    'sessionPolicy.patientIdle.help': 'De 2 a 30 minutos.',
    'sessionPolicy.patientAbsolute': 'Las sesiones de los pacientes duran como máximo',
    'sessionPolicy.patientAbsolute.help': 'De 1 a 24 horas.',
    'sessionPolicy.minutes': 'minutos',
    'sessionPolicy.hours': 'horas',
    'sessionPolicy.save': 'Guardar la política',
    'sessionPolicy.saved': 'Guardada. Las sesiones nuevas la siguen.',
  },
});
