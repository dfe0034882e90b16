import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/db.ts';
import { Forbidden, Invalid, Unauthorized } from '../../platform/http/errors.ts';
import { eligibilityReasons, type PrerequisiteChecks } from '../booking/booking.eligibility.ts';
import type { CatalogOrganization } from './fhir.catalog.ts';
import type { FhirPatients } from './fhir.patients.ts';
import { fhirPatientAccess } from './fhir.policy.ts';
import { occurrences, type RawQuery } from './fhir.search.ts';

/**
 * `$find`'s `patient-reference`: whom the proposals are for. The caller must be able to read the
 * patient exactly as Patient read allows (an unknown patient is a 404, another's a 403), and the
 * proposals are then only the times booking would give that patient: in the caller's
 * organization, of visit types the patient is eligible for (age range, new or established,
 * prerequisites; booking.eligibility.ts, the checks `$book` makes).
 */
export interface FindPatient {
  id: string;
  organizationId: string;
  /** Whether booking would offer the visit type to the patient at that start. */
  offered(typeId: string, start: number): Promise<boolean>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = 86_400_000;

/** The patient id a `patient-reference` names, undefined without one, or a 400. */
export function patientReference(query: RawQuery): string | undefined {
  const values = occurrences(query, 'patient-reference').flat();
  if (values.length === 0) return undefined;
  const m = values.length === 1 ? /^(?:Patient\/)?([0-9a-f-]{36})$/.exec(values[0]!) : null;
  if (!m || !uuid.test(m[1]!)) {
    throw new Invalid('patient-reference takes one reference: Patient/<id>.', [
      { pointer: '/query/patient-reference', detail: 'one Patient/<id>' },
    ]);
  }
  return m[1]!;
}

export async function findPatient(
  req: FastifyRequest,
  deps: {
    db: Db;
    patients: FhirPatients;
    prerequisites: PrerequisiteChecks;
    catalog: readonly CatalogOrganization[];
  },
  patientId: string,
): Promise<FindPatient> {
  // The same gate as Patient read, then the patients service's own check (404 or 403; audited).
  if (!(await fhirPatientAccess.allows(req))) {
    throw req.actor.type === 'anonymous' ? new Unauthorized() : new Forbidden();
  }
  const actor = req.actor;
  if (actor.type !== 'user' && actor.type !== 'patient') throw new Forbidden();
  const organizationId = actor.organizationId;
  await deps.patients.get(actor, patientId);
  const types = new Map(
    (deps.catalog.find((o) => o.id === organizationId)?.types ?? []).map((t) => [t.id, t]),
  );
  // Judged once per visit type and day (an age or a prior visit rarely changes within a day);
  // $book checks the exact start again.
  const judged = new Map<string, Promise<boolean>>();
  return {
    id: patientId,
    organizationId,
    offered: (typeId, start) => {
      const type = types.get(typeId);
      if (!type) return Promise.resolve(false);
      const key = `${typeId}|${Math.floor(start / DAY)}`;
      let answer = judged.get(key);
      if (!answer) {
        answer = eligibilityReasons(
          deps.db,
          { organizationId, type, patientId, start: new Date(start) },
          deps.prerequisites,
          { all: false },
        ).then((reasons) => reasons.length === 0);
        judged.set(key, answer);
      }
      return answer;
    },
  };
}
