import { OCCUPYING } from './booking.store.ts';

// The occupied time availability reads, as SQL its loader composes into one statement with the
// rules. It repeats the exclusion index's predicate (OCCUPYING) so the planner can use the index,
// and looks each provider up from a list (provider and time both index conditions) rather than
// with `= any`.

// date_part is float8 arithmetic; extract(epoch …) is numeric, and on thousands of blocks that
// numeric arithmetic was most of the statement's time. Stored instants are whole milliseconds.
const ms = (expr: string) => `round(date_part('epoch', ${expr}) * 1000)`;

/** A hold past its expiry at `now` (SQL for the app's clock, a parameter). */
const expiredAt = (now: string) => `(a.status = 'held' and a.hold_expires_at <= ${now})`;

/**
 * SQL for one json value: the time these providers (`p`) and the resources taken by appointments
 * at these locations (`r`) are occupied within [from, to), buffers included, for a statement that
 * reads it with the rules it goes with (one round trip). `providers` and `locations` are SQL
 * yielding ids; the rest are SQL expressions (parameters), `now` the app's clock. Each provider's appointments are found
 * through the exclusion index by provider and time (a lateral subquery that `offset 0` keeps from
 * being flattened into a join on the time range alone, so a generic plan keeps it too).
 *
 * `detailed`: one entry per appointment, [id, start, end, appointmentStart, appointmentEnd, expired]
 * for providers and [id, start, end, expired] for resources (explain names what is in the way).
 * Otherwise one entry per provider or resource, [id, starts, ends, anyExpired], holds past their
 * expiry left out: thousands of blocks as a few arrays of numbers, which parse far faster than
 * rows (merging them is the engine's work; PostgreSQL's range_agg cost more than it saved).
 */
export function occupiedTimeSql(
  refs: {
    providers: string;
    locations: string;
    from: string;
    to: string;
    excludeId: string;
    now: string;
  },
  detailed: boolean,
): string {
  const expired = expiredAt(refs.now);
  const window = `tstzrange(${refs.from}, ${refs.to})`;
  const notExcluded = `(${refs.excludeId} is null or a.id <> ${refs.excludeId})`;
  const perProvider = `(${refs.providers}) as p(id) cross join lateral (
           select a.during, a.starts_at, a.ends_at, ${expired} as expired from appointments a
            where a.provider_id = p.id and a.${OCCUPYING} and a.during && ${window}
              and ${notExcluded}
           offset 0) a`;
  const ofResources = `appointment_resources r join appointments a on a.id = r.appointment_id
        where a.location_id in (${refs.locations}) and r.during && ${window} and ${notExcluded}`;
  if (detailed) {
    return `json_build_object(
      'p', (select coalesce(json_agg(json_build_array(p.id, ${ms('lower(a.during)')},
              ${ms('upper(a.during)')}, ${ms('a.starts_at')}, ${ms('a.ends_at')}, a.expired)), '[]')
              from ${perProvider}),
      'r', (select coalesce(json_agg(json_build_array(r.resource_id, ${ms('lower(r.during)')},
              ${ms('upper(r.during)')}, ${expired})), '[]')
              from ${ofResources}))`;
  }
  const starts = (during: string) =>
    `coalesce(array_agg(${ms(`lower(${during})`)}) filter (where not expired), '{}')`;
  const ends = (during: string) =>
    `coalesce(array_agg(${ms(`upper(${during})`)}) filter (where not expired), '{}')`;
  return `json_build_object(
    'p', (select coalesce(json_agg(json_build_array(p.id, s, e, x)), '[]') from (
            select p.id, ${starts('a.during')} as s, ${ends('a.during')} as e, bool_or(a.expired) as x
              from ${perProvider} group by p.id) p),
    'r', (select coalesce(json_agg(json_build_array(r.id, s, e, x)), '[]') from (
            select r.resource_id as id, ${starts('r.during')} as s, ${ends('r.during')} as e,
                   bool_or(expired) as x
              from (select r.resource_id, r.during, ${expired} as expired from ${ofResources}) r
             group by r.resource_id) r))`;
}
