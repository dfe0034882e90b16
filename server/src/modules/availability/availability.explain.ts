import {
  bookableRange,
  baseModalities,
  dayPlan,
  indexResources,
  offer,
  spanOf,
  startsIn,
} from './availability.engine.ts';
import { localDateOf, localDay } from './availability.local-time.ts';
import type { EngineInput, Reason } from './availability.types.ts';

const MINUTE = 60_000;

function hours(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

/**
 * Why a time is not offered for a provider at a location: every rule or block that excludes it,
 * in words a scheduler can act on. An empty list means the time is bookable.
 */
export function explain(
  input: EngineInput,
  at: { providerId: string; locationId: string; start: number },
): Reason[] {
  const c = input.candidates.find(
    (x) => x.providerId === at.providerId && x.locationId === at.locationId,
  );
  if (!c) {
    return [{ code: 'not-offered-here', message: 'This provider does not offer this visit here.' }];
  }
  const { type } = input;
  const reasons: Reason[] = [];
  const range = bookableRange(type, input.now);
  if (at.start < range.start) {
    reasons.push({
      code: 'minimum-notice',
      message: `Minimum notice ${hours(type.minNoticeMinutes)}.`,
    });
  }
  if (at.start >= range.end) {
    reasons.push({
      code: 'beyond-horizon',
      message: `Bookable at most ${type.horizonDays} days ahead.`,
    });
  }
  const date = localDay(localDateOf(at.start, c.timeZone), c.timeZone);
  const plan = dayPlan(c, date, new Set(input.holidays));
  if (plan.kind === 'holiday')
    reasons.push({ code: 'holiday', message: 'The clinic is closed for a holiday.' });
  else if (plan.kind === 'closed')
    reasons.push({ code: 'closed-day', message: `${c.providerName} is not working that day.` });
  else {
    const end = at.start + type.durationMinutes * MINUTE;
    const inside = plan.intervals.find((iv) => {
      const starts = startsIn(date, iv, type);
      return (
        starts.length > 0 &&
        starts[0]! <= at.start &&
        end <= starts.at(-1)! + type.durationMinutes * MINUTE
      );
    });
    if (!inside) {
      reasons.push({ code: 'outside-working-hours', message: 'Outside working hours.' });
    } else if (!startsIn(date, inside, type).includes(at.start)) {
      reasons.push({
        code: 'misaligned',
        message: `Visits start every ${type.slotIntervalMinutes} min.`,
      });
    }
  }
  const span = spanOf(type, at.start);
  const overlaps = (s: number, e: number) => s < span.end && e > span.start;
  if (c.timeOff.some((t) => overlaps(t.start, t.end))) {
    reasons.push({ code: 'time-off', message: `${c.providerName} is away.` });
  }
  const coreEnd = at.start + type.durationMinutes * MINUTE;
  for (const b of c.blocks) {
    if (!overlaps(b.start, b.end)) continue;
    if (b.appointmentStart < coreEnd && b.appointmentEnd > at.start) {
      reasons.push({ code: 'booked', message: `${c.providerName} is booked then.` });
    } else {
      reasons.push({ code: 'buffer', message: `Inside ${c.providerName}’s buffer.` });
    }
    break;
  }
  const base = baseModalities(input, c);
  if (base.length === 0) {
    reasons.push({
      code: 'modality-unavailable',
      message: 'This visit is not offered that way here.',
    });
  } else {
    const resources = indexResources(input.resources);
    const o = offer(input, c, span, resources);
    if (o.modalities.length === 0) {
      for (const kind of o.exhaustedKinds) {
        const names = resources.get(c.locationId, kind).map((r) => r.resource.name);
        reasons.push({
          code: 'resource-taken',
          message: names.length > 0 ? `${names.join(', ')} taken.` : `No ${kind} at this location.`,
        });
      }
    }
  }
  return reasons;
}
