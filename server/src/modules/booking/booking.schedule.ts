import { noneMatch, weakEtag } from '../../platform/http/etag.ts';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { requireAccess, scheduleProviders } from '../access/access.table.ts';
import { locationZone } from '../directory/directory.service.ts';
import type {
  CountsAnswer,
  CountsQuery,
  ScheduleAnswer,
  ScheduleEntry,
  ScheduleQuery,
} from './booking.schedule.schema.ts';
import * as store from './booking.schedule.store.ts';
import { visitPolicyOf } from './booking.visit-policy.ts';

/**
 * The staff console's schedule of one location over local dates, as each role may see it:
 *
 * - front desk: every entry, with the patient's display name;
 * - a clinician (without the front desk role): their own provider's entries only, with names;
 * - managers and admins: `counts` only (per provider, local date and status), no patients;
 * - compliance officers: nothing (the routes refuse them).
 *
 * Scope comes first, before anything is read: the access table's `schedule:entries` and
 * `schedule:counts` decide it (an account limited to locations sees only those, another location
 * being a 404 as if it did not exist; a clinician only their own schedule).
 * Every answer carries an ETag, a digest of what it shows; a matching If-None-Match is answered
 * `notModified` after one index-only read and no patient data (a 304 is not a read of PHI).
 */

export interface ScheduleDeps {
  db: Db;
  now: () => number;
  /** Display names by patient id: the patients module's, batch-decrypted from the vault. */
  patientNames(organizationId: string, patientIds: readonly string[]): Promise<Map<string, string>>;
}

type Staff = Extract<Actor, { type: 'user' }>;

export type Answered<T> =
  { notModified: true; etag: string } | { notModified: false; etag: string; answer: T };

function staffOf(actor: Actor): Staff {
  if (actor.type !== 'user') throw new Forbidden();
  return actor;
}

/**
 * The location's zone (scope already checked), the instants of the local date range, the store's
 * filter for them, and the answer's heading.
 */
async function range(
  deps: ScheduleDeps,
  actor: Staff,
  locationId: string,
  q: { from: string; to: string },
  only: { providerIds: string[] | null; resourceIds: string[] | null },
) {
  const timeZone = await locationZone(deps.db, actor.organizationId, locationId);
  const startOf = (d: Temporal.PlainDate) =>
    new Date(d.toZonedDateTime({ timeZone }).epochMilliseconds);
  const first = Temporal.PlainDate.from(q.from);
  const last = Temporal.PlainDate.from(q.to);
  const days: { date: string; from: Date; to: Date }[] = [];
  for (let d = first; Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) {
    days.push({ date: d.toString(), from: startOf(d), to: startOf(d.add({ days: 1 })) });
  }
  const filter: store.ScheduleFilter = {
    organizationId: actor.organizationId,
    locationId,
    from: days[0]!.from,
    to: days.at(-1)!.to,
    ...only,
    now: new Date(deps.now()),
  };
  return { days, filter, heading: { locationId, timeZone, from: q.from, to: q.to } };
}

const encodeCursor = (row: { starts_at: Date; id: string }) =>
  Buffer.from(`${row.starts_at.getTime()}.${row.id}`).toString('base64url');

function decodeCursor(cursor: string | undefined) {
  if (cursor === undefined) return null;
  const m = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) {
    throw new Invalid('Use the nextCursor of the page before.', [
      { pointer: '/query/cursor', detail: 'not a cursor of this schedule' },
    ]);
  }
  return { start: new Date(Number(m[1])), id: m[2]! };
}

const iso = (d: Date) => d.toISOString();

/** The entries of one page, with names where the actor may see them (they all may here). */
export async function schedule(
  actor: Actor,
  deps: ScheduleDeps,
  locationId: string,
  q: ScheduleQuery,
  ifNoneMatch?: string,
): Promise<Answered<ScheduleAnswer>> {
  const staff = staffOf(actor);
  const reach = await requireAccess({ actor, q: deps.db }, 'schedule:entries', locationId);
  const providerIds = scheduleProviders(reach, q.providers);
  const after = decodeCursor(q.cursor);
  const { filter, heading } = await range(deps, staff, locationId, q, {
    providerIds,
    resourceIds: q.resources ?? null,
  });
  const policy = await visitPolicyOf(deps.db, staff.organizationId);
  const etag = weakEtag([
    'entries',
    staff.id,
    locationId,
    q,
    providerIds,
    policy.version,
    await store.scheduleVersion(deps.db, filter),
  ]);
  if (noneMatch(ifNoneMatch, etag)) return { notModified: true, etag };

  const rows = await store.schedulePage(deps.db, filter, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const patientIds = [...new Set(page.flatMap((r) => (r.patient_id ? [r.patient_id] : [])))];
  const names = await deps.patientNames(staff.organizationId, patientIds);
  const entries = page.map((r): ScheduleEntry => ({
    id: r.id,
    appointmentTypeId: r.appointment_type_id,
    providerId: r.provider_id,
    locationId: r.location_id,
    resourceIds: r.resource_ids,
    modality: r.modality,
    status: r.status,
    start: iso(r.starts_at),
    end: iso(r.ends_at),
    bufferedStart: iso(r.buffered_start),
    bufferedEnd: iso(r.buffered_end),
    holdExpiresAt: r.status === 'held' && r.hold_expires_at ? iso(r.hold_expires_at) : null,
    overbooked: r.lane > 0,
    version: r.version,
    seriesId: r.series_id,
    patient: r.patient_id
      ? { id: r.patient_id, displayName: names.get(r.patient_id) ?? null }
      : null,
  }));
  return {
    notModified: false,
    etag,
    answer: {
      ...heading,
      visitPolicy: {
        checkInOpensMinutesBefore: policy.checkInOpensMinutesBefore,
        checkInClosesMinutesAfter: policy.checkInClosesMinutesAfter,
        videoJoinOpensMinutesBefore: policy.videoJoinOpensMinutesBefore,
      },
      entries,
      nextCursor: rows.length > q.limit ? encodeCursor(page.at(-1)!) : null,
    },
  };
}

/**
 * Counts per provider, local date and status, without patients: managers, admins and the front
 * desk see every provider's, a clinician their own.
 */
export async function scheduleCounts(
  actor: Actor,
  deps: ScheduleDeps,
  locationId: string,
  q: CountsQuery,
  ifNoneMatch?: string,
): Promise<Answered<CountsAnswer>> {
  const staff = staffOf(actor);
  const reach = await requireAccess({ actor, q: deps.db }, 'schedule:counts', locationId);
  const providerIds = scheduleProviders(reach, q.providers);
  const { days, filter, heading } = await range(deps, staff, locationId, q, {
    providerIds,
    resourceIds: null,
  });
  const etag = weakEtag([
    'counts',
    staff.id,
    locationId,
    q,
    providerIds,
    await store.scheduleVersion(deps.db, filter),
  ]);
  if (noneMatch(ifNoneMatch, etag)) return { notModified: true, etag };
  return {
    notModified: false,
    etag,
    answer: { ...heading, counts: await store.scheduleCounts(deps.db, filter, days) },
  };
}
