import { z } from 'zod';
import type { Queryable } from '../../platform/db/db.ts';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { Conflict, DomainError, Forbidden, Invalid } from '../../platform/http/errors.ts';
import { requireInScope } from '../access/access.record.ts';
import { parseInput } from '../directory/directory.rules-schema.ts';
import { locationZone } from '../directory/directory.service.ts';
import { getAppointmentType } from '../directory/directory.rules-service.ts';
import {
  checkSlot,
  nearestAlternatives,
  SlotTaken,
  type SlotAlternative,
} from './booking.rules.ts';
import { checkEligibility } from './booking.eligibility.ts';
import { appointmentSchema, type Appointment } from './booking.schema.ts';
import { expandRule, parseRule, RuleError } from './booking.series-rule.ts';
import { seriesKey } from './booking.series-idempotency.ts';
import * as seriesStore from './booking.series-store.ts';
import { requireActingFor } from './booking.proxy.ts';
import { insert } from './booking.insert.ts';
import { who, type BookingDeps } from './booking.service.ts';
import { toView } from './booking.view.ts';

/**
 * Recurring series (issue 15): a rule expanded in the location's zone, previewed against the
 * schedule (conflicts with the nearest free times) and booked in one transaction, every
 * occurrence an ordinary appointment. Staff only; the series' changes are in booking.series-split.ts.
 */

const modality = z.enum(['in_person', 'telehealth']);

export const seriesInput = z.strictObject({
  organizationId: z.uuid(),
  appointmentTypeId: z.uuid(),
  providerId: z.uuid(),
  locationId: z.uuid(),
  patientId: z.uuid(),
  modality,
  /** The first occurrence; its local wall time in the location's zone is kept. */
  start: z.iso.datetime({ offset: true }),
  rule: z.string().min(10).max(200).describe('RRULE subset, e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=12'),
  /** After a preview: skip an occurrence (`start: null`) or book it at another time. */
  changes: z
    .array(
      z.strictObject({
        index: z.int().min(0).max(200),
        start: z.iso.datetime({ offset: true }).nullable(),
      }),
    )
    .max(104)
    .default([]),
});
export type SeriesInput = z.infer<typeof seriesInput>;

const alternative = z.object({
  start: z.string(),
  end: z.string(),
  providerId: z.uuid(),
  locationId: z.uuid(),
});

export const occurrencePreview = z.strictObject({
  index: z.int(),
  start: z.string(),
  free: z.boolean(),
  skipped: z.boolean(),
  reasons: z.array(z.string()).describe('Why it cannot be booked (codes), empty when free'),
  alternatives: z.array(alternative).describe('The nearest free times, with this provider first'),
});

export const seriesPreview = z
  .strictObject({
    rule: z.string(),
    timeZone: z.string(),
    occurrences: z.array(occurrencePreview),
    conflicts: z.int().describe('How many occurrences cannot be booked as they stand'),
  })
  .meta({ id: 'SeriesPreview' });

export const seriesCommitted = z
  .strictObject({ seriesId: z.uuid(), appointments: z.array(appointmentSchema) })
  .meta({ id: 'SeriesCommitted' });

/** The occurrence that made a series commit fail; nothing was booked. */
export class SeriesConflict extends Conflict {
  constructor(occurrence: { index: number; start: string }, reasons: string[], alts: unknown[]) {
    super(
      'series-conflict',
      'An occurrence of the series cannot be booked',
      `Occurrence ${occurrence.index + 1} (${occurrence.start}) cannot be booked; nothing was booked. Skip or move it and try again.`,
      { occurrence, reasons, alternatives: alts },
    );
  }
}

export interface Planned {
  index: number;
  start: number;
  skipped: boolean;
}

/** Parses the rule, expands it and applies the changes; staff in scope only. */
export async function plan(actor: Actor, deps: BookingDeps, input: SeriesInput) {
  const w = who(actor, input.organizationId);
  if (w.kind !== 'staff') throw new Forbidden('Staff book series.');
  requireInScope(w.scope, input);
  await requireActingFor(deps, deps.db, actor, w, input.organizationId, input.patientId);
  const timeZone = await locationZone(deps.db, input.organizationId, input.locationId);
  let starts: number[];
  let rule: string;
  try {
    const parsed = parseRule(input.rule);
    starts = expandRule(parsed, Date.parse(input.start), timeZone);
    rule = input.rule
      .trim()
      .replace(/^RRULE:/i, '')
      .toUpperCase();
  } catch (err) {
    if (!(err instanceof RuleError)) throw err;
    throw new Invalid('The repeat rule cannot be used.', [
      { pointer: '/rule', detail: err.message },
    ]);
  }
  const planned: Planned[] = starts.map((start, index) => ({ index, start, skipped: false }));
  for (const c of input.changes) {
    const p = planned[c.index];
    if (!p) {
      throw new Invalid('No such occurrence.', [
        { pointer: '/changes', detail: `index ${c.index}` },
      ]);
    }
    if (c.start === null) p.skipped = true;
    else p.start = Date.parse(c.start);
  }
  if (planned.every((p) => p.skipped)) {
    throw new Invalid('Every occurrence is skipped.', [
      { pointer: '/changes', detail: 'all skipped' },
    ]);
  }
  return { timeZone, rule, planned };
}

type Where = Omit<SeriesInput, 'start' | 'rule' | 'changes'>;

function slotQuery(input: Where, start: number, now: number) {
  return {
    organizationId: input.organizationId,
    appointmentTypeId: input.appointmentTypeId,
    providerId: input.providerId,
    locationId: input.locationId,
    modality: input.modality,
    start,
    now,
    overbook: false,
  };
}

/** Reason codes of a refused slot (never messages: they name providers and rooms). */
function reasonsOf(err: unknown): string[] | undefined {
  if (err instanceof SlotTaken) return ['booked'];
  if (err instanceof DomainError && err.slug === 'slot-unavailable') {
    const reasons = (err.extensions?.['reasons'] ?? []) as { code: string }[];
    return reasons.map((r) => r.code);
  }
  return undefined;
}

/** The nearest free times, this provider's first. */
export async function alternativesFor(
  db: Queryable,
  input: Where,
  start: number,
  now: number,
): Promise<SlotAlternative[]> {
  const type = await getAppointmentType(db, input.organizationId, input.appointmentTypeId);
  const alts = await nearestAlternatives(
    db,
    {
      organizationId: input.organizationId,
      type,
      locationId: input.locationId,
      modality: input.modality,
      start,
      now,
    },
    12,
  );
  const mine = alts.filter((a) => a.providerId === input.providerId);
  return [...mine, ...alts.filter((a) => a.providerId !== input.providerId)].slice(0, 3);
}

/** Every occurrence checked against the schedule; nothing is written. */
export async function previewSeries(actor: Actor, deps: BookingDeps, raw: unknown) {
  const input = parseInput(seriesInput, raw);
  const { timeZone, rule, planned } = await plan(actor, deps, input);
  const now = deps.now();
  const occurrences = [];
  for (const p of planned) {
    let reasons: string[] = [];
    if (!p.skipped) {
      try {
        await checkSlot(deps.db, slotQuery(input, p.start, now));
      } catch (err) {
        const r = reasonsOf(err);
        if (!r) throw err;
        reasons = r;
      }
    }
    occurrences.push({
      index: p.index,
      start: new Date(p.start).toISOString(),
      free: !p.skipped && reasons.length === 0,
      skipped: p.skipped,
      reasons,
      alternatives: reasons.length > 0 ? await alternativesFor(deps.db, input, p.start, now) : [],
    });
  }
  const conflicts = occurrences.filter((o) => o.reasons.length > 0).length;
  return { rule, timeZone, occurrences, conflicts };
}

/**
 * Books every occurrence in one transaction, each through the same insert as a staff booking
 * (audit, history, reminders). The database's exclusion constraint decides; the first refused
 * occurrence is a 409 `series-conflict` and nothing is booked. With an idempotency key, a retried
 * request returns the series it booked; the key with another request is a 422.
 */
export async function commitSeries(
  actor: Actor,
  deps: BookingDeps,
  raw: unknown,
  opts: { idempotencyKey?: string | undefined } = {},
) {
  const input = parseInput(seriesInput, raw);
  const { timeZone, rule, planned } = await plan(actor, deps, input);
  const keyed = seriesKey(actor, deps, input.organizationId, opts.idempotencyKey, input);
  const earlier = await keyed.replay();
  if (earlier) return earlier;
  const now = deps.now();
  // The patient's eligibility for the type (age, intake, referral, prior visit), as for one
  // staff booking, asked of the other modules before the transaction, at the first occurrence.
  const type = await getAppointmentType(deps.db, input.organizationId, input.appointmentTypeId);
  const first = planned.find((p) => !p.skipped)!;
  await checkEligibility(
    deps.db,
    {
      organizationId: input.organizationId,
      type,
      patientId: input.patientId,
      start: new Date(first.start),
    },
    deps.prerequisites ?? {},
  );
  let failed: { p: Planned; reasons: string[] } | undefined;
  let raced: Awaited<ReturnType<typeof keyed.replay>>;
  const result = await deps.db
    .transaction(async (tx) => {
      const seriesId = await seriesStore.insertSeries(tx, {
        organization_id: input.organizationId,
        patient_id: input.patientId,
        appointment_type_id: input.appointmentTypeId,
        provider_id: input.providerId,
        location_id: input.locationId,
        modality: input.modality,
        rule,
        time_zone: timeZone,
        anchor: new Date(Date.parse(input.start)),
        split_from: null,
        createdBy: actorId(actor),
      });
      const rows = await bookOccurrences(
        tx,
        actor,
        deps,
        input,
        seriesId,
        planned,
        now,
        (p, reasons) => {
          failed = { p, reasons };
        },
      );
      await seriesStore.attachToSeries(
        tx,
        rows.map((r) => r.id),
        seriesId,
      );
      await keyed.save(tx, rows[0]!.id);
      return { seriesId, rows };
    })
    .catch(async (err: unknown) => {
      // A concurrent request with the same key committed first: the same request gets its answer.
      const keyTaken = keyed.key !== undefined && (err as { code?: string }).code === '23505';
      if (keyTaken || failed) raced = await keyed.replay();
      if (raced) return undefined;
      if (!failed) throw err;
      const alts = await alternativesFor(deps.db, input, failed.p.start, now);
      throw new SeriesConflict(
        { index: failed.p.index, start: new Date(failed.p.start).toISOString() },
        failed.reasons,
        alts,
      );
    });
  if (!result) return raced!;
  deps.onChange?.(input.organizationId, [input.providerId]);
  const appointments: Appointment[] = result.rows.map((r) =>
    toView({ ...r, series_id: result.seriesId }, actor, deps),
  );
  for (const a of appointments)
    deps.onConfirmed?.({ ...a, organizationId: input.organizationId }, actor);
  return { seriesId: result.seriesId, appointments };
}

/**
 * Books the planned occurrences of series `seriesId` inside `tx` (the first booked one told as
 * the series' first, for its one confirmation); tells `onRefused` which one failed before rethrowing.
 */
export async function bookOccurrences(
  tx: Queryable,
  actor: Actor,
  deps: BookingDeps,
  input: Where,
  seriesId: string,
  planned: Planned[],
  now: number,
  onRefused: (p: Planned, reasons: string[]) => void,
) {
  const rows = [];
  for (const p of planned) {
    if (p.skipped) continue;
    try {
      const slot = await checkSlot(tx, slotQuery(input, p.start, now));
      const event = { actorType: actor.type, actorId: actorId(actor), reasonCode: 'series' };
      rows.push(
        await insert(
          tx,
          deps,
          input,
          slot,
          'booked',
          null,
          event,
          { actor, action: 'booking.booked' },
          { id: seriesId, first: rows.length === 0 },
        ),
      );
    } catch (err) {
      const reasons = reasonsOf(err);
      if (reasons) onRefused(p, reasons);
      throw err;
    }
  }
  return rows;
}
