import { z } from 'zod';
import type { Queryable } from '../../platform/db/db.ts';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { requireInScope } from '../access/access.record.ts';
import { parseInput } from '../directory/directory.rules-schema.ts';
import { getAppointmentType } from '../directory/directory.rules-service.ts';
import { changeOf } from './booking.changes.ts';
import { CutoffPassed, cutoffPassed } from './booking.lifecycle.ts';
import { cancelReasonSchema, overrideReasonSchema } from './booking.schema.ts';
import {
  alternativesFor,
  bookOccurrences,
  SeriesConflict,
  type Planned,
} from './booking.series.ts';
import { expandRule, formatRule, parseRule } from './booking.series-rule.ts';
import * as seriesStore from './booking.series-store.ts';
import { audit, reachOf, who, type BookingDeps } from './booking.service.ts';
import * as store from './booking.store.ts';

/**
 * A series as the console shows it, and "this and following": the series ends (UNTIL) just
 * before the chosen occurrence; cancelling cancels the rest, moving books the rest under a new
 * series (split_from) at the new time. Each is one transaction.
 */

export const seriesView = z
  .strictObject({
    id: z.uuid(),
    rule: z.string(),
    timeZone: z.string(),
    anchor: z.string(),
    splitFrom: z.uuid().nullable(),
    patientId: z.uuid(),
    providerId: z.uuid(),
    locationId: z.uuid(),
    appointmentTypeId: z.uuid(),
    modality: z.enum(['in_person', 'telehealth']),
    occurrences: z.array(
      z.strictObject({ id: z.uuid(), start: z.string(), end: z.string(), status: z.string() }),
    ),
  })
  .meta({ id: 'Series' });
export type SeriesView = z.infer<typeof seriesView>;

export const followingInput = z.strictObject({
  action: z.enum(['cancel', 'move']),
  appointmentId: z.uuid(),
  /** `cancel`: why (required). */
  reasonCode: cancelReasonSchema.optional(),
  /** `move`: the chosen occurrence's new start; the following keep its new local wall time. */
  start: z.iso.datetime({ offset: true }).optional(),
  overrideReason: overrideReasonSchema.optional(),
});

/** The series if the staff actor reaches it (its location and provider); else 404. */
async function reach(
  actor: Actor,
  db: Queryable,
  organizationId: string,
  id: string,
  lock = false,
) {
  const w = who(actor, organizationId);
  if (w.kind !== 'staff') throw new Forbidden('Staff manage series.');
  const series = await seriesStore.findSeries(db, organizationId, id, lock);
  if (!series) throw new NotFound();
  requireInScope(w.scope, { locationId: series.location_id, providerId: series.provider_id });
  return { series, w };
}

async function viewOf(db: Queryable, s: seriesStore.SeriesRow): Promise<SeriesView> {
  const occurrences = await seriesStore.listOccurrences(db, s.organization_id, s.id);
  return {
    id: s.id,
    rule: s.rule,
    timeZone: s.time_zone,
    anchor: s.anchor.toISOString(),
    splitFrom: s.split_from,
    patientId: s.patient_id,
    providerId: s.provider_id,
    locationId: s.location_id,
    appointmentTypeId: s.appointment_type_id,
    modality: s.modality,
    occurrences: occurrences.map((o) => ({
      id: o.id,
      start: o.starts_at.toISOString(),
      end: o.ends_at.toISOString(),
      status: o.status,
    })),
  };
}

export async function getSeries(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  id: string,
) {
  const { series } = await reach(actor, deps.db, organizationId, id);
  return viewOf(deps.db, series);
}

/** "This and following": returns the series that holds the rest (the new one when moved). */
export async function changeFollowing(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  seriesId: string,
  raw: unknown,
): Promise<SeriesView> {
  const body = parseInput(followingInput, raw);
  if (body.action === 'cancel' && !body.reasonCode) {
    throw new Invalid('Say why.', [{ pointer: '/reasonCode', detail: 'required to cancel' }]);
  }
  if (body.action === 'move' && !body.start) {
    throw new Invalid('Say when.', [{ pointer: '/start', detail: 'required to move' }]);
  }
  const now = deps.now();
  let failed: { p: Planned; reasons: string[] } | undefined;
  const where = { organizationId } as const;
  const out = await deps.db
    .transaction(async (tx) => {
      const { series, w } = await reach(actor, tx, organizationId, seriesId, true);
      const all = await seriesStore.listOccurrences(tx, organizationId, seriesId);
      const chosen = all.find((o) => o.id === body.appointmentId);
      if (!chosen) throw new NotFound();
      const following = all.filter((o) => o.starts_at >= chosen.starts_at && o.status === 'booked');
      if (following.length === 0) {
        throw new Invalid('Nothing booked from this occurrence on.', [
          { pointer: '/appointmentId', detail: 'no booked occurrence from here' },
        ]);
      }
      const type = await getAppointmentType(tx, organizationId, series.appointment_type_id);
      if (
        cutoffPassed(
          { status: 'booked', starts_at: following[0]!.starts_at },
          now,
          type.cancelCutoffHours,
        )
      ) {
        if (!body.overrideReason) throw new CutoffPassed(type.cancelCutoffHours, true);
      }
      const rule = parseRule(series.rule);
      // The old series ends one second before the chosen occurrence.
      const ended = { ...rule, count: null, until: chosen.starts_at.getTime() - 1000 };
      await seriesStore.setRule(tx, series.id, formatRule(ended));
      const reasonCode = body.action === 'cancel' ? body.reasonCode! : 'rescheduled';
      for (const o of following) {
        const row = await store.findAppointment(tx, organizationId, o.id, reachOf(w), true);
        if (!row) throw new NotFound();
        await store.setStatus(tx, o.id, 'cancelled', {
          cancelReason: reasonCode,
          cancelledBy: actor.type,
        });
        await store.releaseResources(tx, [o.id]);
        await store.insertEvent(tx, {
          appointmentId: o.id,
          actorType: actor.type,
          actorId: actorId(actor),
          from: 'booked',
          to: 'cancelled',
          reasonCode,
          overrideReason: body.overrideReason ?? null,
        });
        await audit(tx, actor, 'booking.cancelled', {
          id: o.id,
          organizationId,
          patientId: row.patient_id,
        });
        await deps.onStatusChanged?.(tx, changeOf(row, 'booked', 'cancelled', reasonCode), actor);
      }
      if (body.action === 'cancel')
        return (await seriesStore.findSeries(tx, organizationId, series.id))!;
      // The rest at the new time: a new series with what remains of the rule.
      const anchor = Date.parse(body.start!);
      const rest = { ...rule, count: rule.count === null ? null : following.length };
      const restRule = formatRule(rest);
      const starts = expandRule(rest, anchor, series.time_zone);
      const planned = starts.map((start, index) => ({ index, start, skipped: false }));
      const newId = await seriesStore.insertSeries(tx, {
        ...series,
        rule: restRule,
        anchor: new Date(anchor),
        split_from: series.id,
        createdBy: actorId(actor),
      });
      const input = {
        ...where,
        appointmentTypeId: series.appointment_type_id,
        providerId: series.provider_id,
        locationId: series.location_id,
        patientId: series.patient_id,
        modality: series.modality,
      };
      const rows = await bookOccurrences(
        tx,
        actor,
        deps,
        input,
        newId,
        planned,
        now,
        (p, reasons) => {
          failed = { p, reasons };
        },
      );
      await seriesStore.attachToSeries(
        tx,
        rows.map((r) => r.id),
        newId,
      );
      return (await seriesStore.findSeries(tx, organizationId, newId))!;
    })
    .catch(async (err: unknown) => {
      if (!failed) throw err;
      const s = (await seriesStore.findSeries(deps.db, organizationId, seriesId))!;
      const input = {
        organizationId,
        appointmentTypeId: s.appointment_type_id,
        providerId: s.provider_id,
        locationId: s.location_id,
        patientId: s.patient_id,
        modality: s.modality,
      };
      const alts = await alternativesFor(deps.db, input, failed.p.start, now);
      throw new SeriesConflict(
        { index: failed.p.index, start: new Date(failed.p.start).toISOString() },
        failed.reasons,
        alts,
      );
    });
  deps.onChange?.(organizationId, [out.provider_id]);
  return viewOf(deps.db, out);
}
