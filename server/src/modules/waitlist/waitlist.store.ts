import type { Queryable } from '../../platform/db/db.ts';
import type { WaitlistSettings } from './waitlist.schema.ts';

/** The only SQL of the waitlist's tables (migration 0150), scoped by organization. */

export interface EntryRow {
  id: string;
  organization_id: string;
  patient_id: string;
  appointment_type_id: string;
  provider_ids: string[];
  location_ids: string[];
  modality: 'in_person' | 'telehealth' | null;
  from_date: string;
  to_date: string;
  windows: number[];
  move_appointment_id: string | null;
  priority: number;
  status: 'waiting' | 'booked' | 'withdrawn';
  booked_appointment_id: string | null;
  created_at: Date;
}

export interface OfferRow {
  id: string;
  organization_id: string;
  entry_id: string;
  hold_appointment_id: string;
  appointment_type_id: string;
  provider_id: string;
  location_id: string;
  modality: 'in_person' | 'telehealth';
  starts_at: Date;
  status: 'sent' | 'opened' | 'accepted' | 'declined' | 'expired' | 'taken';
  expires_at: Date;
  sent_at: Date;
}

const entryColumns = `e.id, e.organization_id, e.patient_id, e.appointment_type_id, e.provider_ids,
  e.location_ids, e.modality, e.from_date::text as from_date, e.to_date::text as to_date, e.windows,
  e.move_appointment_id, e.priority, e.status, e.booked_appointment_id, e.created_at`;

const offerColumns = `o.id, o.organization_id, o.entry_id, o.hold_appointment_id,
  o.appointment_type_id, o.provider_id, o.location_id, o.modality, o.starts_at, o.status,
  o.expires_at, o.sent_at`;

export async function insertEntry(
  tx: Queryable,
  e: Omit<EntryRow, 'id' | 'status' | 'booked_appointment_id' | 'created_at'> & {
    created_by: 'patient' | 'staff';
    /** When the patient joined, by the app's clock: waiting time ranks entries. */
    created_at: Date;
  },
): Promise<EntryRow> {
  const { rows } = await tx.query<EntryRow>(
    `with e as (
       insert into waitlist_entries (organization_id, patient_id, appointment_type_id, provider_ids,
         location_ids, modality, from_date, to_date, windows, move_appointment_id, priority, created_by,
         created_at)
       values ($1, $2, $3, $4::uuid[], $5::uuid[], $6, $7::date, $8::date, $9::int[], $10, $11, $12,
         $13::timestamptz)
       returning *)
     select ${entryColumns} from e`,
    [
      e.organization_id,
      e.patient_id,
      e.appointment_type_id,
      e.provider_ids,
      e.location_ids,
      e.modality,
      e.from_date,
      e.to_date,
      e.windows,
      e.move_appointment_id,
      e.priority,
      e.created_by,
      e.created_at,
    ],
  );
  return rows[0]!;
}

/** Entries of the organization: a patient's (`patientId`), or within staff's locations. */
export async function listEntries(
  db: Queryable,
  organizationId: string,
  filter: { patientId?: string; locationIds?: readonly string[] | null; status?: string },
): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(
    `select ${entryColumns} from waitlist_entries e
      where e.organization_id = $1 and ($2::uuid is null or e.patient_id = $2::uuid)
        and ($3::uuid[] is null or cardinality(e.location_ids) = 0 or e.location_ids && $3::uuid[])
        and ($4::text is null or e.status = $4)
      order by e.status = 'waiting' desc, e.priority desc, e.created_at, e.id
      limit 500`,
    [organizationId, filter.patientId ?? null, filter.locationIds ?? null, filter.status ?? null],
  );
  return rows;
}

export async function findEntry(db: Queryable, organizationId: string, id: string, lock = false) {
  const { rows } = await db.query<EntryRow>(
    `select ${entryColumns} from waitlist_entries e where e.organization_id = $1 and e.id = $2
     ${lock ? 'for update' : ''}`,
    [organizationId, id],
  );
  return rows[0];
}

export async function setEntry(
  tx: Queryable,
  id: string,
  fields: { priority?: number; status?: EntryRow['status']; bookedAppointmentId?: string },
) {
  await tx.query(
    `update waitlist_entries set priority = coalesce($2, priority), status = coalesce($3, status),
       booked_appointment_id = coalesce($4, booked_appointment_id), updated_at = now()
     where id = $1`,
    [id, fields.priority ?? null, fields.status ?? null, fields.bookedAppointmentId ?? null],
  );
}

/**
 * Waiting entries of a type, with no open offer and never offered this provider's time at
 * `start` before, best first: clinical priority, then the longest waiting.
 */
export async function candidates(
  db: Queryable,
  q: { organizationId: string; appointmentTypeId: string; providerId: string; start: Date },
): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(
    `select ${entryColumns} from waitlist_entries e
      where e.organization_id = $1 and e.appointment_type_id = $2 and e.status = 'waiting'
        and (cardinality(e.provider_ids) = 0 or $3::uuid = any(e.provider_ids))
        and not exists (select 1 from waitlist_offers o where o.entry_id = e.id
                         and (o.status in ('sent', 'opened')
                              or (o.provider_id = $3 and o.starts_at = $4::timestamptz)))
      order by e.priority desc, e.created_at, e.id
      limit 200`,
    [q.organizationId, q.appointmentTypeId, q.providerId, q.start],
  );
  return rows;
}

export async function insertOffer(
  tx: Queryable,
  o: Omit<OfferRow, 'id' | 'status'>,
): Promise<OfferRow> {
  const { rows } = await tx.query<OfferRow>(
    `with o as (
       insert into waitlist_offers (organization_id, entry_id, hold_appointment_id,
         appointment_type_id, provider_id, location_id, modality, starts_at, expires_at, sent_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *)
     select ${offerColumns} from o`,
    [
      o.organization_id,
      o.entry_id,
      o.hold_appointment_id,
      o.appointment_type_id,
      o.provider_id,
      o.location_id,
      o.modality,
      o.starts_at,
      o.expires_at,
      o.sent_at,
    ],
  );
  return rows[0]!;
}

export async function findOffer(db: Queryable, organizationId: string, id: string, lock = false) {
  const { rows } = await db.query<OfferRow & { patient_id: string }>(
    `select ${offerColumns}, e.patient_id from waitlist_offers o
       join waitlist_entries e on e.id = o.entry_id
      where o.organization_id = $1 and o.id = $2 ${lock ? 'for update of o' : ''}`,
    [organizationId, id],
  );
  return rows[0];
}

export async function findOfferByToken(db: Queryable, tokenHash: Buffer) {
  const { rows } = await db.query<OfferRow & { patient_id: string }>(
    `select ${offerColumns}, e.patient_id from waitlist_offers o
       join waitlist_entries e on e.id = o.entry_id where o.token_hash = $1`,
    [tokenHash],
  );
  return rows[0];
}

/** The offer a notification about this hold is for (the patient's), to mint its link. */
export async function setOfferToken(
  tx: Queryable,
  holdId: string,
  patientId: string,
  tokenHash: Buffer,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update waitlist_offers o set token_hash = $3 from waitlist_entries e
      where o.hold_appointment_id = $1 and e.id = o.entry_id and e.patient_id = $2
        and o.status in ('sent', 'opened')`,
    [holdId, patientId, tokenHash],
  );
  return rowCount > 0;
}

export async function openOffers(
  db: Queryable,
  organizationId: string,
  entryIds: string[],
  now: Date,
) {
  const { rows } = await db.query<OfferRow>(
    `select ${offerColumns} from waitlist_offers o
      where o.organization_id = $1 and o.entry_id = any($2::uuid[])
        and o.status in ('sent', 'opened') and o.expires_at > $3
      order by o.starts_at`,
    [organizationId, entryIds, now],
  );
  return rows;
}

export async function setOffer(
  tx: Queryable,
  id: string,
  status: OfferRow['status'],
  fields: { daysSooner?: number | null } = {},
) {
  await tx.query(
    `update waitlist_offers set status = $2,
       opened_at = case when $2 = 'opened' then now() else opened_at end,
       closed_at = case when $2 in ('accepted', 'declined', 'expired', 'taken') then now() end,
       days_sooner = coalesce($3, days_sooner)
     where id = $1`,
    [id, status, fields.daysSooner ?? null],
  );
}

/** Other open offers on the same hold become `taken` (the hold is booked). */
export async function takeSiblings(tx: Queryable, holdId: string, acceptedId: string) {
  await tx.query(
    `update waitlist_offers set status = 'taken', closed_at = now()
      where hold_appointment_id = $1 and id <> $2 and status in ('sent', 'opened')`,
    [holdId, acceptedId],
  );
}

export async function openOnHold(tx: Queryable, holdId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `select count(*)::int as n from waitlist_offers
      where hold_appointment_id = $1 and status in ('sent', 'opened')`,
    [holdId],
  );
  return rows[0]!.n;
}

/** Open offers past their expiry at `now`, locked for the expiry job. */
export async function dueToExpire(tx: Queryable, now: Date, limit = 200) {
  const { rows } = await tx.query<OfferRow>(
    `select ${offerColumns} from waitlist_offers o
      where o.status in ('sent', 'opened') and o.expires_at <= $1
      order by o.expires_at limit $2 for update skip locked`,
    [now, limit],
  );
  return rows;
}

export async function queueFreedSlot(
  tx: Queryable,
  s: {
    organizationId: string;
    appointmentTypeId: string;
    providerId: string;
    locationId: string;
    modality: string;
    start: Date;
  },
) {
  await tx.query(
    `insert into waitlist_freed_slots (organization_id, appointment_type_id, provider_id,
       location_id, modality, starts_at) values ($1, $2, $3, $4, $5, $6)`,
    [s.organizationId, s.appointmentTypeId, s.providerId, s.locationId, s.modality, s.start],
  );
}

export interface FreedSlotRow {
  id: string;
  organization_id: string;
  appointment_type_id: string;
  provider_id: string;
  location_id: string;
  modality: 'in_person' | 'telehealth';
  starts_at: Date;
}

/**
 * Waiting entries that joined before `joinedBefore` with no open offer, best ranked first: what
 * the open-times sweep looks for times for.
 */
export async function waitingWithoutOffer(
  db: Queryable,
  joinedBefore: Date,
  limit: number,
): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(
    `select ${entryColumns} from waitlist_entries e
      where e.status = 'waiting' and e.created_at <= $2::timestamptz
        and not exists (select 1 from waitlist_offers o where o.entry_id = e.id
                         and o.status in ('sent', 'opened'))
      order by e.priority desc, e.created_at, e.id
      limit $1`,
    [limit, joinedBefore],
  );
  return rows;
}

/** Whether a slot is queued and not yet offered, or was offered to this entry before. */
export async function slotSeen(
  db: Queryable,
  q: { entryId: string; providerId: string; start: Date },
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from waitlist_freed_slots
      where processed_at is null and provider_id = $2 and starts_at = $3::timestamptz
     union all
     select 1 from waitlist_offers
      where entry_id = $1 and provider_id = $2 and starts_at = $3::timestamptz
     limit 1`,
    [q.entryId, q.providerId, q.start],
  );
  return rows.length > 0;
}

/** Takes the oldest unprocessed freed slot (marking it processed) in the caller's transaction. */
export async function takeFreedSlot(tx: Queryable): Promise<FreedSlotRow | undefined> {
  const { rows } = await tx.query<FreedSlotRow>(
    `update waitlist_freed_slots set processed_at = now()
      where id = (select id from waitlist_freed_slots where processed_at is null
                   order by id limit 1 for update skip locked)
      returning id::text, organization_id, appointment_type_id, provider_id, location_id,
        modality, starts_at`,
  );
  return rows[0];
}

export async function settingsOf(db: Queryable, organizationId: string): Promise<WaitlistSettings> {
  const { rows } = await db.query<{ batch_size: number; offer_minutes: number }>(
    'select batch_size, offer_minutes from waitlist_settings where organization_id = $1',
    [organizationId],
  );
  return {
    batchSize: rows[0]?.batch_size ?? 1,
    offerMinutes: rows[0]?.offer_minutes ?? 30,
  };
}

export async function saveSettings(tx: Queryable, organizationId: string, s: WaitlistSettings) {
  await tx.query(
    `insert into waitlist_settings (organization_id, batch_size, offer_minutes) values ($1, $2, $3)
     on conflict (organization_id) do update set batch_size = $2, offer_minutes = $3,
       updated_at = now()`,
    [organizationId, s.batchSize, s.offerMinutes],
  );
}

/** The offer ledger per appointment type over [from, to) (instants), at some locations or all. */
export async function ledger(
  db: Queryable,
  q: { organizationId: string; from: Date; to: Date; locationIds: readonly string[] | null },
) {
  const { rows } = await db.query<{
    appointment_type_id: string;
    sent: number;
    opened: number;
    accepted: number;
    declined: number;
    expired: number;
    taken: number;
    slots: number;
    filled: number;
    days_sooner: string | null;
  }>(
    `select o.appointment_type_id, count(*)::int as sent,
       count(*) filter (where o.opened_at is not null or o.status = 'accepted')::int as opened,
       count(*) filter (where o.status = 'accepted')::int as accepted,
       count(*) filter (where o.status = 'declined')::int as declined,
       count(*) filter (where o.status = 'expired')::int as expired,
       count(*) filter (where o.status = 'taken')::int as taken,
       count(distinct o.hold_appointment_id)::int as slots,
       count(distinct o.hold_appointment_id) filter (where o.status = 'accepted')::int as filled,
       avg(o.days_sooner) filter (where o.status = 'accepted')::text as days_sooner
      from waitlist_offers o
     where o.organization_id = $1 and o.sent_at >= $2 and o.sent_at < $3
       and ($4::uuid[] is null or o.location_id = any($4::uuid[]))
     group by o.appointment_type_id`,
    [q.organizationId, q.from, q.to, q.locationIds],
  );
  return rows;
}
