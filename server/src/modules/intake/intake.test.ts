import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyInventory, reencryptAll, rotateKeys } from '../../platform/crypto/keys.ts';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { ada, openClinic, type Clinic } from '../patients/patients.fixtures.ts';
import { createPatientRelations } from '../patients/patients.relations.service.ts';
import { intakeEncryptedTables, intakeExport } from './intake.keys.ts';
import { formDefinitionSchema, type FormDefinition } from './intake.schema.ts';
import { createIntake, type Intake } from './intake.service.ts';

const newPatientForm: FormDefinition = formDefinitionSchema.parse({
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
        { value: 'pain', label: 'Pain or injury' },
      ],
    },
    {
      id: 'pain_level',
      type: 'number',
      label: 'How bad is the pain (0-10)?',
      whyWeAsk: 'To see you sooner if it is severe.',
      required: true,
      min: 0,
      max: 10,
      showWhen: { questionId: 'reason', equals: 'pain' },
    },
    {
      id: 'allergies',
      type: 'yes_no',
      label: 'Any allergies to medicines?',
      whyWeAsk: 'For your safety.',
      required: true,
    },
    {
      id: 'last_visit',
      type: 'date',
      label: 'Last visit to a doctor',
      whyWeAsk: 'To request your records.',
      required: false,
    },
    {
      id: 'note',
      type: 'short_text',
      label: 'Anything else (short)?',
      whyWeAsk: 'In case we missed something.',
      required: false,
      maxLength: 40,
    },
    {
      id: 'ssn_last4',
      type: 'short_text',
      label: 'Last four of your SSN',
      whyWeAsk: 'Your insurer asks for it.',
      required: false,
      maxLength: 4,
      sensitive: true,
    },
  ],
});

let c: Clinic;
let intake: Intake;
let patientId: string;
let formId: string;
const patient = () => ({
  type: 'patient' as const,
  id: `account-${patientId}`,
  patientId: patientId,
  organizationId: c.org,
});
let clinicianTreats = false;

beforeAll(async () => {
  c = await openClinic();
  intake = createIntake({
    db: c.t.db,
    vault: c.vault,
    audit: createAudit(c.t.db),
    patients: c.patients,
    relations: { patientAtLocations: async () => false, treats: async () => clinicianTreats },
  });
  patientId = (await c.patients.register(c.as('front_desk'), ada())).id;
  formId = (await intake.defineForm(c.as('admin'), 'new-patient', newPatientForm)).id;
});
afterAll(() => c.drop());

const problem = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { status: number; errors?: unknown[] }) => e,
  );

describe('intake forms as data', () => {
  it('an admin defines a form per appointment type; a new definition is a new version', async () => {
    expect(await intake.currentForm(c.org, 'new-patient')).toMatchObject({
      id: formId,
      version: 1,
    });
    const v2 = await intake.defineForm(c.as('admin'), 'new-patient', {
      ...newPatientForm,
      title: 'New patient visit (v2)',
    });
    expect(v2.version).toBe(2);
    expect((await intake.currentForm(c.org, 'new-patient')).id).toBe(v2.id);
    await expect(intake.defineForm(c.as('front_desk'), 'x', newPatientForm)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('refuses a condition on a later question, duplicate ids and free text beyond the cap', () => {
    const bad = (questions: unknown[]) =>
      formDefinitionSchema.safeParse({ title: 't', questions }).success;
    const q = { label: 'q', whyWeAsk: 'w', required: false };
    expect(
      bad([
        { ...q, id: 'a', type: 'yes_no', showWhen: { questionId: 'b', equals: true } },
        { ...q, id: 'b', type: 'yes_no' },
      ]),
    ).toBe(false);
    expect(
      bad([
        { ...q, id: 'a', type: 'yes_no' },
        { ...q, id: 'a', type: 'date' },
      ]),
    ).toBe(false);
    expect(bad([{ ...q, id: 'a', type: 'short_text', maxLength: 5000 }])).toBe(false);
    expect(bad([{ ...q, id: 'a', type: 'short_text' }])).toBe(true);
  });
});

describe('answering', () => {
  it('validates answers on the server from the definition, naming the question and never the value', async () => {
    const err = await problem(
      intake.submit(patient(), patientId, formId, {
        reason: 'checkup',
        pain_level: 4,
        allergies: 'maybe' as unknown as boolean,
        note: 'x'.repeat(41),
        unknown_q: 'x',
      }),
    );
    expect(err).toMatchObject({ status: 400 });
    expect((err as { errors: { pointer: string }[] }).errors.map((e) => e.pointer).sort()).toEqual([
      '/body/answers/allergies',
      '/body/answers/note',
      '/body/answers/pain_level', // not asked when the reason is a check-up
      '/body/answers/unknown_q',
    ]);
    expect(JSON.stringify(err)).not.toContain('xxxx');
  });

  it('asks the conditional question only when the earlier answer matches, and then requires it', async () => {
    const err = await problem(
      intake.submit(patient(), patientId, formId, { reason: 'pain', allergies: false }),
    );
    expect((err as { errors: { pointer: string; detail: string }[] }).errors).toEqual([
      { pointer: '/body/answers/pain_level', detail: 'is required' },
    ]);
    const out = await problem(
      intake.submit(patient(), patientId, formId, {
        reason: 'pain',
        pain_level: 11,
        allergies: false,
      }),
    );
    expect((out as { errors: { detail: string }[] }).errors[0]!.detail).toBe(
      'must be between 0 and 10',
    );
  });

  it('autosaves a partial draft, encrypted, that expires after 7 days', async () => {
    const now = new Date('2026-11-24T10:00:00Z');
    const saved = await intake.saveDraft(
      patient(),
      patientId,
      formId,
      { reason: 'pain', note: 'draft-canary-knee' },
      now,
    );
    expect(saved.expiresAt).toBe('2026-12-01T10:00:00.000Z');
    const { rows } = await c.t.db.query<{ answers: Uint8Array }>(
      'select answers from intake_drafts',
    );
    expect(Buffer.from(rows[0]!.answers).includes(Buffer.from('draft-canary'))).toBe(false);
    expect(
      await intake.getDraft(patient(), patientId, formId, new Date('2026-11-30T10:00:00Z')),
    ).toMatchObject({
      answers: { reason: 'pain', note: 'draft-canary-knee' },
    });
    expect(
      await intake.getDraft(patient(), patientId, formId, new Date('2026-12-01T10:00:01Z')),
    ).toBeNull();
    const { rows: drafts } = await c.t.db.query<{ id: string }>('select id from intake_drafts');
    expect(await intake.purgeExpiredDrafts(new Date('2026-12-01T10:00:01Z'))).toBe(1);
    const { rows: purged } = await c.t.db.query(
      `select actor_type, actor_id, organization_id, patient_id, resource_id, outcome
         from audit_events where action = 'intake.draft.purge'`,
    );
    expect(purged).toEqual([
      {
        actor_type: 'system',
        actor_id: 'intake.purge-drafts',
        organization_id: c.org,
        patient_id: patientId,
        resource_id: drafts[0]!.id,
        outcome: 'success',
      },
    ]);
  });

  it('submitted answers are immutable versions; a resubmission is version 2 and the draft is gone', async () => {
    await intake.saveDraft(patient(), patientId, formId, { reason: 'checkup' });
    const first = await intake.submit(patient(), patientId, formId, {
      reason: 'checkup',
      allergies: true,
      ssn_last4: '4821',
    });
    const second = await intake.submit(patient(), patientId, formId, {
      reason: 'checkup',
      allergies: false,
    });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(await intake.getDraft(patient(), patientId, formId)).toBeNull();
    await expect(
      c.t.db.query(`update intake_submissions set submitted_by = 'someone' where id = $1`, [
        first.id,
      ]),
    ).rejects.toThrow(/immutable/);
    await expect(
      c.t.db.query('delete from intake_submissions where id = $1', [first.id]),
    ).rejects.toThrow(/immutable/);
    const mine = await intake.submissions(patient(), patientId);
    expect(mine.map((s) => [s.version, s.answers.allergies])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(mine[0]!.answers.ssn_last4).toBe('4821');
  });
});

describe('a tampered draft', () => {
  it('answers record-unreadable instead of the answers', async () => {
    await intake.saveDraft(patient(), patientId, formId, { reason: 'checkup' });
    await c.t.db.query(
      `update intake_drafts set answers = set_byte(answers, 19, get_byte(answers, 19) # 1)`,
    );
    await expect(intake.getDraft(patient(), patientId, formId)).rejects.toMatchObject({
      status: 409,
      slug: 'record-unreadable',
    });
    await intake.saveDraft(patient(), patientId, formId, { reason: 'checkup' });
    expect((await intake.getDraft(patient(), patientId, formId))?.answers).toEqual({
      reason: 'checkup',
    });
  });
});

describe('who sees intake answers', () => {
  it('a clinician of the patient sees them, sensitive identifiers masked; every read is audited', async () => {
    clinicianTreats = true;
    const seen = await intake.submissions(c.as('clinician'), patientId);
    expect(seen[0]!.answers).toMatchObject({ allergies: true, ssn_last4: '•••• 4821' });
    const reads = (await listAuditEvents(c.t.db)).filter(
      (e) => e.action === 'intake.read' && e.actor_role === 'clinician',
    );
    expect(reads).toHaveLength(2);
  });

  it('a clinician who does not treat the patient, the front desk and managers do not', async () => {
    clinicianTreats = false;
    for (const role of ['clinician', 'front_desk', 'manager']) {
      await expect(intake.submissions(c.as(role), patientId)).rejects.toMatchObject({
        status: 404,
      });
    }
  });
});

describe('intake and the rest of the vault', () => {
  it("the patient's export carries their submitted answers", async () => {
    const rel = createPatientRelations({
      db: c.t.db,
      vault: c.vault,
      audit: createAudit(c.t.db),
      patients: c.patients,
      contributors: [intakeExport(c.vault)],
    });
    const out = (await rel.exportOwnRecord(patient())) as unknown as {
      intakeSubmissions: { version: number }[];
    };
    expect(out.intakeSubmissions.map((s) => s.version)).toEqual([1, 2]);
  });

  it('answers are under the clinical key, rotate and re-encrypt like identifiers, and stay readable', async () => {
    await intake.saveDraft(patient(), patientId, formId, { reason: 'pain' });
    await rotateKeys(c.t.db, c.vault);
    await reencryptAll(c.t.db, c.vault, intakeEncryptedTables);
    const inv = (await keyInventory(c.t.db, intakeEncryptedTables)).filter(
      (k) => k.dataClass === 'clinical',
    );
    expect(inv.map((k) => [k.version, k.rows])).toEqual([
      [1, { intake_drafts: 0, intake_submissions: 0 }],
      [2, { intake_drafts: 1, intake_submissions: 2 }],
    ]);
    expect((await intake.submissions(patient(), patientId)).map((s) => s.version)).toEqual([1, 2]);
    expect((await intake.getDraft(patient(), patientId, formId))?.answers).toEqual({
      reason: 'pain',
    });
  });
});
