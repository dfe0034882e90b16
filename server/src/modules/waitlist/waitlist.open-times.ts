import { openTimes } from '../booking/booking.waitlist-holds.ts';
import { locationZone } from '../directory/directory.service.ts';
import type { WaitlistDeps } from './waitlist.deps.ts';
import { fits } from './waitlist.match.ts';
import { moveStartOf } from './waitlist.offers.ts';
import * as store from './waitlist.store.ts';

/**
 * The sweep for times nobody freed: new working hours, a date override, or a time already open
 * when the patient joined outside it. For each waiting entry without an open offer (best ranked
 * first), the earliest open time that suits it is queued as a freed slot, unless it is queued
 * already or was offered to that entry before; the offer job then offers it as it offers any
 * freed slot (to the best-ranked entry it suits, which may be another). An entry younger than an
 * hour is left to freed slots alone: its patient has just seen the open times and chosen to wait.
 * Returns slots queued.
 */

const DAY = 86_400_000;
/** As far ahead as availability answers (its 62-day window). */
const AHEAD = 62 * DAY;
const SETTLED = 3_600_000;

export async function queueOpenTimes(deps: WaitlistDeps, limit = 50): Promise<number> {
  const { db } = deps;
  const now = deps.clock.now().getTime();
  const zones = new Map<string, string>();
  const zoneOf = async (organizationId: string, locationId: string) => {
    let zone = zones.get(locationId);
    if (!zone) zones.set(locationId, (zone = await locationZone(db, organizationId, locationId)));
    return zone;
  };
  let queued = 0;
  for (const entry of await store.waitingWithoutOffer(db, new Date(now - SETTLED), limit)) {
    // Local dates, read a day wide either side in UTC; `fits` keeps the local ones.
    const start = Math.max(now, Date.parse(`${entry.from_date}T00:00:00Z`) - DAY);
    const end = Math.min(now + AHEAD, Date.parse(`${entry.to_date}T00:00:00Z`) + 2 * DAY);
    if (start >= end) continue;
    const moveStart = await moveStartOf(db, entry);
    if (moveStart === undefined) continue;
    const times = await openTimes(db, {
      organizationId: entry.organization_id,
      appointmentTypeId: entry.appointment_type_id,
      providerIds: entry.provider_ids.length > 0 ? entry.provider_ids : undefined,
      locationIds: entry.location_ids.length > 0 ? entry.location_ids : undefined,
      modality: entry.modality ?? undefined,
      window: { start, end },
      now,
    });
    for (const t of times) {
      const modality = entry.modality ?? t.modalities[0];
      if (!modality) continue;
      const at = new Date(t.start);
      const zone = await zoneOf(entry.organization_id, t.locationId);
      if (!fits(entry, { locationId: t.locationId, modality, start: at, zone }, moveStart)) {
        continue;
      }
      const seen = await store.slotSeen(db, {
        entryId: entry.id,
        providerId: t.providerId,
        start: at,
      });
      if (seen) continue;
      await store.queueFreedSlot(db, {
        organizationId: entry.organization_id,
        appointmentTypeId: entry.appointment_type_id,
        providerId: t.providerId,
        locationId: t.locationId,
        modality,
        start: at,
      });
      queued++;
      break;
    }
  }
  return queued;
}
