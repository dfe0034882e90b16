import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/log/log.ts';
import type { Intake } from './intake.service.ts';

export const purgeDraftsQueue = 'intake-purge-drafts';

/** Deletes drafts past their 7 days, hourly (reads already ignore them from the moment they expire). */
export async function startIntakeJobs(jobs: Jobs, intake: Intake, log: Logger) {
  await jobs.boss.createQueue(purgeDraftsQueue);
  await jobs.boss.schedule(purgeDraftsQueue, '17 * * * *');
  await jobs.boss.work(purgeDraftsQueue, async () => {
    const purged = await intake.purgeExpiredDrafts();
    if (purged > 0) log.info({ purged }, 'expired intake drafts deleted');
  });
}
