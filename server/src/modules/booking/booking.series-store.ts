import type { Queryable } from '../../platform/db/db.ts';

/** The SQL of recurring series (appointment_series and appointments.series_id). */

export interface SeriesRow {
  id: string;
  organization_id: string;
  patient_id: string;
  appointment_type_id: string;
  provider_id: string;
  location_id: string;
  modality: 'in_person' | 'telehealth';
  rule: string;
  time_zone: string;
  anchor: Date;
  split_from: string | null;
}

const seriesColumns = `id, organization_id, patient_id, appointment_type_id, provider_id,
  location_id, modality, rule, time_zone, anchor, split_from`;

export async function insertSeries(
  tx: Queryable,
  s: Omit<SeriesRow, 'id'> & { createdBy: string | null },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into appointment_series (organization_id, patient_id, appointment_type_id,
       provider_id, location_id, modality, rule, time_zone, anchor, split_from, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      s.organization_id,
      s.patient_id,
      s.appointment_type_id,
      s.provider_id,
      s.location_id,
      s.modality,
      s.rule,
      s.time_zone,
      s.anchor,
      s.split_from,
      s.createdBy,
    ],
  );
  return rows[0]!.id;
}

export async function attachToSeries(tx: Queryable, appointmentIds: string[], seriesId: string) {
  await tx.query(`update appointments set series_id = $2 where id = any($1::uuid[])`, [
    appointmentIds,
    seriesId,
  ]);
}

/** A series of the organization, locked for update when `lock`. */
export async function findSeries(
  db: Queryable,
  organizationId: string,
  id: string,
  lock = false,
): Promise<SeriesRow | undefined> {
  const { rows } = await db.query<SeriesRow>(
    `select ${seriesColumns} from appointment_series where organization_id = $1 and id = $2
     ${lock ? 'for update' : ''}`,
    [organizationId, id],
  );
  return rows[0];
}

export async function setRule(tx: Queryable, id: string, rule: string) {
  await tx.query(`update appointment_series set rule = $2, updated_at = now() where id = $1`, [
    id,
    rule,
  ]);
}

export interface OccurrenceRow {
  id: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  version: number;
}

/** The series' appointments in time order. */
export async function listOccurrences(
  db: Queryable,
  organizationId: string,
  seriesId: string,
): Promise<OccurrenceRow[]> {
  const { rows } = await db.query<OccurrenceRow>(
    `select id, status, starts_at, ends_at, version from appointments
      where organization_id = $1 and series_id = $2 order by starts_at, id`,
    [organizationId, seriesId],
  );
  return rows;
}
