import { lazy } from 'react';

/**
 * The flow's later steps, each its own chunk with its messages (book-steps.messages.ts): the
 * first view of /book (the guide) carries only what it shows. Once the patient starts, the steps
 * that can come next are fetched while they read the current one (`preloadAfter`), so moving on
 * does not wait, and a first visit pays for the first screen only (the route's budget,
 * e2e/bundle-budget.e2e.test.ts).
 */
const load = {
  where: () => import('./step-where.tsx'),
  when: () => import('./step-when.tsx'),
  identify: () => import('./step-identify.tsx'),
  intake: () => import('./step-intake.tsx'),
  review: () => import('./step-review.tsx'),
  done: () => import('./step-done.tsx'),
  expired: () => import('./hold-expired.tsx'),
  countdown: () => import('./hold-countdown.tsx'),
  again: () => import('./book-again.tsx'),
};

export const WhereStep = lazy(() => load.where().then((m) => ({ default: m.WhereStep })));
export const WhenStep = lazy(() => load.when().then((m) => ({ default: m.WhenStep })));
export const IdentifyStep = lazy(() => load.identify().then((m) => ({ default: m.IdentifyStep })));
export const IntakeStep = lazy(() => load.intake().then((m) => ({ default: m.IntakeStep })));
export const ReviewStep = lazy(() => load.review().then((m) => ({ default: m.ReviewStep })));
export const DoneStep = lazy(() => load.done().then((m) => ({ default: m.DoneStep })));
export const HoldExpired = lazy(() => load.expired().then((m) => ({ default: m.HoldExpired })));
export const HoldCountdown = lazy(() =>
  load.countdown().then((m) => ({ default: m.HoldCountdown })),
);
/** Only for a signed-in patient: a guest's first screen does without it. */
export const BookAgain = lazy(() => load.again().then((m) => ({ default: m.BookAgain })));

type Loadable = keyof typeof load;

/** What can follow each step (a returning patient's "book again" jumps from need to a hold). */
const next: Record<string, Loadable[]> = {
  who: ['where'],
  need: ['where', 'when', 'intake', 'review', 'countdown'],
  where: ['when', 'identify', 'intake', 'review', 'countdown', 'expired'],
  when: ['identify', 'intake', 'review', 'countdown', 'expired'],
  identify: ['intake', 'review', 'countdown', 'expired'],
  intake: ['review', 'done', 'expired'],
  review: ['done', 'expired'],
};

const started = new Set<Loadable>();
/** Fetches the chunks of the steps that can follow `step` (each once; a failure may retry). */
export function preloadAfter(step: string): void {
  for (const name of next[step] ?? []) {
    if (started.has(name)) continue;
    started.add(name);
    void load[name]().catch(() => started.delete(name));
  }
}
