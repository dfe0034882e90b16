import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { requireAccess, scheduleProviders } from '../access/access.table.ts';
import { locationZone } from '../directory/directory.service.ts';
import { localDate } from '../directory/directory.rules-schema.ts';
import { levelOf, noShowRisks } from './booking.no-show-risk.ts';

/**
 * What the console shows of the no-show risk: the score of each booked appointment of a location's
 * local day (the schedule's scope: a clinician their own), and where an overbooking is safest —
 * the times whose booked appointment is most likely to be missed.
 */

export const riskQuery = z.strictObject({
  date: localDate.describe('The local date, in the location’s zone'),
  providerId: z.uuid().optional(),
});

const level = z.enum(['low', 'medium', 'high']);

export const riskAnswer = z
  .strictObject({
    entries: z.array(
      z.strictObject({
        appointmentId: z.uuid(),
        providerId: z.uuid(),
        start: z.string(),
        end: z.string(),
        score: z.number().describe('0..1, see docs/guides/manager.md'),
        level,
      }),
    ),
  })
  .meta({ id: 'NoShowRisks' });
export type RiskAnswer = z.infer<typeof riskAnswer>;

export const suggestionsAnswer = z
  .strictObject({
    suggestions: z.array(
      z.strictObject({
        providerId: z.uuid(),
        start: z.string(),
        end: z.string(),
        score: z.number(),
        level,
      }),
    ),
  })
  .meta({ id: 'OverbookSuggestions' });

/** The scores of one local day's booked appointments at a location, within the actor's reach. */
export async function dayRisks(
  actor: Actor,
  db: Queryable,
  now: Date,
  locationId: string,
  q: z.infer<typeof riskQuery>,
): Promise<RiskAnswer> {
  if (actor.type !== 'user') throw new Forbidden();
  const reach = await requireAccess({ actor, q: db }, 'schedule:entries', locationId);
  const providerIds = scheduleProviders(reach, q.providerId ? [q.providerId] : undefined);
  const timeZone = await locationZone(db, actor.organizationId, locationId);
  const day = Temporal.PlainDate.from(q.date);
  const at = (d: Temporal.PlainDate) => new Date(d.toZonedDateTime({ timeZone }).epochMilliseconds);
  const risks = await noShowRisks(db, {
    organizationId: actor.organizationId,
    locationId,
    providerIds,
    from: at(day),
    to: at(day.add({ days: 1 })),
    now,
  });
  return {
    entries: risks.map((r) => ({
      appointmentId: r.appointmentId,
      providerId: r.providerId,
      start: r.startsAt.toISOString(),
      end: r.endsAt.toISOString(),
      score: Math.round(r.score * 1000) / 1000,
      level: levelOf(r.score),
    })),
  };
}

/**
 * Where an overbooking is safest on that day: the starts of the booked appointments with the
 * highest risk (at most five, medium or high only), without naming anyone.
 */
export async function overbookSuggestions(
  actor: Actor,
  db: Queryable,
  now: Date,
  locationId: string,
  q: z.infer<typeof riskQuery>,
) {
  const { entries } = await dayRisks(actor, db, now, locationId, q);
  return {
    suggestions: entries
      .filter((e) => e.level !== 'low')
      .slice(0, 5)
      .map(({ providerId, start, end, score, level }) => ({
        providerId,
        start,
        end,
        score,
        level,
      })),
  };
}
