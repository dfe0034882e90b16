import type { Queryable } from '../../platform/db/db.ts';
import type { App } from '../../platform/http/route.ts';
import type { Logger } from '../../platform/log/log.ts';
import { OFFERS_QUEUE, type WaitlistDeps } from './waitlist.deps.ts';
import {
  expiredHoldsListener,
  expireOffers,
  freedSlotListener,
  mintOfferLink,
  runOffers,
} from './waitlist.offers.ts';
import { waitlistRoutes } from './waitlist.routes.ts';

export type { WaitlistDeps } from './waitlist.deps.ts';
export { OfferExpired, OfferTaken } from './waitlist.offers.ts';

/**
 * The waitlist module as app.ts composes it: booking's `onStatusChanged` queues freed slots;
 * the offer job (every minute, and sent with each freed slot) expires offers and makes new ones;
 * notifications ask it for an offer message's link.
 */
export function createWaitlist(deps: WaitlistDeps) {
  return {
    deps,
    onStatusChanged: freedSlotListener(deps),
    onHoldsExpired: expiredHoldsListener(deps),
    /** Expire what ran out, then offer every freed slot waiting (the job; tests call it). */
    runOffers: () => runOffers(deps),
    expireOffers: () => expireOffers(deps),
    offerLink: (q: Queryable, holdId: string, patientId: string) =>
      mintOfferLink(deps, q, holdId, patientId),
    async start(app: App, log: Logger) {
      waitlistRoutes(app, deps);
      const jobs = deps.jobs;
      if (!jobs) return;
      await jobs.boss.createQueue(OFFERS_QUEUE);
      await jobs.boss.schedule(OFFERS_QUEUE, '* * * * *');
      await jobs.boss.work(OFFERS_QUEUE, async () => {
        const sent = await runOffers(deps);
        if (sent > 0) log.info({ sent }, 'waitlist offers sent');
      });
    },
  };
}

export type Waitlist = ReturnType<typeof createWaitlist>;
