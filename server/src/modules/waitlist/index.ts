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
import { queueOpenTimes } from './waitlist.open-times.ts';
import { waitlistRoutes } from './waitlist.routes.ts';

/** The sweep for times nobody freed (new hours): every ten minutes, then the offers. */
const OPEN_TIMES_QUEUE = 'waitlist-open-times';

export type { WaitlistDeps } from './waitlist.deps.ts';
export { OfferExpired, OfferTaken } from './waitlist.offers.ts';

/**
 * The waitlist module as app.ts composes it: booking's `onStatusChanged` queues freed slots;
 * the offer job (every minute, and sent with each freed slot) expires offers and makes new ones;
 * the open-times sweep (every ten minutes) queues times nobody freed, such as new hours;
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
    /** Queue the open times that suit waiting entries (new hours; the sweep's job; tests call it). */
    queueOpenTimes: () => queueOpenTimes(deps),
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
      await jobs.boss.createQueue(OPEN_TIMES_QUEUE);
      await jobs.boss.schedule(OPEN_TIMES_QUEUE, '*/10 * * * *');
      await jobs.boss.work(OPEN_TIMES_QUEUE, async () => {
        const queued = await queueOpenTimes(deps);
        if (queued > 0) await jobs.send(OFFERS_QUEUE, {});
      });
    },
  };
}

export type Waitlist = ReturnType<typeof createWaitlist>;
