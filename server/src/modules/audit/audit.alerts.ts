import type { Db } from '../../platform/db/db.ts';
import type { Logger } from '../../platform/log/log.ts';
import {
  alertCursor,
  attemptAction,
  denials,
  enabledRules,
  eventsBetween,
  lastSignIn,
  moveAlertCursor,
  patientReads,
  raiseAlert,
  sealedUpTo,
  seenBefore,
  signInAction,
  type AlertRow,
  type AlertRuleRow,
  type EventLite,
  type RefusalSubject,
} from './audit.alerts.store.ts';
import type { AlertDeliveries } from './audit.alerts.delivery.ts';
import type { VerifyReport } from './audit.verify.ts';

/**
 * Alert rules over the audit event stream. The engine reads only sealed events — every event up
 * to the newest checkpoint is final, so none is skipped by an out-of-order commit — evaluates
 * each organization's rules, raises in-app alerts (once per rule, subject and window) that link to
 * the events behind them, and queues their email and webhook delivery in the same transaction
 * (audit.alerts.delivery.ts). Alerts carry ids, never PHI.
 */
export interface AlertEngine {
  runOnce(): Promise<AlertRow[]>;
  /** Raises a verification-failure alert in every organization that asked for one. */
  reportVerification(report: VerifyReport): Promise<AlertRow[]>;
}

const minutes = (p: Record<string, unknown>, key: string, fallback: number) =>
  typeof p[key] === 'number' ? (p[key] as number) : fallback;

/** The fixed window [start, start + size) holding `at`. */
function windowOf(at: Date, sizeMinutes: number): { from: Date; to: Date; key: string } {
  const size = sizeMinutes * 60_000;
  const start = Math.floor(at.getTime() / size) * size;
  return { from: new Date(start), to: new Date(start + size), key: new Date(start).toISOString() };
}

const isRead = (e: EventLite) =>
  e.outcome === 'success' && e.patient_id !== null && !e.action.startsWith('audit.');

/** The local hour and minute of an instant in an IANA zone, and whether it is a weekend. */
function localClock(at: Date, timeZone: string): { minutes: number; weekend: boolean } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    weekend: ['Sat', 'Sun'].includes(get('weekday')),
  };
}

const hhmm = (s: unknown, fallback: string) => {
  const [h, m] = String(typeof s === 'string' ? s : fallback).split(':');
  return Number(h) * 60 + Number(m);
};

const isRefusal = (e: EventLite) =>
  e.outcome === 'denied' || (e.outcome === 'failed' && attemptAction.test(e.action));

/**
 * Who a refusal counts against: the user, or the source address of an anonymous caller; and an
 * anonymous sign-in's account too, so guessing one password from many addresses shows.
 */
function refusalSubjects(e: EventLite): [string, RefusalSubject, EventLite][] {
  const subjects: [string, RefusalSubject, EventLite][] = [
    [e.actor_id ?? `ip:${e.source_ip ?? 'unknown'}`, { actorId: e.actor_id, ip: e.source_ip }, e],
  ];
  if (e.actor_id === null && e.resource_type === 'account' && e.resource_id !== null) {
    subjects.push([`account:${e.resource_id}`, { accountId: e.resource_id }, e]);
  }
  return subjects;
}

type Candidate = {
  subject: string | null;
  summary: string;
  eventIds: string[];
  key: string;
  /** How many (distinct patients, denials, problems) over how many minutes, where it applies. */
  count?: number;
  windowMinutes?: number;
};

async function evaluate(db: Db, rule: AlertRuleRow, events: EventLite[]): Promise<Candidate[]> {
  const p = rule.params;
  const out: Candidate[] = [];
  const byActor = new Map<string, EventLite[]>();
  for (const e of events) {
    if (e.actor_id) byActor.set(e.actor_id, [...(byActor.get(e.actor_id) ?? []), e]);
  }
  switch (rule.kind) {
    case 'bulk_patient_reads': {
      const threshold = minutes(p, 'threshold', 50);
      const size = minutes(p, 'windowMinutes', 60);
      for (const [actor, list] of byActor) {
        const windows = new Map(
          list.filter(isRead).map((e) => [windowOf(e.occurred_at, size).key, e]),
        );
        for (const e of windows.values()) {
          const w = windowOf(e.occurred_at, size);
          const reads = await patientReads(db, rule.organization_id, actor, w.from, w.to);
          if (reads.patients > threshold) {
            out.push({
              subject: actor,
              summary: `${actor} read ${reads.patients} distinct patients' records between ${w.from.toISOString()} and ${w.to.toISOString()} (threshold ${threshold})`,
              eventIds: reads.eventIds,
              key: w.key,
              count: reads.patients,
              windowMinutes: size,
            });
          }
        }
      }
      break;
    }
    case 'new_device_bulk_reads': {
      const threshold = minutes(p, 'threshold', 20);
      const size = minutes(p, 'windowMinutes', 60);
      for (const [actor, list] of byActor) {
        const last = list.filter(isRead).at(-1);
        if (!last) continue;
        const signIn = await lastSignIn(db, rule.organization_id, actor, last.occurred_at);
        if (!signIn || !signInAction.test(signIn.action)) continue;
        const until = new Date(signIn.occurred_at.getTime() + size * 60_000);
        if (last.occurred_at > until) continue;
        const org = rule.organization_id;
        // A private or unknown address has no country: only a known device can be new then.
        const newDevice =
          signIn.user_agent_digest !== null &&
          !(await seenBefore(db, org, actor, { digest: signIn.user_agent_digest }, signIn.seq));
        const newCountry =
          signIn.source_country !== null &&
          !(await seenBefore(db, org, actor, { country: signIn.source_country }, signIn.seq));
        if (!newDevice && !newCountry) continue;
        const reads = await patientReads(db, org, actor, signIn.occurred_at, until);
        if (reads.patients > threshold) {
          const what = [
            newDevice ? 'a device' : null,
            newCountry ? `a country (${signIn.source_country})` : null,
          ].filter(Boolean);
          out.push({
            subject: actor,
            summary: `${actor} signed in from ${what.join(' and ')} not seen before and read ${reads.patients} distinct patients' records within ${size} minutes (threshold ${threshold})`,
            eventIds: [signIn.id, ...reads.eventIds],
            key: signIn.id,
            count: reads.patients,
            windowMinutes: size,
          });
        }
      }
      break;
    }
    case 'repeated_denials': {
      const threshold = minutes(p, 'threshold', 5);
      const size = minutes(p, 'windowMinutes', 15);
      const seen = new Set<string>();
      for (const [subject, query, e] of events.filter(isRefusal).flatMap(refusalSubjects)) {
        const w = windowOf(e.occurred_at, size);
        if (seen.has(`${subject}|${w.key}`)) continue;
        seen.add(`${subject}|${w.key}`);
        const ids = await denials(db, rule.organization_id, query, w.from, w.to);
        if (ids.length >= threshold) {
          out.push({
            subject,
            summary: `${subject} was denied or failed to prove who they are ${ids.length} times between ${w.from.toISOString()} and ${w.to.toISOString()} (threshold ${threshold})`,
            eventIds: ids,
            key: w.key,
            count: ids.length,
            windowMinutes: size,
          });
        }
      }
      break;
    }
    case 'export_outside_hours': {
      const zone = typeof p.timeZone === 'string' ? p.timeZone : 'UTC';
      const start = hhmm(p.start, '07:00');
      const end = hhmm(p.end, '19:00');
      for (const e of events) {
        if (e.outcome !== 'success' || !/(export|download)/.test(e.action)) continue;
        const clock = localClock(e.occurred_at, zone);
        if (clock.weekend || clock.minutes < start || clock.minutes >= end) {
          out.push({
            subject: e.actor_id,
            summary: `${e.actor_id ?? 'anonymous'} ran ${e.action} outside business hours (${zone})`,
            eventIds: [e.id],
            key: e.id,
          });
        }
      }
      break;
    }
    case 'break_glass': {
      for (const e of events.filter((x) => /break_?glass/.test(x.action))) {
        out.push({
          subject: e.actor_id,
          summary: `${e.actor_id ?? 'anonymous'} used break-glass access (${e.action}, ${e.outcome})`,
          eventIds: [e.id],
          key: e.id,
        });
      }
      break;
    }
  }
  return out;
}

export function createAlertEngine(opts: {
  db: Db;
  log?: Logger;
  /** Most events read and evaluated at once; a run goes on batch after batch until caught up. */
  batchSize?: number;
  /** A run starts no new batch after this long (the next run takes the rest). */
  runBudgetMs?: number;
  /** Email and webhook delivery; without it (a CLI run without jobs) alerts stay in-app. */
  deliveries?: AlertDeliveries;
}): AlertEngine {
  const { db, deliveries } = opts;
  const batchSize = BigInt(opts.batchSize ?? 5_000);
  const runBudgetMs = opts.runBudgetMs ?? 30_000;
  let running: Promise<AlertRow[]> | undefined;

  function raise(rule: AlertRuleRow, c: Candidate): Promise<AlertRow | null> {
    return db.transaction(async (tx) => {
      const alert = await raiseAlert(tx, {
        organization_id: rule.organization_id,
        rule_id: rule.id,
        kind: rule.kind,
        subject: c.subject,
        summary: c.summary,
        event_ids: c.eventIds,
        dedupe_key: `${rule.id}|${c.subject ?? ''}|${c.key}`,
        count: c.count ?? null,
        window_minutes: c.windowMinutes ?? null,
      });
      if (alert) await deliveries?.enqueue(tx, rule, alert);
      return alert;
    });
  }

  /** Evaluates one batch after the cursor; returns false when there was nothing left to do. */
  async function runBatch(raised: AlertRow[]): Promise<boolean> {
    const from = await alertCursor(db);
    const horizon = BigInt(await sealedUpTo(db));
    if (horizon <= BigInt(from)) return false;
    const upTo = (
      BigInt(from) + batchSize < horizon ? BigInt(from) + batchSize : horizon
    ).toString();
    const events = await eventsBetween(db, from, upTo);
    const rules = await enabledRules(db);
    for (const rule of rules) {
      const mine = events.filter((e) => e.organization_id === rule.organization_id);
      if (mine.length === 0) continue;
      for (const c of await evaluate(db, rule, mine)) {
        const alert = await raise(rule, c);
        if (alert) raised.push(alert);
      }
    }
    // Saved after every batch, so a crash or the budget loses no progress. When another process
    // moved it first, that process carries on from there; alerts are deduplicated either way.
    return (await moveAlertCursor(db, from, upTo)) && BigInt(upTo) < horizon;
  }

  /** Batch after batch until every sealed event is evaluated, or the run's time is spent. */
  async function catchUp(): Promise<AlertRow[]> {
    const raised: AlertRow[] = [];
    const deadline = Date.now() + runBudgetMs;
    while ((await runBatch(raised)) && Date.now() < deadline);
    return raised;
  }

  return {
    runOnce() {
      // One run at a time in this process: a tick during a long run joins it (it catches up anyway).
      running ??= catchUp().finally(() => {
        running = undefined;
      });
      return running;
    },

    async reportVerification(report) {
      if (report.ok) return [];
      const raised: AlertRow[] = [];
      const first = report.failures[0]!;
      for (const rule of await enabledRules(db, 'verification_failure')) {
        const alert = await raise(rule, {
          subject: null,
          summary: `Audit verification failed (${report.failures.length} problem(s)); first: seq ${first.firstSeq}-${first.lastSeq}`,
          eventIds: [],
          key: `verify|${first.firstSeq}|${first.lastSeq}|${report.failures.length}`,
          count: report.failures.length,
        });
        if (alert) raised.push(alert);
      }
      return raised;
    },
  };
}
