import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/log/log.ts';
import { sweepExpiredHolds, type BookingDeps } from './booking.service.ts';

export const SWEEP_QUEUE = 'booking-sweep-holds';

/**
 * The hold sweeper: every minute, one worker (pg-boss hands each scheduled job to one process)
 * marks holds past their expiry as expired. Bookings never wait for it: the booking transaction
 * clears expired holds in its way, and availability already ignores them.
 */
export async function startBookingJobs(jobs: Jobs, deps: BookingDeps, log: Logger) {
  await jobs.boss.createQueue(SWEEP_QUEUE);
  await jobs.boss.schedule(SWEEP_QUEUE, '* * * * *');
  await jobs.boss.work(SWEEP_QUEUE, async () => {
    const expired = await sweepExpiredHolds(deps);
    if (expired > 0) log.info({ expired }, 'expired holds swept');
  });
}
