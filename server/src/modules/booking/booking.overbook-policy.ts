import { z } from 'zod';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { createAudit } from '../audit/audit.service.ts';
import { requireManager } from '../directory/directory.policy.ts';
import { getAppointmentType } from '../directory/directory.rules-service.ts';
import { locationZone } from '../directory/directory.service.ts';
import { parseInput } from '../directory/directory.rules-schema.ts';

/**
 * The clinic's overbooking policy per provider: a default (no appointment type) and per-type
 * overrides. The database enforces it (0105_overbook_policy.sql: the lane range, and a trigger for
 * the hourly and daily caps); here are its reading, its change by managers, and the allowance the
 * front desk sees before overbooking.
 */

export const overbookPolicyInput = z
  .strictObject({
    providerId: z.uuid(),
    appointmentTypeId: z.uuid().nullable().describe('null: the provider’s default'),
    allowed: z.boolean(),
    maxAtOnce: z.number().int().min(1).max(5).describe('extra bookings at the same instant'),
    maxPerHour: z.number().int().min(1).max(50).nullable().describe('null: no hourly cap'),
    maxPerDay: z.number().int().min(1).max(200).nullable().describe('null: no daily cap'),
  })
  .refine((p) => p.maxPerHour === null || p.maxPerDay === null || p.maxPerHour <= p.maxPerDay, {
    message: 'the hourly cap cannot exceed the daily cap',
    path: ['maxPerHour'],
  });
export type OverbookPolicyInput = z.infer<typeof overbookPolicyInput>;

export const overbookPolicyView = z
  .strictObject({
    providerId: z.uuid(),
    appointmentTypeId: z.uuid().nullable(),
    allowed: z.boolean(),
    maxAtOnce: z.number().int(),
    maxPerHour: z.number().int().nullable(),
    maxPerDay: z.number().int().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OverbookPolicy' });
export type OverbookPolicyView = z.infer<typeof overbookPolicyView>;

export const overbookAllowanceQuery = z.strictObject({
  providerId: z.uuid(),
  appointmentTypeId: z.uuid(),
  locationId: z.uuid(),
  start: z.iso.datetime({ offset: true }),
});

export const overbookAllowance = z
  .strictObject({
    allowed: z.boolean().describe('the policy (and the type) allow overbooking at all'),
    atOnce: z.strictObject({ max: z.number().int(), free: z.number().int() }),
    perHour: z.strictObject({ max: z.number().int().nullable(), used: z.number().int() }),
    perDay: z.strictObject({ max: z.number().int().nullable(), used: z.number().int() }),
    remaining: z.number().int().describe('overbookings still possible at this start (0: none)'),
  })
  .meta({ id: 'OverbookAllowance' });
export type OverbookAllowance = z.infer<typeof overbookAllowance>;

interface Row {
  provider_id: string;
  appointment_type_id: string | null;
  allowed: boolean;
  max_at_once: number;
  max_per_hour: number | null;
  max_per_day: number | null;
  version: number;
  updated_at: Date;
}

const columns = `provider_id, appointment_type_id, allowed, max_at_once, max_per_hour,
  max_per_day, version, updated_at`;

const toView = (r: Row): OverbookPolicyView => ({
  providerId: r.provider_id,
  appointmentTypeId: r.appointment_type_id,
  allowed: r.allowed,
  maxAtOnce: r.max_at_once,
  maxPerHour: r.max_per_hour,
  maxPerDay: r.max_per_day,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

function organizationOf(actor: Actor): string {
  if (actor.type !== 'user') throw new Forbidden();
  requireManager(actor, actor.organizationId);
  return actor.organizationId;
}

/** The organization's policy rows (defaults first), for its managers and admins. */
export async function listOverbookPolicies(
  actor: Actor,
  db: Queryable,
): Promise<OverbookPolicyView[]> {
  const { rows } = await db.query<Row>(
    `select ${columns} from overbook_policies where organization_id = $1
      order by provider_id, appointment_type_id nulls first`,
    [organizationOf(actor)],
  );
  return rows.map(toView);
}

/** Sets one provider's default or per-type policy, audited in the same transaction. */
export async function setOverbookPolicy(
  actor: Actor,
  db: Db,
  now: Date,
  input: unknown,
): Promise<OverbookPolicyView> {
  const organizationId = organizationOf(actor);
  const p = parseInput(overbookPolicyInput, input);
  return db.transaction(async (tx) => {
    let rows: Row[];
    try {
      ({ rows } = await tx.query<Row>(
        `insert into overbook_policies as o (organization_id, provider_id, appointment_type_id,
           allowed, max_at_once, max_per_hour, max_per_day, updated_at, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (organization_id, provider_id, appointment_type_id) do update set
           allowed = excluded.allowed, max_at_once = excluded.max_at_once,
           max_per_hour = excluded.max_per_hour, max_per_day = excluded.max_per_day,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by,
           version = o.version + 1
         returning ${columns}`,
        [
          organizationId,
          p.providerId,
          p.appointmentTypeId,
          p.allowed,
          p.maxAtOnce,
          p.maxPerHour,
          p.maxPerDay,
          now,
          actorId(actor),
        ],
      ));
    } catch (err) {
      if ((err as { code?: string }).code === '23503') {
        throw new Invalid('No such provider or appointment type here.', [
          { pointer: '/body/providerId', detail: 'unknown provider or appointment type' },
        ]);
      }
      throw err;
    }
    await createAudit(tx).record(
      {
        actor,
        action: 'booking.overbook_policy.update',
        resourceType: 'overbook_policy',
        resourceId: p.providerId,
        organizationId,
        outcome: 'success',
      },
      tx,
    );
    return toView(rows[0]!);
  });
}

/** Removes a per-type override (the provider's default applies again) or the default itself. */
export async function removeOverbookPolicy(
  actor: Actor,
  db: Db,
  providerId: string,
  appointmentTypeId: string | null,
): Promise<void> {
  const organizationId = organizationOf(actor);
  await db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `delete from overbook_policies where organization_id = $1 and provider_id = $2
          and appointment_type_id is not distinct from $3::uuid`,
      [organizationId, providerId, appointmentTypeId],
    );
    if (!rowCount) throw new NotFound();
    await createAudit(tx).record(
      {
        actor,
        action: 'booking.overbook_policy.delete',
        resourceType: 'overbook_policy',
        resourceId: providerId,
        organizationId,
        outcome: 'success',
      },
      tx,
    );
  });
}

/**
 * What remains of the policy for an overbooking at `start`: the database's own reckoning (the
 * function the trigger calls), so the dialog shows what the booking will meet.
 */
export async function readOverbookAllowance(
  actor: Actor,
  db: Queryable,
  q: z.infer<typeof overbookAllowanceQuery>,
): Promise<OverbookAllowance> {
  if (actor.type !== 'user') throw new Forbidden();
  // The location and the type of the actor's organization (another's look missing).
  await locationZone(db, actor.organizationId, q.locationId);
  const type = await getAppointmentType(db, actor.organizationId, q.appointmentTypeId);
  const start = Date.parse(q.start);
  const during = [
    new Date(start - type.bufferBeforeMinutes * 60_000),
    new Date(start + (type.durationMinutes + type.bufferAfterMinutes) * 60_000),
  ];
  const { rows } = await db.query<{
    allowed: boolean;
    max_at_once: number;
    free_lane: number | null;
    max_per_hour: number | null;
    used_hour: number;
    max_per_day: number | null;
    used_day: number;
    taken_lanes: number;
  }>(
    `select o.*, (select count(distinct a.lane)::int from appointments a
                   where a.organization_id = $1 and a.provider_id = $2
                     and a.lane between 1 and o.max_at_once
                     and a.during && tstzrange($5, $6)
                     and a.status in ('held', 'booked', 'checked_in', 'completed', 'no_show'))
                 as taken_lanes
       from overbook_allowance($1, $2, $3, $4, $7, tstzrange($5, $6)) o`,
    [
      actor.organizationId,
      q.providerId,
      q.appointmentTypeId,
      q.locationId,
      during[0],
      during[1],
      new Date(start),
    ],
  );
  const r = rows[0];
  if (!r) throw new NotFound();
  const free = r.free_lane === null ? 0 : Math.max(r.max_at_once - r.taken_lanes, 0);
  const left = [free];
  if (r.max_per_hour !== null) left.push(r.max_per_hour - r.used_hour);
  if (r.max_per_day !== null) left.push(r.max_per_day - r.used_day);
  return {
    allowed: r.allowed,
    atOnce: { max: r.max_at_once, free },
    perHour: { max: r.max_per_hour, used: r.used_hour },
    perDay: { max: r.max_per_day, used: r.used_day },
    remaining: r.allowed ? Math.max(0, Math.min(...left)) : 0,
  };
}
