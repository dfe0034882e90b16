import type { Queryable } from '../../platform/db/db.ts';

/**
 * No-show risk, computed inside the database from the clinic's own history (no identifiers or
 * history leave it: the answer is a number per upcoming appointment).
 *
 * History: the organization's appointments that started before now and ended `completed`,
 * `checked_in` or `no_show`. Its base rate b = no-shows / history. For an upcoming appointment
 * five groups of the history are read, each as a rate smoothed toward the base rate with k = 2
 * pseudo-visits, (no-shows in the group + 2·b) / (visits in the group + 2):
 *   1. the same appointment type;
 *   2. the same lead-time band (booked < 1 day, < 7 days, < 30 days, or longer before the start);
 *   3. the same weekday and 4. the same hour of the day (in the location's zone);
 *   5. the same patient (their own no-show count over their own past visits).
 * The score is the mean of the five, between 0 and 1. Levels: low below 0.15, medium below 0.30,
 * high from 0.30. With no history at all every score is 0.
 */

export const riskLevels = { medium: 0.15, high: 0.3 } as const;
export type RiskLevel = 'low' | 'medium' | 'high';

export const levelOf = (score: number): RiskLevel =>
  score >= riskLevels.high ? 'high' : score >= riskLevels.medium ? 'medium' : 'low';

export interface RiskQuery {
  organizationId: string;
  /** Upcoming appointments starting in [from, to); only those after `now` are scored. */
  from: Date;
  to: Date;
  now: Date;
  locationId?: string | null;
  providerIds?: readonly string[] | null;
}

export interface AppointmentRisk {
  appointmentId: string;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
  score: number;
}

/** The scores of the booked upcoming appointments in the range, highest first. */
export async function noShowRisks(db: Queryable, q: RiskQuery): Promise<AppointmentRisk[]> {
  // The model is a SQL function (0106_no_show_risk.sql): the history never leaves the database.
  const { rows } = await db.query<{
    appointment_id: string;
    provider_id: string;
    starts_at: Date;
    ends_at: Date;
    score: number;
  }>(
    `select appointment_id, provider_id, starts_at, ends_at, score
       from no_show_risks($1, $2, $3, $4, $5, $6)`,
    [
      q.organizationId,
      q.now,
      q.from,
      q.to,
      q.locationId ?? null,
      q.providerIds ? [...q.providerIds] : null,
    ],
  );
  return rows.map((r) => ({
    appointmentId: r.appointment_id,
    providerId: r.provider_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    score: Number(r.score),
  }));
}

/** A booked appointment that deserves an extra reminder: what the message is about. */
export interface ExtraReminderCandidate {
  appointmentId: string;
  score: number;
  organizationId: string;
  patientId: string;
  appointmentTypeId: string;
  locationId: string;
  modality: 'in_person' | 'telehealth';
  startsAt: Date;
}

/**
 * Published for the notifications module: the booked appointments starting in [from, to), in
 * every organization, whose no-show risk is at least `threshold` (by default the "high" level),
 * highest first per organization — the ones that deserve an extra reminder. Ids, the score and
 * what a PHI-free message needs (time, place, modality); never a name.
 */
export async function appointmentsForExtraReminder(
  db: Queryable,
  q: { from: Date; to: Date; now: Date; threshold?: number },
): Promise<ExtraReminderCandidate[]> {
  const { rows: orgs } = await db.query<{ organization_id: string }>(
    `select distinct organization_id from appointments
      where status = 'booked' and patient_id is not null
        and starts_at >= $1::timestamptz and starts_at < $2::timestamptz`,
    [q.from, q.to],
  );
  const out: ExtraReminderCandidate[] = [];
  for (const { organization_id: organizationId } of orgs) {
    const risks = (await noShowRisks(db, { ...q, organizationId })).filter(
      (r) => r.score >= (q.threshold ?? riskLevels.high),
    );
    if (risks.length === 0) continue;
    const { rows } = await db.query<{
      id: string;
      patient_id: string;
      appointment_type_id: string;
      location_id: string;
      modality: 'in_person' | 'telehealth';
      starts_at: Date;
    }>(
      `select id, patient_id, appointment_type_id, location_id, modality, starts_at
         from appointments where id = any($1::uuid[]) and patient_id is not null`,
      [risks.map((r) => r.appointmentId)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of risks) {
      const a = byId.get(r.appointmentId);
      if (!a) continue;
      out.push({
        appointmentId: r.appointmentId,
        score: r.score,
        organizationId,
        patientId: a.patient_id,
        appointmentTypeId: a.appointment_type_id,
        locationId: a.location_id,
        modality: a.modality,
        startsAt: a.starts_at,
      });
    }
  }
  return out;
}
