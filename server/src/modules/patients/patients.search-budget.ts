import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { spendSearch } from './patients.search-store.ts';

/**
 * How many patient searches and look-ups one staff account may make per window. A front desk
 * finds a patient every few minutes; walking the patient list by birth date and three letters
 * takes thousands of searches. The limit stops the walk early (and the audit trail shows it:
 * every search names the patients it returned, every refusal is a denied event).
 */
export const searchBudget = Object.freeze({ searches: 60, windowMinutes: 10 });

export class TooManySearches extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      'too-many-searches',
      'Too many patient searches',
      `This account has searched for patients ${searchBudget.searches} times in ${searchBudget.windowMinutes} minutes. Wait ${retryAfterSeconds} seconds and try again.`,
      { extensions: { retryAfterSeconds } },
    );
  }
}

/**
 * Counts a search against the actor's budget, inside the search's transaction (a refused or
 * failed search is not counted); throws TooManySearches past the limit.
 */
export async function spendSearchBudget(tx: Queryable, actor: Actor, now: Date): Promise<void> {
  if (actor.type !== 'user') return;
  const windowMs = searchBudget.windowMinutes * 60_000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const spent = await spendSearch(tx, actor.organizationId, actor.id, new Date(start));
  if (spent > searchBudget.searches) {
    throw new TooManySearches(Math.ceil((start + windowMs - now.getTime()) / 1000));
  }
}
