import type { Db } from '../../platform/db/db.ts';
import { listAppointmentTypes } from '../directory/directory.rules-service.ts';
import { hasVisitGuide } from '../directory/directory.visit-guide.ts';
import { putVisitGuide, type VisitGuide } from '../directory/directory.visit-guide.ts';

/**
 * The demo clinic's "What do you need?": new or returning, then a reason, then in person or by
 * video, ending at each of its three visit types. Set once; a clinic that has one keeps it.
 */
export async function seedDemoVisitGuide(db: Db, organizationId: string): Promise<boolean> {
  if (await hasVisitGuide(db, organizationId)) return false;
  const types = await listAppointmentTypes(db, organizationId);
  const id = (name: string) => types.find((t) => t.name === name)?.id;
  const [newPatient, followUp, procedure] = [
    id('New patient visit'),
    id('Follow-up visit'),
    id('Minor procedure'),
  ];
  if (!newPatient || !followUp || !procedure) return false;
  const guide: VisitGuide = {
    start: 'welcome',
    nodes: [
      {
        id: 'welcome',
        prompt: {
          en: 'Have you been seen at Riverside Family Health before?',
          es: '¿Lo han atendido antes en Riverside Family Health?',
        },
        choices: [
          {
            label: { en: 'No, this is my first visit', es: 'No, es mi primera visita' },
            appointmentTypeId: newPatient,
            modality: 'in_person',
          },
          {
            label: { en: 'Yes, I have been seen here', es: 'Sí, ya me han atendido aquí' },
            next: 'reason',
          },
        ],
      },
      {
        id: 'reason',
        prompt: { en: 'What do you need?', es: '¿Qué necesita?' },
        choices: [
          {
            label: {
              en: 'A check-in on my care plan or test results',
              es: 'Un seguimiento de mi tratamiento o de mis resultados',
            },
            next: 'how',
          },
          {
            label: {
              en: 'A skin check, mole removal or biopsy',
              es: 'Una revisión de la piel, quitar un lunar o una biopsia',
            },
            appointmentTypeId: procedure,
            modality: 'in_person',
          },
        ],
      },
      {
        id: 'how',
        prompt: { en: 'How would you like to be seen?', es: '¿Cómo prefiere que lo atiendan?' },
        choices: [
          {
            label: { en: 'In person', es: 'En persona' },
            appointmentTypeId: followUp,
            modality: 'in_person',
          },
          {
            label: { en: 'By video', es: 'Por video' },
            appointmentTypeId: followUp,
            modality: 'telehealth',
          },
        ],
      },
    ],
  };
  await putVisitGuide({ type: 'system', job: 'seed-demo' }, db, organizationId, guide);
  return true;
}
