import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/db.ts';
import { createAudit } from '../audit/audit.service.ts';
import { findOrganizationBySlug } from '../directory/directory.service.ts';
import { listAppointmentTypes } from '../directory/directory.rules-service.ts';
import { formDefinitionSchema } from '../intake/intake.schema.ts';
import { createIntake } from '../intake/intake.service.ts';
import { createPatients } from '../patients/patients.service.ts';
import type { Identity } from '../patients/patients.schema.ts';
import { demoSlug } from './demo.seed.ts';

/** Fictional patients, labelled as demo in their names. Skipped when already there. */
export const demoPatients: Identity[] = [
  {
    legalName: { given: 'Demo', family: 'Patient-Alvarez' },
    dateOfBirth: '1986-04-12',
    sex: 'female',
    phone: '+1 555 0101',
    email: 'demo.alvarez@example.org',
    mrn: 'DEMO-0001',
    insuranceMemberId: 'DEMO-M-1001',
  },
  {
    legalName: { given: 'Demo', family: 'Patient-Okafor' },
    preferredName: 'Demo Chidi',
    dateOfBirth: '1972-11-03',
    sex: 'male',
    phone: '+1 555 0102',
    mrn: 'DEMO-0002',
  },
  {
    legalName: { given: 'Demo', family: 'Patient-Lindqvist' },
    dateOfBirth: '2015-06-30',
    sex: 'unknown',
    email: 'demo.lindqvist.guardian@example.org',
    mrn: 'DEMO-0003',
  },
];

/** Adds the demo patients (once); returns their ids in `demoPatients` order. */
export async function seedDemoPatients(db: Db, vault: Vault): Promise<string[]> {
  const org = await findOrganizationBySlug(db, demoSlug);
  if (!org) return [];
  const patients = createPatients({ db, vault, audit: createAudit(db) });
  const ids: string[] = [];
  for (const identity of demoPatients) {
    const seeder = { type: 'system', job: 'seed-demo' } as const;
    const id =
      (await patients.importPatient(seeder, org.id, identity)) ??
      (await patients.idByMrn(org.id, identity.mrn!));
    if (id) ids.push(id);
  }
  const intake = createIntake({ db, vault, audit: createAudit(db), patients });
  await intake.ensureForm(
    { type: 'system', job: 'seed-demo' },
    org.id,
    'new-patient',
    demoIntakeForm,
  );
  // The same questions keyed by the visit type's id: the key the booking flow asks for.
  const newVisit = (await listAppointmentTypes(db, org.id)).find(
    (t) => t.name === 'New patient visit',
  );
  if (newVisit) {
    await intake.ensureForm(
      { type: 'system', job: 'seed-demo' },
      org.id,
      newVisit.id,
      demoIntakeForm,
    );
  }
  return ids;
}

/** The demo clinic's new-patient questions: choices first, one short free-text field. */
export const demoIntakeForm = formDefinitionSchema.parse({
  title: 'New patient visit',
  questions: [
    {
      id: 'reason',
      type: 'choice',
      label: 'What is the visit for?',
      whyWeAsk: 'So we book the right length of visit.',
      required: true,
      options: [
        { value: 'checkup', label: 'Check-up' },
        { value: 'illness', label: 'Feeling unwell' },
        { value: 'injury', label: 'Injury' },
      ],
    },
    {
      id: 'days_unwell',
      type: 'number',
      label: 'For how many days?',
      whyWeAsk: 'To see you sooner when it has lasted long.',
      required: true,
      min: 0,
      max: 365,
      showWhen: { questionId: 'reason', equals: 'illness' },
    },
    {
      id: 'allergies',
      type: 'yes_no',
      label: 'Are you allergic to any medicine?',
      whyWeAsk: 'For your safety.',
      required: true,
    },
    {
      id: 'insured',
      type: 'yes_no',
      label: 'Will your insurance cover this visit?',
      whyWeAsk: 'So we can check your cover before the visit.',
      required: true,
    },
    {
      id: 'insurance_member_id',
      type: 'short_text',
      label: 'Insurance member ID',
      whyWeAsk:
        'Your insurer needs it to pay for the visit. Staff see only its last four characters.',
      required: true,
      maxLength: 30,
      sensitive: true,
      showWhen: { questionId: 'insured', equals: true },
    },
    {
      id: 'anything_else',
      type: 'short_text',
      label: 'Anything else we should know (short)?',
      whyWeAsk: 'In case our questions missed something.',
      required: false,
      maxLength: 100,
    },
  ],
});
