import type { Queryable } from '../../platform/db/db.ts';
import type { AppointmentTypeInput, Modality, Prerequisite } from './directory.rules-schema.ts';

/** The SQL of appointment types and their provider scope. Every statement is scoped by organization. */

export interface AppointmentType {
  id: string;
  name: string;
  description: string;
  instructions: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  slotIntervalMinutes: number;
  modalities: Modality[];
  requiredResourceKinds: string[];
  eligibility: 'any' | 'new' | 'established';
  minAgeYears: number | null;
  maxAgeYears: number | null;
  prerequisites: Prerequisite[];
  cancelCutoffHours: number;
  rescheduleCutoffHours: number;
  /** Whether the front desk may book this type into the extra lane (with a reason). */
  allowsOverbooking: boolean;
  scope: { providerId: string; locationId: string }[];
}

export const typeColumns = `name, description, instructions, duration_minutes, buffer_before_minutes,
  buffer_after_minutes, min_notice_minutes, horizon_days, slot_interval_minutes, modalities,
  required_resource_kinds, eligibility, min_age_years, max_age_years, prerequisites,
  cancel_cutoff_hours, reschedule_cutoff_hours, allows_overbooking`;

const typeValues = (t: AppointmentTypeInput) => [
  t.name,
  t.description,
  t.instructions,
  t.durationMinutes,
  t.bufferBeforeMinutes,
  t.bufferAfterMinutes,
  t.minNoticeMinutes,
  t.horizonDays,
  t.slotIntervalMinutes,
  t.modalities,
  t.requiredResourceKinds,
  t.eligibility,
  t.minAgeYears,
  t.maxAgeYears,
  JSON.stringify(t.prerequisites),
  t.cancelCutoffHours,
  t.rescheduleCutoffHours,
  t.allowsOverbooking,
];

export async function insertAppointmentType(db: Queryable, orgId: string, t: AppointmentTypeInput) {
  const { rows } = await db.query<{ id: string }>(
    `insert into appointment_types (organization_id, ${typeColumns})
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19)
     returning id`,
    [orgId, ...typeValues(t)],
  );
  const id = rows[0]!.id;
  await setScope(db, orgId, id, t.scope);
  return id;
}

export async function updateAppointmentType(
  db: Queryable,
  orgId: string,
  id: string,
  t: AppointmentTypeInput,
) {
  const { rowCount } = await db.query(
    `update appointment_types set (${typeColumns}) =
       ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18, $19, $20)
     where organization_id = $1 and id = $2`,
    [orgId, id, ...typeValues(t)],
  );
  if (rowCount === 0) return false;
  await db.query(
    'delete from appointment_type_scope where organization_id = $1 and appointment_type_id = $2',
    [orgId, id],
  );
  await setScope(db, orgId, id, t.scope);
  return true;
}

async function setScope(
  db: Queryable,
  orgId: string,
  typeId: string,
  scope: { providerId: string; locationId: string }[],
) {
  if (scope.length === 0) return;
  await db.query(
    `insert into appointment_type_scope (organization_id, appointment_type_id, provider_id, location_id)
     select $1, $2, p, l from unnest($3::uuid[], $4::uuid[]) as s(p, l) on conflict do nothing`,
    [orgId, typeId, scope.map((s) => s.providerId), scope.map((s) => s.locationId)],
  );
}

export interface TypeRow {
  id: string;
  name: string;
  description: string;
  instructions: string;
  duration_minutes: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  slot_interval_minutes: number;
  modalities: Modality[];
  required_resource_kinds: string[];
  eligibility: AppointmentType['eligibility'];
  min_age_years: number | null;
  max_age_years: number | null;
  prerequisites: Prerequisite[];
  cancel_cutoff_hours: number;
  reschedule_cutoff_hours: number;
  allows_overbooking: boolean;
  scope: { providerId: string; locationId: string }[] | null;
}

export async function listAppointmentTypes(db: Queryable, orgId: string, id?: string) {
  const { rows } = await db.query<TypeRow>(
    `select t.id, ${typeColumns},
            (select json_agg(json_build_object('providerId', s.provider_id, 'locationId', s.location_id)
                             order by s.provider_id, s.location_id)
               from appointment_type_scope s where s.appointment_type_id = t.id) as scope
       from appointment_types t
      where t.organization_id = $1 and t.active and ($2::uuid is null or t.id = $2::uuid)
      order by t.name`,
    [orgId, id ?? null],
  );
  return rows.map(toAppointmentType);
}

export function toAppointmentType(r: TypeRow): AppointmentType {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    instructions: r.instructions,
    durationMinutes: r.duration_minutes,
    bufferBeforeMinutes: r.buffer_before_minutes,
    bufferAfterMinutes: r.buffer_after_minutes,
    minNoticeMinutes: r.min_notice_minutes,
    horizonDays: r.horizon_days,
    slotIntervalMinutes: r.slot_interval_minutes,
    modalities: r.modalities,
    requiredResourceKinds: r.required_resource_kinds,
    eligibility: r.eligibility,
    minAgeYears: r.min_age_years,
    maxAgeYears: r.max_age_years,
    prerequisites: r.prerequisites,
    cancelCutoffHours: r.cancel_cutoff_hours,
    rescheduleCutoffHours: r.reschedule_cutoff_hours,
    allowsOverbooking: r.allows_overbooking,
    scope: r.scope ?? [],
  };
}
