import { z } from 'zod';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { requireStepUp } from '../access/access.record.ts';
import type { Audit } from '../audit/audit.service.ts';

/**
 * Break-glass (emergency) access: the HIPAA emergency access procedure. A clinician who does not
 * treat a patient may, after confirming it is them, open the patient's clinical record (their
 * appointments, intake answers and clinical documents) for a short time, giving a reason code.
 * Free text is refused: it would invite PHI into the audit trail. The grant writes a
 * `patient.break_glass` event, which the break-glass alert rule reports to compliance officers;
 * everything read under it is audited as any read is.
 */
export const emergencyReasons = ['emergency_care', 'covering_clinician', 'urgent_result'] as const;
export const emergencyAccessMinutes = 60;

export const emergencyAccessBody = z.strictObject({ reason: z.enum(emergencyReasons) });
export const emergencyGrantSchema = z.strictObject({
  id: z.uuid(),
  patientId: z.uuid(),
  reason: z.enum(emergencyReasons),
  grantedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type EmergencyGrant = z.infer<typeof emergencyGrantSchema>;

export interface EmergencyAccess {
  /** Opens the record for the clinician; needs a step-up in the last five minutes. */
  open(
    actor: Actor,
    patientId: string,
    reason: (typeof emergencyReasons)[number],
  ): Promise<EmergencyGrant>;
  /** Whether the actor holds an unexpired grant for this patient. */
  holds(db: Queryable, actor: Actor, patientId: string): Promise<boolean>;
}

function clinician(actor: Actor): actor is Extract<Actor, { type: 'user' }> {
  return actor.type === 'user' && actor.roles.includes('clinician');
}

export function createEmergencyAccess(deps: { db: Db; audit: Audit; clock: Clock }) {
  const { db, audit, clock } = deps;
  return {
    async open(actor, patientId, reason) {
      if (!clinician(actor)) throw new Forbidden('Only clinicians may use emergency access.');
      const now = clock.now();
      requireStepUp(actor, now);
      const expires = new Date(now.getTime() + emergencyAccessMinutes * 60_000);
      return db.transaction(async (tx) => {
        // The patient must be of the clinician's organization (its foreign key says the same).
        const { rows } = await tx.query<{ id: string }>(
          `insert into emergency_access (organization_id, account_id, patient_id, reason,
             granted_at, expires_at)
           select $1, $2, p.id, $4, $5, $6 from patients p
            where p.organization_id = $1 and p.id = $3
           returning id::text as id`,
          [actor.organizationId, actor.id, patientId, reason, now, expires],
        );
        if (!rows[0]) throw new NotFound();
        await audit.record(
          {
            actor,
            action: 'patient.break_glass',
            resourceType: 'patient',
            resourceId: patientId,
            patientId,
            outcome: 'success',
          },
          tx,
        );
        return {
          id: rows[0].id,
          patientId,
          reason,
          grantedAt: now.toISOString(),
          expiresAt: expires.toISOString(),
        };
      });
    },

    async holds(q, actor, patientId) {
      if (!clinician(actor)) return false;
      const { rows } = await q.query(
        `select 1 from emergency_access
          where account_id = $1 and patient_id = $2 and organization_id = $3 and expires_at > $4
          limit 1`,
        [actor.id, patientId, actor.organizationId, clock.now()],
      );
      return rows.length > 0;
    },
  } satisfies EmergencyAccess;
}
