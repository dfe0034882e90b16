import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPatient,
  createClinic,
  holdRequest,
  patientActor,
  refusal,
  type Clinic,
} from '../../../test/clinic.ts';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import * as booking from '../booking/booking.service.ts';
import { intakePrerequisites } from './intake.prerequisites.ts';

let t: TestDb;
let clinic: Clinic;
let deps: booking.BookingDeps;

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, {
    providers: 1,
    type: { prerequisites: [{ kind: 'intake_completed' }, { kind: 'referral_on_file' }] },
  });
  deps = {
    db: t.db,
    holdMinutes: 10,
    now: Date.now,
    prerequisites: intakePrerequisites(t.db),
  };
});
afterAll(() => t.drop());

// Stand-ins for what the intake module writes: the prerequisites read ids and kinds only.
async function submitIntakeFor(patientId: string, appointmentType: string) {
  const { rows } = await t.db.query<{ id: string }>(
    `insert into intake_forms (organization_id, appointment_type, version, definition)
     values ($1, $2, 1, '{}') on conflict (organization_id, appointment_type, version)
     do update set version = 1 returning id`,
    [clinic.orgId, appointmentType],
  );
  await t.db.query(
    `insert into intake_submissions (organization_id, patient_id, form_id, version, key_version,
       answers, submitted_by) values ($1, $2, $3, 1, 1, '\\x00', 'patient')`,
    [clinic.orgId, patientId, rows[0]!.id],
  );
}

async function fileReferralFor(patientId: string) {
  await t.db.query(
    `insert into intake_documents (id, organization_id, patient_id, kind, content_type, size_bytes,
       key_version, content, uploaded_by)
     values (gen_random_uuid(), $1, $2, 'referral_letter', 'application/pdf', 1, 1, '\\x00', 'patient')`,
    [clinic.orgId, patientId],
  );
}

function hold(patientId: string, days: number) {
  return booking.hold(
    patientActor(clinic.orgId, patientId),
    deps,
    holdRequest(clinic, patientId, days),
  );
}

describe('a visit type that needs intake and a referral', () => {
  it('is refused until the intake form for this visit type is submitted', async () => {
    const p = await addPatient(t.db, clinic.orgId);
    await fileReferralFor(p);
    await submitIntakeFor(p, 'some-other-visit');
    expect(await refusal(hold(p, 3))).toMatch(/completed intake form/);
    await submitIntakeFor(p, clinic.typeId);
    await expect(hold(p, 3)).resolves.toMatchObject({ status: 'held' });
  });

  it('is refused until a referral letter is on file', async () => {
    const p = await addPatient(t.db, clinic.orgId);
    await submitIntakeFor(p, clinic.typeId);
    expect(await refusal(hold(p, 4))).toMatch(/referral on file/);
    await fileReferralFor(p);
    await expect(hold(p, 4)).resolves.toMatchObject({ status: 'held' });
  });
});
