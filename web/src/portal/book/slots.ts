import type { CompactAvailability } from '../../api/types.ts';

/** The compact availability answer turned into what the "when" step shows. Pure. */

export interface TimeOption {
  /** The instant, ISO 8601 UTC. */
  start: string;
  providerId: string;
  locationId: string;
  modalities: CompactAvailability['groups'][number]['modalities'];
}

const MINUTE = 60_000;

export const instantAt = (answer: Pick<CompactAvailability, 'start'>, minute: number) =>
  new Date(Date.parse(answer.start) + minute * MINUTE).toISOString();

/** The local dates of the range that have at least one time. */
export const daysWithTimes = (answer: CompactAvailability) =>
  answer.days.filter((d) => d.times > 0).map((d) => d.date);

/**
 * The distinct times of one local date, earliest first, each with the first provider (in the
 * order of `preferred`, then the answer's) who has it: "first available" needs no provider choice.
 */
export function timesOfDay(
  answer: CompactAvailability,
  date: string,
  preferred: string[] = [],
): TimeOption[] {
  const day = answer.days.find((d) => d.date === date);
  if (!day) return [];
  const rank = (id: string) => {
    const i = preferred.indexOf(id);
    return i === -1 ? preferred.length : i;
  };
  const groups = [...answer.groups].sort((a, b) => rank(a.providerId) - rank(b.providerId));
  const byMinute = new Map<number, TimeOption>();
  for (const g of groups) {
    for (const m of g.starts) {
      if (m < day.from || m >= day.to || byMinute.has(m)) continue;
      byMinute.set(m, {
        start: instantAt(answer, m),
        providerId: g.providerId,
        locationId: g.locationId,
        modalities: g.modalities,
      });
    }
  }
  return [...byMinute.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
}

/** Every time of the answer, earliest first (one per instant). */
export function allTimes(answer: CompactAvailability): TimeOption[] {
  return answer.days.flatMap((d) => (d.times > 0 ? timesOfDay(answer, d.date) : []));
}

/** The `count` times closest to `target` (an instant in ms), nearest first, earlier on a tie. */
export function nearestTimes(times: TimeOption[], target: number, count = 3): TimeOption[] {
  return [...times]
    .sort((a, b) => {
      const da = Math.abs(Date.parse(a.start) - target);
      const db = Math.abs(Date.parse(b.start) - target);
      return da - db || Date.parse(a.start) - Date.parse(b.start);
    })
    .slice(0, count);
}

/** How the shown times changed between two answers: how many went, how many came. */
export function timesChange(before: string[], after: string[]): { gone: number; added: number } {
  const a = new Set(after);
  const b = new Set(before);
  return {
    gone: before.filter((t) => !a.has(t)).length,
    added: after.filter((t) => !b.has(t)).length,
  };
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** A local date `days` later (calendar arithmetic on the date alone: no zone, no DST). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
