import { z } from 'zod';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { createAudit } from '../audit/audit.service.ts';
import { requireManager } from '../directory/directory.policy.ts';
import { parseInput } from '../directory/directory.rules-schema.ts';
import { defaultVisitPolicy, visitPolicySchema, type VisitPolicy } from './booking.visit-window.ts';

/**
 * The organization's visit policy (check-in and video windows): its SQL, its reading for the
 * rules, and the admin's read and change (managers and admins of the organization).
 */

export const visitPolicyView = visitPolicySchema
  .extend({
    version: z.number().int().describe('0 while the organization uses the defaults'),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'VisitPolicyView' });
export type VisitPolicyView = z.infer<typeof visitPolicyView>;

interface Row {
  check_in_opens_minutes_before: number;
  check_in_closes_minutes_after: number;
  video_join_opens_minutes_before: number;
  version: number;
  updated_at: Date;
}

const toView = (r: Row | undefined): VisitPolicyView =>
  r
    ? {
        checkInOpensMinutesBefore: r.check_in_opens_minutes_before,
        checkInClosesMinutesAfter: r.check_in_closes_minutes_after,
        videoJoinOpensMinutesBefore: r.video_join_opens_minutes_before,
        version: r.version,
        updatedAt: r.updated_at.toISOString(),
      }
    : { ...defaultVisitPolicy, version: 0, updatedAt: null };

/** The policy the rules apply for an organization: its own, or the defaults. */
export async function visitPolicyOf(db: Queryable, organizationId: string) {
  const { rows } = await db.query<Row>(
    `select check_in_opens_minutes_before, check_in_closes_minutes_after,
            video_join_opens_minutes_before, version, updated_at
       from visit_policies where organization_id = $1`,
    [organizationId],
  );
  return toView(rows[0]);
}

function organizationOf(actor: Actor): string {
  if (actor.type !== 'user') throw new Forbidden();
  requireManager(actor, actor.organizationId);
  return actor.organizationId;
}

/** The actor's organization's policy, for its managers and admins. */
export async function readVisitPolicy(actor: Actor, db: Queryable): Promise<VisitPolicyView> {
  return visitPolicyOf(db, organizationOf(actor));
}

/** Replaces the organization's policy (each value bounded), audited in the same transaction. */
export async function setVisitPolicy(
  actor: Actor,
  db: Db,
  now: Date,
  input: unknown,
): Promise<VisitPolicyView> {
  const organizationId = organizationOf(actor);
  const p: VisitPolicy = parseInput(visitPolicySchema, input);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(
      `insert into visit_policies as v (organization_id, check_in_opens_minutes_before,
         check_in_closes_minutes_after, video_join_opens_minutes_before, updated_at, updated_by)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (organization_id) do update set
         check_in_opens_minutes_before = excluded.check_in_opens_minutes_before,
         check_in_closes_minutes_after = excluded.check_in_closes_minutes_after,
         video_join_opens_minutes_before = excluded.video_join_opens_minutes_before,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by,
         version = v.version + 1
       returning check_in_opens_minutes_before, check_in_closes_minutes_after,
                 video_join_opens_minutes_before, version, updated_at`,
      [
        organizationId,
        p.checkInOpensMinutesBefore,
        p.checkInClosesMinutesAfter,
        p.videoJoinOpensMinutesBefore,
        now,
        actorId(actor),
      ],
    );
    await createAudit(tx).record(
      {
        actor,
        action: 'booking.visit_policy.update',
        resourceType: 'visit_policy',
        resourceId: organizationId,
        organizationId,
        outcome: 'success',
      },
      tx,
    );
    return toView(rows[0]);
  });
}
