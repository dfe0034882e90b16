import { Invalid } from '../../platform/http/errors.ts';
import { occurrences, type RawQuery } from './fhir.search.ts';

const DAY = 86_400_000;

/** A half-open window of instants, [from, to). */
export interface Window {
  from: number | undefined;
  to: number | undefined;
}

const datePattern =
  /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A FHIR date search parameter (R4 3.1.1.4.3) over one instant per resource, as a window: each
 * occurrence narrows it. A date alone is the UTC day; a dateTime must carry its zone. Prefixes
 * eq, ge, gt, le, lt; the others (ne, sa, eb, ap) are refused rather than answered loosely.
 */
export function dateWindow(query: RawQuery, name: string): Window {
  const window: Window = { from: undefined, to: undefined };
  const narrowFrom = (t: number) => (window.from = Math.max(window.from ?? t, t));
  const narrowTo = (t: number) => (window.to = Math.min(window.to ?? t, t));
  for (const [i, alternatives] of occurrences(query, name).entries()) {
    const pointer = `/query/${name}${Array.isArray(query[name]) ? `/${i}` : ''}`;
    const refuse = (detail: string, message: string) => {
      throw new Invalid(message, [{ pointer, detail }]);
    };
    if (alternatives.length > 1) {
      refuse('one value per occurrence', `Give ${name} one value; repeat it for a range.`);
    }
    const m = datePattern.exec(alternatives[0]!);
    if (!m) {
      refuse(
        'a date (2026-03-01) or dateTime with zone (2026-03-01T09:00:00Z), optionally prefixed ge, gt, le, lt or eq',
        `The ${name} parameter is not a date this server understands.`,
      );
    }
    const [, prefix = 'eq', date, time] = m!;
    if (!['eq', 'ge', 'gt', 'le', 'lt'].includes(prefix)) {
      refuse('prefixes eq, ge, gt, le, lt only', `The ${prefix} prefix is not supported.`);
    }
    const day = Date.parse(`${date}T00:00:00Z`);
    if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date) {
      refuse('not a calendar date', `The ${name} parameter is not a real date.`);
    }
    const lo = time ? Date.parse(`${date}${time}`) : day;
    if (Number.isNaN(lo)) refuse('not a real time', `The ${name} parameter is not a real time.`);
    // A date covers its whole day; a dateTime is one instant (1 ms wide).
    const hi = time ? lo + 1 : lo + DAY;
    if (prefix === 'eq') {
      narrowFrom(lo);
      narrowTo(hi);
    } else if (prefix === 'ge') narrowFrom(lo);
    else if (prefix === 'gt') narrowFrom(hi);
    else if (prefix === 'le') narrowTo(hi);
    else narrowTo(lo);
  }
  return window;
}
