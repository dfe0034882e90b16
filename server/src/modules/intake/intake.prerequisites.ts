import type { Queryable } from '../../platform/db/db.ts';

/**
 * What booking asks intake before it books a visit type with prerequisites. Intake forms are
 * keyed by appointment type: the form for a type carries the type's id as its `appointment_type`.
 * Read from the tables' ids and kinds only; nothing is decrypted.
 */
export function intakePrerequisites(db: Queryable) {
  return {
    /** The patient has submitted the intake form of this appointment type. */
    async intakeCompleted(organizationId: string, patientId: string, typeId: string) {
      const { rows } = await db.query(
        `select 1 from intake_submissions s
           join intake_forms f on f.organization_id = s.organization_id and f.id = s.form_id
          where s.organization_id = $1 and s.patient_id = $2 and f.appointment_type = $3
          limit 1`,
        [organizationId, patientId, typeId],
      );
      return rows.length > 0;
    },
    /** A referral letter for the patient is on file (uploaded, scanned and stored). */
    async referralOnFile(organizationId: string, patientId: string) {
      const { rows } = await db.query(
        `select 1 from intake_documents
          where organization_id = $1 and patient_id = $2 and kind = 'referral_letter'
          limit 1`,
        [organizationId, patientId],
      );
      return rows.length > 0;
    },
  };
}
