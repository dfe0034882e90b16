import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/http/errors.ts';
import type { AppointmentChange } from '../booking/booking.changes.ts';
import type { ExpiredHold } from '../booking/booking.waitlist-holds.ts';
import {
  announceClaimed,
  bookedAppointmentOf,
  cancelMovedAppointment,
  claimOfferHold,
  placeOfferHold,
  releaseOfferHold,
} from '../booking/booking.waitlist-holds.ts';
import { locationZone } from '../directory/directory.service.ts';
import { auditEvent, OFFERS_QUEUE, waitlistJob, type WaitlistDeps } from './waitlist.deps.ts';
import { fits } from './waitlist.match.ts';
import type { OfferView } from './waitlist.schema.ts';
import * as store from './waitlist.store.ts';

/**
 * Offers of freed slots. A cancellation queues the slot (in its own transaction); the job holds
 * it with a patient-less hold and offers it to the best-ranked matching entries (clinical
 * priority, then waiting time), one or a small batch (the clinic's setting); an acceptance turns
 * the hold into the patient's booking; declined and expired offers let the hold go and the slot
 * is offered to the next.
 */

export class OfferTaken extends Conflict {
  constructor(nextOfferId: string | null) {
    super(
      'offer-taken',
      'This time has been taken',
      'Sorry — someone else took this time first. You are still on the waitlist.',
      { nextOfferId },
    );
  }
}

export class OfferExpired extends Conflict {
  constructor() {
    super(
      'offer-expired',
      'This offer has ended',
      'This offer is no longer open. You are still on the waitlist for the next time that frees up.',
    );
  }
}

const DAY = 86_400_000;
const isOpen = (o: store.OfferRow, now: number) =>
  (o.status === 'sent' || o.status === 'opened') && o.expires_at.getTime() > now;

export function offerViewOf(o: store.OfferRow): OfferView {
  return {
    id: o.id,
    entryId: o.entry_id,
    status: o.status,
    appointmentTypeId: o.appointment_type_id,
    providerId: o.provider_id,
    locationId: o.location_id,
    modality: o.modality,
    start: o.starts_at.toISOString(),
    expiresAt: o.expires_at.toISOString(),
    sentAt: o.sent_at.toISOString(),
  };
}

/** Booking's `onStatusChanged`: a booked visit cancelled (or moved away) frees its slot. */
export function freedSlotListener(deps: WaitlistDeps) {
  return async (tx: Queryable, c: AppointmentChange) => {
    if (c.to !== 'cancelled' || c.from !== 'booked') return;
    await store.queueFreedSlot(tx, { ...c, start: c.start });
    if (deps.jobs) await deps.jobs.send(OFFERS_QUEUE, {}, { tx });
  };
}

/** Booking's `onHoldsExpired`: a patient's hold that ran out frees its time too. */
export function expiredHoldsListener(deps: WaitlistDeps) {
  return async (tx: Queryable, holds: ExpiredHold[]) => {
    for (const h of holds) {
      await store.queueFreedSlot(tx, {
        organizationId: h.organization_id,
        appointmentTypeId: h.appointment_type_id,
        providerId: h.provider_id,
        locationId: h.location_id,
        modality: h.modality,
        start: h.starts_at,
      });
    }
    if (deps.jobs && holds.length > 0) await deps.jobs.send(OFFERS_QUEUE, {}, { tx });
  };
}

/**
 * The start of the booked visit an entry would move earlier: null for an entry that moves
 * nothing, undefined when that visit is no longer booked (the entry suits no time then).
 */
export async function moveStartOf(
  db: Queryable,
  entry: store.EntryRow,
): Promise<Date | null | undefined> {
  if (!entry.move_appointment_id) return null;
  const old = await bookedAppointmentOf(
    db,
    entry.organization_id,
    entry.patient_id,
    entry.move_appointment_id,
  );
  return old ? old.start : undefined;
}

/** Offers one freed slot; returns how many offers went out (0: nobody matched, or it is gone). */
export async function offerSlot(deps: WaitlistDeps, slot: store.FreedSlotRow): Promise<number> {
  const { db } = deps;
  const zone = await locationZone(db, slot.organization_id, slot.location_id);
  const settings = await store.settingsOf(db, slot.organization_id);
  const chosen: store.EntryRow[] = [];
  for (const entry of await store.candidates(db, {
    organizationId: slot.organization_id,
    appointmentTypeId: slot.appointment_type_id,
    providerId: slot.provider_id,
    start: slot.starts_at,
  })) {
    const moveStart = await moveStartOf(db, entry);
    if (moveStart === undefined) continue;
    const facts = { locationId: slot.location_id, modality: slot.modality, start: slot.starts_at };
    if (!fits(entry, { ...facts, zone }, moveStart)) continue;
    chosen.push(entry);
    if (chosen.length >= settings.batchSize) break;
  }
  if (chosen.length === 0) return 0;
  const now = deps.clock.now().getTime();
  const expiresAt = new Date(
    Math.min(now + settings.offerMinutes * 60_000, slot.starts_at.getTime()),
  );
  const placed = await placeOfferHold(
    deps.booking,
    {
      organizationId: slot.organization_id,
      appointmentTypeId: slot.appointment_type_id,
      providerId: slot.provider_id,
      locationId: slot.location_id,
      modality: slot.modality,
      start: slot.starts_at,
    },
    expiresAt,
    async (tx, holdId) => {
      for (const entry of chosen) {
        const offer = await store.insertOffer(tx, {
          organization_id: slot.organization_id,
          entry_id: entry.id,
          hold_appointment_id: holdId,
          appointment_type_id: slot.appointment_type_id,
          provider_id: slot.provider_id,
          location_id: slot.location_id,
          modality: slot.modality,
          starts_at: slot.starts_at,
          expires_at: expiresAt,
          sent_at: new Date(now),
        });
        await auditEvent(tx, {
          actor: waitlistJob,
          action: 'waitlist.offer.sent',
          resourceType: 'waitlist_offer',
          resourceId: offer.id,
          patientId: entry.patient_id,
          organizationId: slot.organization_id,
        });
        await deps.sendOffer?.(tx, {
          organizationId: slot.organization_id,
          holdId,
          patientId: entry.patient_id,
          appointmentTypeId: slot.appointment_type_id,
          locationId: slot.location_id,
          modality: slot.modality,
          start: slot.starts_at,
          offerId: offer.id,
        });
      }
    },
  );
  return placed ? chosen.length : 0;
}

/** The job's work: expire what ran out, then offer every freed slot waiting. Returns offers sent. */
export async function runOffers(deps: WaitlistDeps, limit = 100): Promise<number> {
  await expireOffers(deps);
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const slot = await store.takeFreedSlot(deps.db);
    if (!slot) break;
    sent += await offerSlot(deps, slot);
  }
  return sent;
}

/** Offers past their expiry (the app's clock) become `expired`; a hold no offer keeps is let go. */
export async function expireOffers(deps: WaitlistDeps): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const due = await store.dueToExpire(tx, now);
    for (const o of due) {
      await store.setOffer(tx, o.id, 'expired');
      await auditEvent(tx, {
        actor: waitlistJob,
        action: 'waitlist.offer.expired',
        resourceType: 'waitlist_offer',
        resourceId: o.id,
        patientId: null,
        organizationId: o.organization_id,
      });
    }
    for (const o of uniqueHolds(due)) await letGo(tx, deps, o);
    return due.length;
  });
}

function uniqueHolds(offers: store.OfferRow[]) {
  return [...new Map(offers.map((o) => [o.hold_appointment_id, o])).values()];
}

/** When no offer on the hold is open any more: release it and queue the slot for the next. */
async function letGo(tx: Queryable, deps: WaitlistDeps, o: store.OfferRow) {
  if ((await store.openOnHold(tx, o.hold_appointment_id)) > 0) return;
  await releaseOfferHold(tx, deps.booking, o.organization_id, o.hold_appointment_id);
  await store.queueFreedSlot(tx, {
    organizationId: o.organization_id,
    appointmentTypeId: o.appointment_type_id,
    providerId: o.provider_id,
    locationId: o.location_id,
    modality: o.modality,
    start: o.starts_at,
  });
  if (deps.jobs) await deps.jobs.send(OFFERS_QUEUE, {}, { tx });
}

function patientOf(actor: Actor): { organizationId: string; patientId: string } {
  if (actor.type !== 'patient' || actor.guest || !actor.patientId) throw new Forbidden();
  return { organizationId: actor.organizationId, patientId: actor.patientId };
}

/** Another open offer of the patient's, for a polite "taken" with somewhere to go. */
async function nextOfferFor(q: Queryable, deps: WaitlistDeps, org: string, patientId: string) {
  const entries = await store.listEntries(q, org, { patientId, status: 'waiting' });
  const open = await store.openOffers(
    q,
    org,
    entries.map((e) => e.id),
    deps.clock.now(),
  );
  return open[0]?.id ?? null;
}

/** The offer an emailed link names (the patient's own), marked opened on first sight. */
export async function openByToken(deps: WaitlistDeps, actor: Actor, token: string) {
  const me = patientOf(actor);
  const offer = await store.findOfferByToken(deps.db, hashToken(token));
  if (!offer || offer.organization_id !== me.organizationId || offer.patient_id !== me.patientId)
    throw new NotFound();
  if (offer.status === 'sent') {
    await deps.db.transaction(async (tx) => {
      await store.setOffer(tx, offer.id, 'opened');
      await auditEvent(tx, {
        actor,
        action: 'waitlist.offer.open',
        resourceType: 'waitlist_offer',
        resourceId: offer.id,
        patientId: me.patientId,
        organizationId: me.organizationId,
      });
    });
    offer.status = 'opened';
  }
  return offerViewOf(offer);
}

/**
 * Accepts an offer: the hold becomes the patient's booking and, for an entry that moves an
 * appointment earlier, that appointment is cancelled — one transaction. The claim on the hold
 * comes first (its row lock orders concurrent acceptances, and no offer row is locked before
 * it, so they cannot deadlock); the later acceptances find it booked: 409 `offer-taken`.
 */
export async function accept(deps: WaitlistDeps, actor: Actor, offerId: string) {
  const me = patientOf(actor);
  const now = deps.clock.now().getTime();
  const outcome = await deps.db.transaction(async (tx) => {
    const offer = await store.findOffer(tx, me.organizationId, offerId);
    if (!offer || offer.patient_id !== me.patientId) throw new NotFound();
    if (offer.status === 'taken') return { taken: true as const };
    if (!isOpen(offer, now)) throw new OfferExpired();
    const entry = await store.findEntry(tx, me.organizationId, offer.entry_id);
    if (!entry || entry.status !== 'waiting') throw new OfferExpired();
    const booked = await claimOfferHold(tx, deps.booking, actor, {
      organizationId: me.organizationId,
      holdId: offer.hold_appointment_id,
      patientId: me.patientId,
    });
    if (!booked) {
      await store.setOffer(tx, offer.id, 'taken');
      return { taken: true as const };
    }
    let moved: { start: Date } | undefined;
    if (entry.move_appointment_id) {
      moved = await cancelMovedAppointment(tx, deps.booking, actor, {
        organizationId: me.organizationId,
        patientId: me.patientId,
        appointmentId: entry.move_appointment_id,
      });
    }
    const daysSooner = moved
      ? Math.round(((moved.start.getTime() - booked.starts_at.getTime()) / DAY) * 100) / 100
      : null;
    await store.setOffer(tx, offer.id, 'accepted', { daysSooner });
    await store.takeSiblings(tx, offer.hold_appointment_id, offer.id);
    await store.setEntry(tx, entry.id, { status: 'booked', bookedAppointmentId: booked.id });
    await auditEvent(tx, {
      actor,
      action: 'waitlist.offer.accept',
      resourceType: 'waitlist_offer',
      resourceId: offer.id,
      patientId: me.patientId,
      organizationId: me.organizationId,
    });
    return {
      taken: false as const,
      booked,
      cancelledAppointmentId: moved ? entry.move_appointment_id : null,
    };
  });
  if (outcome.taken)
    throw new OfferTaken(await nextOfferFor(deps.db, deps, me.organizationId, me.patientId));
  await announceClaimed(deps.booking, actor, outcome.booked);
  return {
    offerId,
    appointmentId: outcome.booked.id,
    start: outcome.booked.starts_at.toISOString(),
    cancelledAppointmentId: outcome.cancelledAppointmentId,
  };
}

/** Declines an offer; the slot goes to the next candidate once no offer on it is open. */
export async function decline(deps: WaitlistDeps, actor: Actor, offerId: string) {
  const me = patientOf(actor);
  const now = deps.clock.now().getTime();
  await deps.db.transaction(async (tx) => {
    const offer = await store.findOffer(tx, me.organizationId, offerId, true);
    if (!offer || offer.patient_id !== me.patientId) throw new NotFound();
    if (offer.status === 'taken') throw new OfferTaken(null);
    if (!isOpen(offer, now)) throw new OfferExpired();
    await store.setOffer(tx, offer.id, 'declined');
    await auditEvent(tx, {
      actor,
      action: 'waitlist.offer.decline',
      resourceType: 'waitlist_offer',
      resourceId: offer.id,
      patientId: me.patientId,
      organizationId: me.organizationId,
    });
    await letGo(tx, deps, offer);
  });
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * The link in an offer's message, minted when the message is written (notifications' render):
 * 256 random bits in the fragment, only the hash kept on the offer. Null when no offer of this
 * patient on this hold is open.
 */
export async function mintOfferLink(
  deps: WaitlistDeps,
  q: Queryable,
  holdId: string,
  patientId: string,
): Promise<string | null> {
  const token = randomBytes(32).toString('base64url');
  const ok = await store.setOfferToken(q, holdId, patientId, hashToken(token));
  return ok ? `${deps.publicUrl}/waitlist/offer#token=${token}` : null;
}
