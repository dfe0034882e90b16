import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { requireLocation } from '../access/access.record.ts';
import { directoryNames } from '../directory/directory.lookup.ts';
import { locationZone } from '../directory/directory.service.ts';
import { mayReadReports } from '../reports/reports.policy.ts';
import type { WaitlistDeps } from './waitlist.deps.ts';
import { localParts } from './waitlist.match.ts';
import type { LedgerCounts } from './waitlist.schema.ts';
import * as store from './waitlist.store.ts';

/**
 * The offer ledger for managers: offers sent in local dates `from`..`to` (the location's zone when
 * one is named, else UTC), per appointment type — sent, opened, accepted, declined, expired,
 * taken; fill rate (slots an acceptance filled / slots offered); days sooner (mean, accepted
 * offers that moved a booked visit earlier). No patient, appointment or time of a visit.
 */
export async function waitlistReport(
  deps: WaitlistDeps,
  actor: Actor,
  q: { from: string; to: string; locationId?: string | undefined },
) {
  if (!mayReadReports(actor)) throw new Forbidden();
  const organizationId = actor.organizationId;
  const limited = actor.locationIds ?? [];
  let locationIds: string[] | null = limited.length > 0 ? limited : null;
  let zone = 'UTC';
  if (q.locationId !== undefined) {
    requireLocation(actor, organizationId, q.locationId);
    locationIds = [q.locationId];
    zone = await locationZone(deps.db, organizationId, q.locationId);
  }
  const rows = await store.ledger(deps.db, {
    organizationId,
    from: midnight(q.from, zone, 0),
    to: midnight(q.to, zone, 1),
    locationIds,
  });
  const names = await directoryNames(deps.db, organizationId, {
    typeIds: rows.map((r) => r.appointment_type_id),
    providerIds: [],
    locationIds: [],
  });
  const byType = rows.map((r) => ({
    appointmentTypeId: r.appointment_type_id,
    appointmentTypeName: names.types.get(r.appointment_type_id)?.name ?? '',
    ...counts(r),
  }));
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + Number(r[k] ?? 0), 0);
  const accepted = rows.filter((r) => r.days_sooner !== null);
  const weighted = accepted.reduce((n, r) => n + Number(r.days_sooner) * r.accepted, 0);
  const weight = accepted.reduce((n, r) => n + r.accepted, 0);
  const total = counts({
    sent: sum('sent'),
    opened: sum('opened'),
    accepted: sum('accepted'),
    declined: sum('declined'),
    expired: sum('expired'),
    taken: sum('taken'),
    slots: sum('slots'),
    filled: sum('filled'),
    days_sooner: weight > 0 ? String(weighted / weight) : null,
  });
  return { from: q.from, to: q.to, total, byType };
}

function counts(
  r: Omit<Awaited<ReturnType<typeof store.ledger>>[number], 'appointment_type_id'>,
): LedgerCounts {
  return {
    sent: r.sent,
    opened: r.opened,
    accepted: r.accepted,
    declined: r.declined,
    expired: r.expired,
    taken: r.taken,
    fillRate: r.slots > 0 ? Math.round((r.filled / r.slots) * 1000) / 1000 : null,
    daysSooner: r.days_sooner === null ? null : Math.round(Number(r.days_sooner) * 100) / 100,
  };
}

/** Local midnight of `date` (+ `plusDays`) in `zone`, as an instant. */
function midnight(date: string, zone: string, plusDays: number): Date {
  const guess = Date.parse(`${date}T00:00:00Z`) + plusDays * 86_400_000;
  const local = localParts(new Date(guess), zone);
  const h = Math.floor(local.minute / 60);
  const m = local.minute % 60;
  const asUtc = Date.parse(
    `${local.date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`,
  );
  return new Date(guess - (asUtc - guess));
}
