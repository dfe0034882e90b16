/**
 * The appointment statuses, once. The store's type, the response schemas and the SQL predicates
 * are derived from these arrays; the table's check constraint (migration 0021) and the partial
 * indexes' predicates list the same, which booking.statuses.test.ts holds them to.
 */
export const appointmentStatuses = [
  'held',
  'booked',
  'checked_in',
  'completed',
  'no_show',
  'cancelled',
  'expired',
] as const;
export type Status = (typeof appointmentStatuses)[number];

/** Statuses that take time on a schedule: the exclusion constraint's predicate. */
export const occupyingStatuses = [
  'held',
  'booked',
  'checked_in',
  'completed',
  'no_show',
] as const satisfies readonly Status[];

/** A visit that is or was on the books (not a hold, not cancelled): a treatment relationship. */
export const visitStatuses = [
  'booked',
  'checked_in',
  'completed',
  'no_show',
] as const satisfies readonly Status[];

/** What a patient's own list shows: every status but `expired` (a hold that never became one). */
export const listedStatuses = [
  'held',
  'booked',
  'checked_in',
  'completed',
  'no_show',
  'cancelled',
] as const satisfies readonly Status[];

/** `status in ('held', 'booked', …)` for SQL, from one of the arrays above (constants only). */
export function statusIn(statuses: readonly Status[], column = 'status'): string {
  return `${column} in (${statuses.map((s) => `'${s}'`).join(', ')})`;
}
