import { lazy } from 'react';

/**
 * The flow's later steps, each its own chunk: the first view of /book (the guide) carries only
 * what it shows, and the rest is fetched while the patient reads it (`preloadSteps`), so moving
 * on does not wait. Keeps the route's first visit within its JavaScript budget.
 */
const load = {
  where: () => import('./step-where.tsx'),
  when: () => import('./step-when.tsx'),
  identify: () => import('./step-identify.tsx'),
  intake: () => import('./step-intake.tsx'),
  review: () => import('./step-review.tsx'),
  done: () => import('./step-done.tsx'),
  expired: () => import('./hold-expired.tsx'),
};

export const WhereStep = lazy(() => load.where().then((m) => ({ default: m.WhereStep })));
export const WhenStep = lazy(() => load.when().then((m) => ({ default: m.WhenStep })));
export const IdentifyStep = lazy(() => load.identify().then((m) => ({ default: m.IdentifyStep })));
export const IntakeStep = lazy(() => load.intake().then((m) => ({ default: m.IntakeStep })));
export const ReviewStep = lazy(() => load.review().then((m) => ({ default: m.ReviewStep })));
export const DoneStep = lazy(() => load.done().then((m) => ({ default: m.DoneStep })));
export const HoldExpired = lazy(() => load.expired().then((m) => ({ default: m.HoldExpired })));

let preloaded = false;
export function preloadSteps(): void {
  if (preloaded) return;
  preloaded = true;
  for (const f of Object.values(load)) void f().catch(() => (preloaded = false));
}
