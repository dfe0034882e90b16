import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { Invalid } from '../../platform/http/errors.ts';
import type { PatientView, Registration } from '../patients/patients.schema.ts';
import type { FhirResource } from './fhir.resources.ts';

/**
 * Patients as FHIR, for integration clients and staff: the patients service's view (as the
 * caller's role projects it) as a Patient, and a Patient a client sends as a registration. The
 * medical record number is the one identifier (system `mrnSystem`); look-ups go through the
 * patients module's blind indexes, never through a URL.
 */

export const mrnSystem = 'urn:hourglass:fhir:mrn';

/** What the patients service answers, as the caller's role projects it. */
export type PatientRecord = PatientView;

/** The patients service, as the FHIR routes use it (each call checks access and audits). */
export interface FhirPatients {
  get(actor: Actor, id: string): Promise<PatientRecord>;
  lookup(
    actor: Actor,
    q: { mrn?: string; dateOfBirth?: string; familyName?: string },
  ): Promise<PatientRecord[]>;
  register(actor: Actor, input: Registration): Promise<PatientRecord>;
}

const gender = { female: 'female', male: 'male', intersex: 'other', unknown: 'unknown' } as const;

export function patientResource(p: PatientRecord): FhirResource {
  const masked = (v: string | undefined) => v === undefined || v.startsWith('••••');
  const telecom = [
    ...(p.phone ? [{ system: 'phone', value: p.phone }] : []),
    ...(p.email ? [{ system: 'email', value: p.email }] : []),
  ];
  const a = p.address;
  return {
    resourceType: 'Patient',
    id: p.id,
    ...(masked(p.mrn) ? {} : { identifier: [{ use: 'usual', system: mrnSystem, value: p.mrn }] }),
    active: true,
    ...(p.legalName
      ? {
          name: [
            { use: 'official', family: p.legalName.family, given: [p.legalName.given] },
            ...(p.preferredName ? [{ use: 'usual', given: [p.preferredName] }] : []),
          ],
        }
      : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(p.sex ? { gender: gender[p.sex] } : {}),
    ...(p.dateOfBirth && !masked(p.dateOfBirth) ? { birthDate: p.dateOfBirth } : {}),
    ...(a
      ? {
          address: [
            {
              line: [a.line],
              city: a.city,
              state: a.region,
              postalCode: a.postalCode,
              country: a.country,
            },
          ],
        }
      : {}),
  };
}

const short = z.string().trim().min(1).max(100);
/** The Patient a client registers: names, birth date, gender, telecom and an MRN; nothing else. */
export const patientBody = z.strictObject({
  resourceType: z.literal('Patient'),
  id: z.string().max(64).optional(),
  meta: z.looseObject({}).optional(),
  active: z.boolean().optional(),
  identifier: z
    .array(
      z.strictObject({
        use: z.string().max(20).optional(),
        system: z.string().max(200).optional(),
        value: short,
      }),
    )
    .max(5)
    .optional(),
  name: z
    .array(
      z.strictObject({
        use: z.string().max(20).optional(),
        family: short.optional(),
        given: z.array(short).max(5).optional(),
        text: short.optional(),
      }),
    )
    .min(1)
    .max(5),
  telecom: z
    .array(
      z.strictObject({
        system: z.enum(['phone', 'email']),
        value: short,
        use: z.string().max(20).optional(),
      }),
    )
    .max(5)
    .optional(),
  gender: z.enum(['female', 'male', 'other', 'unknown']),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
});
export type PatientBody = z.infer<typeof patientBody>;

const sexOf = { female: 'female', male: 'male', other: 'intersex', unknown: 'unknown' } as const;

/** The MRN among identifiers: ours by system, or the one without a system. */
export function mrnOf(identifiers: readonly { system?: string | undefined; value: string }[]) {
  return identifiers.find((i) => i.system === mrnSystem || i.system === undefined)?.value;
}

export function registrationOf(p: PatientBody): Omit<Registration, 'notDuplicateOf'> {
  const official = p.name.find((n) => n.use === 'official') ?? p.name[0]!;
  const given = official.given?.[0];
  if (!official.family || !given) {
    throw new Invalid('A patient needs a family name and a given name.', [
      { pointer: '/body/name/0', detail: 'family and given' },
    ]);
  }
  const phone = p.telecom?.find((t) => t.system === 'phone')?.value;
  const email = p.telecom?.find((t) => t.system === 'email')?.value;
  const mrn = mrnOf(p.identifier ?? []);
  return {
    legalName: { given, family: official.family },
    dateOfBirth: p.birthDate,
    sex: sexOf[p.gender],
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(mrn ? { mrn } : {}),
  };
}

/**
 * A token search value (`system|value` or `value`) as an MRN: only our system, or none.
 * Undefined when the system is another's (nothing of ours can match).
 */
export function mrnToken(token: string): string | undefined {
  const bar = token.indexOf('|');
  if (bar < 0) return token;
  const system = token.slice(0, bar);
  return system === '' || system === mrnSystem ? token.slice(bar + 1) : undefined;
}
