import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import { appointmentStates, type AppointmentState } from '../booking/booking.message-states.ts';
import { locationZone } from '../directory/directory.service.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { loadBatchContext, sendBatch, type Claimed } from './notifications.delivery-batch.ts';
import { loadAddresses } from './notifications.delivery-addresses.ts';
import * as batchStore from './notifications.delivery-store.ts';
import { defaultQuiet, shiftOutOfQuiet } from './notifications.plan.ts';
import { enqueue } from './notifications.planner.ts';
import * as store from './notifications.store.ts';

export type DeliveryOutcome = 'sent' | 'failed' | 'gone' | 'early' | 'deferred';

/**
 * Delivers one message (its pg-boss job), at most once, by the same path as a batch: it is
 * locked and marked `sending` in one transaction (a cancelled, moved, sent or claimed message is
 * `gone`), sent on the first channel that takes it, and recorded `sent` with the vendor's id
 * before the job is acknowledged. A worker that dies between the vendor and that record leaves
 * it `sending`, which nothing sends again by itself (staff see it and may resend). Quiet hours
 * are checked again now, in the patient's current zone: a zone changed since planning moves it.
 */
export async function deliver(deps: NotificationsDeps, id: string): Promise<DeliveryOutcome> {
  return (await deliverMany(deps, [id], 1))[0] ?? 'gone';
}

/**
 * The messages of a batch of jobs (pg-boss hands a worker several at once), claimed together in
 * one transaction and recorded together before the jobs are acknowledged. Those not `scheduled`
 * (or held by another worker) are not among the outcomes: for them the job has nothing to do.
 */
export async function deliverMany(
  deps: NotificationsDeps,
  ids: string[],
  parallel: number,
): Promise<DeliveryOutcome[]> {
  const now = deps.clock.now();
  const claimed = await claimBatch(deps, now, (tx) => batchStore.lockScheduledMany(tx, ids));
  return claimed.length === 0 ? [] : sendBatch(deps, claimed, parallel);
}

/**
 * Delivers every message due by the app's clock, a batch at a time: each batch is claimed in
 * one transaction (`for update skip locked`, so concurrent workers and processes take disjoint
 * batches) that reads what the batch needs in one statement each, then sent `parallel` at a
 * time and recorded `sent` in one transaction. The sweep's catch-up and the benchmark.
 */
export async function deliverDue(
  deps: NotificationsDeps,
  limit = 500,
  opts: { batch?: number; parallel?: number } = {},
) {
  const batch = Math.max(1, Math.min(opts.batch ?? 50, limit));
  const parallel = Math.max(1, opts.parallel ?? 1);
  const outcomes: DeliveryOutcome[] = [];
  while (outcomes.length < limit) {
    const now = deps.clock.now();
    const n = Math.min(batch, limit - outcomes.length);
    const claimed = await claimBatch(deps, now, (tx) => store.lockDue(tx, now, n));
    if (claimed.length === 0) break;
    outcomes.push(...(await sendBatch(deps, claimed, parallel)));
  }
  return outcomes;
}

/**
 * The claim, in one transaction holding the messages' row locks: what the batch needs is read
 * (preferences, zones, plans, templates, agreements: one statement each), then each message is
 * too early, deferred out of the patient's quiet hours, or claimed; the claimed ones' addresses
 * are read (one statement per organization and channel, decrypted a batch at a time) and they
 * are marked `sending` in one statement, committed before anything is sent. Only a `scheduled`
 * message is locked, and a cancellation or move of its appointment sets it `cancelled` in the
 * change's own transaction: whichever commits first wins, and a cancelled message is never
 * claimed.
 */
async function claimBatch(
  deps: NotificationsDeps,
  now: Date,
  lock: (tx: Queryable) => Promise<store.MessageRow[]>,
): Promise<(Claimed | 'early' | 'deferred' | 'gone')[]> {
  return deps.db.transaction(async (tx) => {
    const rows = await lock(tx);
    if (rows.length === 0) return [];
    const ctx = await loadBatchContext(deps, tx, rows, now);
    const states = await appointmentStates(tx, [...new Set(rows.map((m) => m.appointment_id))]);
    const out: (Claimed | 'early' | 'deferred' | 'gone')[] = [];
    for (const m of rows) {
      if (m.due_at > now) {
        out.push('early');
        continue;
      }
      if (!stillStands(m, states.get(m.appointment_id))) {
        await store.setStatus(tx, m.id, 'cancelled');
        if (deps.jobs && m.job_id) await deps.jobs.cancel('notification-send', [m.job_id], { tx });
        out.push('gone');
        continue;
      }
      const prefs = ctx.prefs.get(m.patient_id);
      const zone =
        prefs?.timeZone ??
        ctx.names.get(m.organization_id)?.locations.get(m.location_id)?.timeZone ??
        (await locationZone(tx, m.organization_id, m.location_id));
      if (m.respects_quiet) {
        const quiet = { ...(prefs?.quietHours ?? defaultQuiet), zone };
        const at = shiftOutOfQuiet(now.getTime(), quiet, m.appointment_start.getTime());
        if (at > now.getTime()) {
          await defer(deps, tx, m, at, now);
          out.push('deferred');
          continue;
        }
      }
      out.push({ m, prefs, zone, ctx, addresses: new Map() });
    }
    const claimed = out.flatMap((c) => (typeof c === 'string' ? [] : [c]));
    const addresses = await loadAddresses(deps, tx, claimed);
    claimed.forEach((c, i) => (c.addresses = addresses[i]!));
    const sending = claimed.map((c) => c.m.id);
    await batchStore.markSendingMany(tx, sending, now);
    return out;
  });
}

/**
 * Whether the appointment is still as the message was planned for, read in the claim's own
 * transaction: a notice of cancellation about a cancelled one; a waitlist offer about its hold
 * (the waitlist expires offers); anything else about a booked appointment at the same start.
 * Booking's changes cancel pending messages in their own transaction already; this check is the
 * claim's own, so a path that forgot to still cannot send about a cancelled or moved visit.
 * The desk's list of messages that reached no one asks the same of each (notifications.attention.ts).
 */
export function stillStands(
  m: Pick<store.MessageRow, 'kind' | 'appointment_start'>,
  a: AppointmentState | undefined,
): boolean {
  if (!a) return false;
  if (m.kind === 'waitlist_offer') return true;
  if (m.kind === 'cancellation') return a.status === 'cancelled';
  return a.status === 'booked' && a.startsAt.getTime() === m.appointment_start.getTime();
}

/** Moves a message out of the patient's quiet hours (its job with it). */
async function defer(
  deps: NotificationsDeps,
  tx: Queryable,
  m: store.MessageRow,
  at: number,
  now: Date,
) {
  const jobId = deps.jobs ? randomUUID() : null;
  if (deps.jobs && m.job_id) await deps.jobs.cancel('notification-send', [m.job_id], { tx });
  await store.setJob(tx, m.id, jobId, new Date(at));
  if (jobId) await enqueue(deps, tx, m.id, jobId, at, now.getTime());
}
