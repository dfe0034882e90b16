import type pg from 'pg';
import type { Hourglass } from '../server/src/app.ts';
import type { Db } from '../server/src/platform/db/db.ts';
import type { Actor } from '../server/src/platform/http/actor.ts';
import { createPatients } from '../server/src/modules/patients/patients.service.ts';
import { createAudit } from '../server/src/modules/audit/audit.service.ts';
import { schedule, type ScheduleDeps } from '../server/src/modules/booking/booking.schedule.ts';
import type { ScheduleQuery } from '../server/src/modules/booking/booking.schedule.schema.ts';
import { importPatients, type Clinic } from './seed.ts';

/**
 * The staff console's schedule of the bench clinic (50 providers at one location): a week as the
 * front desk reads it — scope, zone, visit policy, ETag, one page of entries, patient names
 * batch-decrypted from the vault — beside a raw `pg` baseline that reads the same page's rows with
 * the same statement and nothing else; the 304 path (ETag only); one provider's week (through the
 * exclusion index); and the plans PostgreSQL chose.
 */

type Timed = (
  iterations: number,
  fn: () => Promise<unknown>,
) => Promise<{ p50: number; p95: number }>;

/** Gives the patients of the measured week names in the vault (the seed's patients have none). */
async function namePatients(h: Hourglass, clinic: Clinic, from: Date, to: Date) {
  const named = await importPatients(h, clinic.orgId, 300, (i) => ({
    phone: `+1 555 ${String(100_000 + i).slice(1)}`,
  }));
  await h.db.query(
    `update appointments set patient_id = ($1::uuid[])[1 + (abs(hashtext(id::text)) % $2)]
      where location_id = $3 and starts_at >= $4 and starts_at < $5`,
    [named, named.length, clinic.locationId, from, to],
  );
  await h.db.exec('vacuum analyze appointments');
}

/** The plan's scans, as "Index Scan using appointments_schedule on appointments" and the like. */
async function scans(raw: pg.Pool, sql: string, params: unknown[]): Promise<string[]> {
  const { rows } = await raw.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, params);
  return [
    ...new Set(
      rows
        .map((r) => r['QUERY PLAN'].trim().replace(/^->\s*/, ''))
        .filter((l) => / Scan/.test(l))
        .map((l) =>
          l
            .replace(/\s+\(cost.*/, '')
            .replace(/ (?:a|a_\d+|r|p|x)$/, '')
            .replace(/ on$/, ''),
        ),
    ),
  ];
}

export async function measureSchedule(
  h: Hourglass,
  raw: pg.Pool,
  clinic: Clinic,
  timed: Timed,
  iterations: number,
): Promise<string> {
  const day = 86_400_000;
  const fromDate = new Date(Date.now() + day).toISOString().slice(0, 10);
  const toDate = new Date(Date.now() + 7 * day).toISOString().slice(0, 10);
  const desk: Actor = {
    type: 'user',
    id: 'bench-desk',
    organizationId: clinic.orgId,
    roles: ['front_desk'],
  };
  // The bench's week, as the service computes it (local midnights in the clinic's zone).
  const q: ScheduleQuery = { from: fromDate, to: toDate, limit: 1000 };
  const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
  const deps: ScheduleDeps = {
    db: h.db,
    now: () => Date.now(),
    patientNames: (org, ids) => patients.displayNames(org, ids),
  };
  await namePatients(h, clinic, new Date(), new Date(Date.now() + 9 * day));

  // Every page of the week, and the rows of its first page.
  const wholeWeek = async () => {
    let cursor: string | null | undefined;
    let n = 0;
    do {
      const r = await schedule(desk, deps, clinic.locationId, {
        ...q,
        ...(cursor ? { cursor } : {}),
      });
      if (r.notModified) throw new Error('unexpected 304');
      n += r.answer.entries.length;
      cursor = r.answer.nextCursor;
    } while (cursor);
    return n;
  };
  const total = await wholeWeek();
  const page = await schedule(desk, deps, clinic.locationId, q);
  if (page.notModified) throw new Error('unexpected 304');
  const named = page.answer.entries.filter((e) => e.patient?.displayName).length;

  // The raw baseline: the page's statement as the service sends it, straight through pg.
  type Shape = 'location' | 'provider' | 'day';
  const sent: Record<Shape, { sql: string; params: unknown[] } | undefined> = {
    location: undefined,
    provider: undefined,
    day: undefined,
  };
  const spying = (shape: Shape): ScheduleDeps => ({
    ...deps,
    db: {
      ...h.db,
      query: (sql, params, options) => {
        if (sql.includes('order by a.starts_at, a.id')) sent[shape] = { sql, params: params ?? [] };
        return h.db.query(sql, params, options);
      },
    } as Db,
  });
  await schedule(desk, spying('location'), clinic.locationId, q);
  await schedule(desk, spying('provider'), clinic.locationId, {
    ...q,
    providers: [clinic.providerIds[0]!],
  });
  // The console grid's own request: the first day of the week, every provider.
  const oneDay: ScheduleQuery = { ...q, to: fromDate };
  await schedule(desk, spying('day'), clinic.locationId, oneDay);
  const dayPage = await schedule(desk, deps, clinic.locationId, oneDay);
  if (dayPage.notModified) throw new Error('unexpected 304');
  const dayEntries = dayPage.answer.entries.length;
  const rawPage = () => raw.query(sent.location!.sql, sent.location!.params);
  const rawDay = () => raw.query(sent.day!.sql, sent.day!.params);
  const rawRows = (await rawPage()).rows.length;

  const dayRead = await timed(iterations, () => schedule(desk, deps, clinic.locationId, oneDay));
  const dayBaseline = await timed(iterations, rawDay);
  const service = await timed(iterations, () => schedule(desk, deps, clinic.locationId, q));
  const baseline = await timed(iterations, rawPage);
  const week = await timed(Math.max(20, iterations / 4), wholeWeek);
  const etag = page.etag;
  const notModified = await timed(iterations, () =>
    schedule(desk, deps, clinic.locationId, q, etag),
  );
  const oneProvider = { ...q, providers: [clinic.providerIds[0]!] };
  const own = await timed(iterations, () => schedule(desk, deps, clinic.locationId, oneProvider));

  const plans = {
    location: await scans(raw, sent.location!.sql, sent.location!.params),
    provider: await scans(raw, sent.provider!.sql, sent.provider!.params),
  };

  const fmt = (n: number) => n.toFixed(1);
  return `## The staff console's schedule (${iterations} reads each)

A week (${fromDate} to ${toDate}) of the bench clinic's one location as the front desk reads it:
${total.toLocaleString('en-US')} appointments, pages of ${q.limit}. \`service\` is \`schedule()\`
in-process: scope, the location's zone, the visit policy, the range's version for the ETag (one
index-only read), the page, and the patients' display names — ${named} of the page's entries are
named (300 patients) — decrypted in one batch through the vault. \`raw pg\` reads the same page's
${rawRows.toLocaleString('en-US')} rows with the same statement through \`pg\`, and nothing else.

| read | p50 | p95 |
|---|---|---|
| one day, 50 providers (the console grid's request: ${dayEntries} entries), service | ${fmt(dayRead.p50)} ms | ${fmt(dayRead.p95)} ms |
| one day, raw pg | ${fmt(dayBaseline.p50)} ms | ${fmt(dayBaseline.p95)} ms |
| first page (${q.limit} entries), service | ${fmt(service.p50)} ms | ${fmt(service.p95)} ms |
| first page, raw pg | ${fmt(baseline.p50)} ms | ${fmt(baseline.p95)} ms |
| the whole week (${Math.ceil(total / q.limit)} pages), service | ${fmt(week.p50)} ms | ${fmt(week.p95)} ms |
| a poll with the current ETag (304: version only, no names) | ${fmt(notModified.p50)} ms | ${fmt(notModified.p95)} ms |
| one provider's week (the exclusion index) | ${fmt(own.p50)} ms | ${fmt(own.p95)} ms |

Ratio service / raw pg at the median: the day ${(dayRead.p50 / dayBaseline.p50).toFixed(2)}, the week's
first page ${(service.p50 / baseline.p50).toFixed(2)} (the rest is the version read, the names and
their decryption, and building the answer). Goal: the grid's day answered well under 300 ms —
**${dayRead.p95 < 300 ? 'met' : 'not met'}** (p95 ${fmt(dayRead.p95)} ms).

Plans PostgreSQL chose: the whole location — ${plans.location.join('; ')}; one provider —
${plans.provider.join('; ')}. (The bench books no rooms: appointment_resources is empty, so it is
read whole. \`booking.schedule-plan.pg.test.ts\` holds these plans on PostgreSQL.)
`;
}
