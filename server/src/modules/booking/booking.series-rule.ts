import { Temporal } from 'temporal-polyfill';

/**
 * The RFC 5545 RRULE subset a series takes: FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY (plain
 * weekdays, WEEKLY only), COUNT, UNTIL. Every rule is bounded (COUNT or UNTIL) and expands to at
 * most MAX_OCCURRENCES. Expansion is in the location's zone: the anchor's local wall time is kept
 * on every occurrence, so "Tuesday 10:00 New York" stays 10:00 across a DST change.
 */
export const MAX_OCCURRENCES = 104;

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface SeriesRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  byDay: Weekday[];
  count: number | null;
  /** UTC instant (epoch ms), inclusive. */
  until: number | null;
}

export class RuleError extends Error {}

/** Parses `FREQ=WEEKLY;BYDAY=TU;COUNT=12` (an optional `RRULE:` prefix is allowed). */
export function parseRule(text: string): SeriesRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const m = /^([A-Z]+)=([A-Z0-9,]+)$/i.exec(part.trim());
    if (!m) throw new RuleError(`cannot read "${part}"`);
    const key = m[1]!.toUpperCase();
    if (parts.has(key)) throw new RuleError(`${key} given twice`);
    parts.set(key, m[2]!.toUpperCase());
  }
  for (const key of parts.keys()) {
    if (!['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST'].includes(key)) {
      throw new RuleError(`${key} is not supported`);
    }
  }
  if (parts.has('WKST') && parts.get('WKST') !== 'MO') throw new RuleError('WKST must be MO');
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    throw new RuleError('FREQ must be DAILY, WEEKLY or MONTHLY');
  }
  const interval = parts.has('INTERVAL') ? positive(parts.get('INTERVAL')!, 'INTERVAL') : 1;
  if (interval > 52) throw new RuleError('INTERVAL is at most 52');
  const byDay: Weekday[] = [];
  if (parts.has('BYDAY')) {
    if (freq !== 'WEEKLY') throw new RuleError('BYDAY is supported with FREQ=WEEKLY only');
    for (const d of parts.get('BYDAY')!.split(',')) {
      if (!(WEEKDAYS as readonly string[]).includes(d)) throw new RuleError(`BYDAY ${d}?`);
      if (!byDay.includes(d as Weekday)) byDay.push(d as Weekday);
    }
    byDay.sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  }
  const count = parts.has('COUNT') ? positive(parts.get('COUNT')!, 'COUNT') : null;
  const until = parts.has('UNTIL') ? parseUntil(parts.get('UNTIL')!) : null;
  if (count !== null && until !== null) throw new RuleError('COUNT and UNTIL together');
  if (count === null && until === null) throw new RuleError('a series needs COUNT or UNTIL');
  if (count !== null && count > MAX_OCCURRENCES) {
    throw new RuleError(`COUNT is at most ${MAX_OCCURRENCES}`);
  }
  return { freq, interval, byDay, count, until };
}

function positive(v: string, name: string): number {
  if (!/^\d{1,4}$/.test(v) || Number(v) < 1)
    throw new RuleError(`${name} must be a whole number ≥ 1`);
  return Number(v);
}

/** UNTIL as a UTC date-time (`20270301T150000Z`) or a date (`20270301`, the end of that UTC day). */
function parseUntil(v: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(v);
  if (!m) throw new RuleError('UNTIL must look like 20270301T150000Z or 20270301');
  const [, y, mo, d, h, mi, s] = m;
  const ms = m[4]
    ? Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!)
    : Date.UTC(+y!, +mo! - 1, +d!, 23, 59, 59);
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== +d!)
    throw new RuleError('UNTIL is no date');
  return ms;
}

/** The rule as text again (canonical order), e.g. after a split gave it an UNTIL. */
export function formatRule(r: SeriesRule): string {
  const out = [`FREQ=${r.freq}`];
  if (r.interval !== 1) out.push(`INTERVAL=${r.interval}`);
  if (r.byDay.length > 0) out.push(`BYDAY=${r.byDay.join(',')}`);
  if (r.count !== null) out.push(`COUNT=${r.count}`);
  if (r.until !== null) {
    out.push(
      `UNTIL=${new Date(r.until)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}`,
    );
  }
  return out.join(';');
}

/**
 * The occurrences' start instants (epoch ms), the anchor first when it matches the rule. The
 * anchor's local wall time in `zone` is kept; a wall time a DST gap skips moves forward (Temporal's
 * "compatible"). More than MAX_OCCURRENCES is a RuleError.
 */
export function expandRule(rule: SeriesRule, anchor: number, zone: string): number[] {
  const first = Temporal.Instant.fromEpochMilliseconds(anchor).toZonedDateTimeISO(zone);
  const time = first.toPlainTime();
  const startDate = first.toPlainDate();
  const out: number[] = [];
  const at = (date: Temporal.PlainDate) =>
    date.toZonedDateTime({ timeZone: zone, plainTime: time }).epochMilliseconds;
  /** Adds one candidate; false when the rule has ended. */
  const take = (date: Temporal.PlainDate): boolean => {
    if (Temporal.PlainDate.compare(date, startDate) < 0) return true;
    const ms = at(date);
    if (rule.until !== null && ms > rule.until) return false;
    if (rule.count !== null && out.length >= rule.count) return false;
    if (out.length >= MAX_OCCURRENCES) {
      throw new RuleError(`the series has more than ${MAX_OCCURRENCES} occurrences`);
    }
    out.push(ms);
    return true;
  };
  for (let period = 0; ; period++) {
    if (rule.freq === 'DAILY') {
      if (!take(startDate.add({ days: period * rule.interval }))) break;
    } else if (rule.freq === 'MONTHLY') {
      const month = startDate.toPlainYearMonth().add({ months: period * rule.interval });
      // A month without the anchor's day (the 31st in April) has no occurrence (RFC 5545).
      if (startDate.day > month.daysInMonth) continue;
      if (!take(month.toPlainDate({ day: startDate.day }))) break;
    } else {
      const monday = startDate.subtract({ days: startDate.dayOfWeek - 1 });
      const week = monday.add({ weeks: period * rule.interval });
      const days = rule.byDay.length > 0 ? rule.byDay : [WEEKDAYS[startDate.dayOfWeek - 1]!];
      let going = true;
      for (const d of days) {
        going = take(week.add({ days: WEEKDAYS.indexOf(d) }));
        if (!going) break;
      }
      if (!going) break;
    }
  }
  return out;
}
