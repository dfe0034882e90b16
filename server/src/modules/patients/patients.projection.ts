import type { Actor } from '../../platform/http/actor.ts';
import type { PatientAppointment } from '../booking/booking.patient-appointments.ts';
import type { Identity, PatientView } from './patients.schema.ts';

/**
 * Minimum necessary, as code: for each role, which patient fields it receives, which it receives
 * masked (`•••• 4821`, revealable with step-up), which only for its own patients (`own`: a
 * clinician with a visit with the patient), and — by omission — which it never receives.
 * Managers and admins receive no patient at all (managers get aggregates); intake answers are
 * projected by the intake module for clinicians of the patient.
 */
export type Visibility = 'show' | 'mask' | 'own';
export type ProjectedField = Exclude<keyof PatientView, 'id'>;
export type Projection = Partial<Record<ProjectedField, Visibility>>;

const frontDesk: Projection = {
  createdAt: 'show',
  legalName: 'show',
  preferredName: 'show',
  dateOfBirth: 'show',
  sex: 'show',
  phone: 'show',
  email: 'show',
  address: 'show',
  mrn: 'mask',
  insuranceMemberId: 'mask',
  appointments: 'show',
};

export const projections: Readonly<Record<string, Projection>> = Object.freeze({
  front_desk: frontDesk,
  clinician: { ...frontDesk, address: undefined, appointments: 'own' },
  compliance_officer: { createdAt: 'show', dateOfBirth: 'mask' },
  patient: {
    ...frontDesk,
    dateOfBirth: 'show',
    mrn: 'show',
    insuranceMemberId: 'show',
  },
  // An integration client (an EHR matching and registering patients): identifiers shown, no
  // appointments (it reads those as FHIR Appointments, within its Appointment scopes).
  integration: { ...frontDesk, mrn: 'show', appointments: undefined },
  manager: {},
  admin: {},
});

const rank = { mask: 1, own: 2, show: 3 } as const;

/** The union of the actor's roles' projections; null when none of them may see patients. */
export function projectionFor(actor: Actor): Projection | null {
  const roles = actor.type === 'user' ? actor.roles : actor.type === 'patient' ? ['patient'] : [];
  let merged: Projection | null = null;
  for (const role of roles) {
    const p = projections[role];
    if (!p || Object.values(p).every((v) => v === undefined)) continue;
    merged ??= {};
    for (const [field, vis] of Object.entries(p) as [ProjectedField, Visibility | undefined][]) {
      if (!vis) continue;
      const had = merged[field];
      if (!had || rank[vis] > rank[had]) merged[field] = vis;
    }
  }
  return merged;
}

/** `•••• 4821`: the last four characters, enough to confirm with the patient, no more. */
export function mask(value: string): string {
  return `•••• ${value.slice(-4)}`;
}

/**
 * The view a projection allows. `appointments` is given only when the caller loaded them (a field
 * the projection shows, or shows for own patients and the patient is the actor's).
 */
export function project(
  projection: Projection,
  patient: { id: string; createdAt: Date; identity: Identity },
  appointments?: PatientAppointment[],
): PatientView {
  const view: PatientView = { id: patient.id };
  const source = {
    ...patient.identity,
    createdAt: patient.createdAt.toISOString(),
    ...(appointments ? { appointments } : {}),
  };
  for (const [field, vis] of Object.entries(projection) as [ProjectedField, Visibility][]) {
    const value = source[field];
    if (value === undefined || !vis) continue;
    (view as Record<string, unknown>)[field] =
      vis === 'mask' && typeof value === 'string' ? mask(value) : value;
  }
  return view;
}
