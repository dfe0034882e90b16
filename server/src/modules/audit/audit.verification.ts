import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { Conflict, Forbidden } from '../../platform/http/errors.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/log/log.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Witness } from './audit.checkpoint.ts';
import { lastSealedSeq } from './audit.checkpoints.store.ts';
import { mayReadAuditLog } from './audit.policy.ts';
import type { AuditSigner } from './audit.signing.ts';
import * as store from './audit.verification.store.ts';
import { verifyAudit, type VerifyReport } from './audit.verify.ts';

/**
 * The state of audit verification for the compliance officer's desk: the server runs
 * `verifyAudit` (audit.verify.ts, the same check as `hourglass audit verify`) and keeps each
 * run's result. The checkpoint chain is always checked whole; the events recomputed are the
 * newest `recentEvents` sealed ones (`recent`, about 1.5 s per 100,000 on PostgreSQL) or all of
 * them (`all`). The chain costs about 0.3 ms per checkpoint, so a long-lived trail takes
 * minutes: a run goes on in the background after the request that started it, one at a time,
 * and the desk reads its outcome. A daily job (pg-boss, one process) verifies the chain and
 * every event sealed since the last scheduled run, so each sealed event is recomputed at least
 * once without anyone asking. A run that finds a problem raises the `verification_failure`
 * alerts, as `hourglass audit verify` does.
 */

export const verificationRequestSchema = z.strictObject({
  events: z
    .enum(['recent', 'all'])
    .default('recent')
    .describe('Recompute the newest sealed events, or every one (the chain is always whole)'),
});

const findingSchema = z.object({
  firstSeq: z.string(),
  lastSeq: z.string(),
  seq: z.string().optional(),
  message: z.string(),
});

export const verificationRunSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(['request', 'schedule']),
    requestedBy: z
      .string()
      .nullable()
      .describe('The account that asked, when of your organization; null for the schedule'),
    status: z.enum(['running', 'finished', 'failed', 'abandoned']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    events: z
      .object({ fromSeq: z.string(), toSeq: z.string() })
      .nullable()
      .describe('The sequence range of the events recomputed; null when none was sealed'),
    ok: z.boolean().nullable(),
    checkpoints: z.number().int().nullable(),
    eventsChecked: z.number().int().nullable(),
    failures: z.array(findingSchema),
    notes: z.array(z.string()),
    error: z.string().nullable().describe('Why the run could not finish'),
  })
  .meta({ id: 'AuditVerificationRun' });
export type VerificationRun = z.infer<typeof verificationRunSchema>;

export const verificationStateSchema = z
  .object({
    running: verificationRunSchema.nullable(),
    last: verificationRunSchema.nullable().describe('The newest run that ended'),
  })
  .meta({ id: 'AuditVerificationState' });

export class VerificationRunning extends Conflict {
  constructor(startedAt: Date) {
    super(
      'verification-running',
      'A verification is running',
      'The audit trail is being verified; its result will show here when it ends.',
      { startedAt: startedAt.toISOString() },
    );
  }
}

export interface VerificationDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The key the sealer signs with, loaded when a run first needs it. */
  signer: () => Promise<AuditSigner>;
  witnesses: Witness[];
  recentEvents?: number;
  /** Told each finished run's report: the alert engine raises `verification_failure` alerts. */
  onReport?: (report: VerifyReport) => Promise<unknown>;
}

/** A run still `running` after this long was cut short (the process stopped) and is abandoned. */
const abandonedAfterMs = 6 * 3_600_000;
/** At most this many findings are kept per run (a rewritten trail could give one per event). */
const keptFindings = 1000;

export type AuditVerification = ReturnType<typeof createAuditVerification>;

export function createAuditVerification(deps: VerificationDeps) {
  const { db, clock, log } = deps;
  const recentEvents = BigInt(deps.recentEvents ?? 100_000);
  let inFlight: Promise<void> | undefined;
  let signer: Promise<AuditSigner> | undefined;

  const view = (r: store.VerificationRow, viewer: Actor | null): VerificationRun => ({
    id: r.id,
    trigger: r.trigger,
    requestedBy:
      viewer && 'organizationId' in viewer && viewer.organizationId === r.organization_id
        ? r.requested_by
        : null,
    status:
      r.status === 'running' && clock.now().getTime() - r.started_at.getTime() > abandonedAfterMs
        ? 'abandoned'
        : r.status,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    events: r.from_seq && r.to_seq ? { fromSeq: r.from_seq, toSeq: r.to_seq } : null,
    ok: r.ok,
    checkpoints: r.checkpoints,
    eventsChecked: r.events_checked === null ? null : Number(r.events_checked),
    failures: r.failures ?? [],
    notes: r.notes ?? [],
    error: r.error,
  });

  /** Verifies and records the outcome; never throws (the outcome is the record). */
  async function verifyInto(row: store.VerificationRow): Promise<void> {
    let key: AuditSigner;
    try {
      key = await (signer ??= deps.signer());
    } catch (err) {
      signer = undefined;
      log.error({ err }, 'audit verification: the signing key cannot be loaded');
      await store.failRun(db, row.id, clock.now(), 'the audit signing key cannot be loaded');
      return;
    }
    try {
      const report = await verifyAudit(db, {
        signer: key,
        witnesses: deps.witnesses,
        ...(row.from_seq && row.to_seq ? { fromSeq: row.from_seq, toSeq: row.to_seq } : {}),
      });
      const extra = report.failures.length - keptFindings;
      await store.finishRun(db, row.id, {
        finishedAt: clock.now(),
        ok: report.ok,
        checkpoints: report.checkpoints,
        eventsChecked: report.eventsChecked,
        failures: report.failures.slice(0, keptFindings),
        notes: extra > 0 ? [...report.notes, `${extra} more finding(s) not kept`] : report.notes,
      });
      if (!report.ok) log.error({ run: row.id }, 'audit verification found tampering');
      await deps.onReport?.(report).catch((err: unknown) => {
        log.error({ err, run: row.id }, 'audit verification: alerts could not be raised');
      });
    } catch (err) {
      log.error({ err, run: row.id }, 'audit verification stopped');
      await store.failRun(db, row.id, clock.now(), 'the verification stopped on an error');
    }
  }

  /** Starts a run over [from, to] (null: nothing sealed yet, the chain only), one at a time. */
  async function start(
    trigger: store.VerificationRow['trigger'],
    actor: Actor | null,
    range: { from: string; to: string } | null,
  ) {
    const now = clock.now();
    const running = await store.runningSince(db, new Date(now.getTime() - abandonedAfterMs));
    if (inFlight || running) throw new VerificationRunning(running?.started_at ?? now);
    const row = await store.insertRun(db, {
      trigger,
      requestedBy: actor ? actorId(actor) : null,
      organizationId: actor && 'organizationId' in actor ? actor.organizationId : null,
      startedAt: now,
      fromSeq: range?.from ?? null,
      toSeq: range?.to ?? null,
    });
    const done = verifyInto(row).finally(() => {
      inFlight = undefined;
    });
    inFlight = done;
    return { row, done };
  }

  return {
    /** The run going on now, if any, and the newest one that ended. */
    async state(actor: Actor) {
      if (!mayReadAuditLog(actor)) throw new Forbidden();
      const running = await store.runningSince(
        db,
        new Date(clock.now().getTime() - abandonedAfterMs),
      );
      const last = await store.lastEnded(db);
      return {
        running: running ? view(running, actor) : null,
        last: last ? view(last, actor) : null,
      };
    },

    /** A compliance officer's run: started now, finished in the background. */
    async request(actor: Actor, input: z.infer<typeof verificationRequestSchema>) {
      if (!mayReadAuditLog(actor)) throw new Forbidden();
      const sealed = BigInt(await lastSealedSeq(db));
      const from =
        input.events === 'all' || sealed <= recentEvents ? 1n : sealed - recentEvents + 1n;
      const range = sealed > 0n ? { from: String(from), to: String(sealed) } : null;
      return view((await start('request', actor, range)).row, actor);
    },

    /** The daily run: the chain, and every event sealed since the last scheduled run. */
    async scheduled(): Promise<void> {
      const sealed = BigInt(await lastSealedSeq(db));
      const previous = await store.lastEnded(db, { trigger: 'schedule' });
      const from = previous?.to_seq ? BigInt(previous.to_seq) + 1n : 1n;
      const range = sealed >= from ? { from: String(from), to: String(sealed) } : null;
      try {
        await (
          await start('schedule', null, range)
        ).done;
      } catch (err) {
        if (!(err instanceof VerificationRunning)) throw err;
        log.info('audit verification: a run is going on; the scheduled one is skipped');
      }
    },

    /** Resolves when no run of this process is going on (shutdown, tests). */
    async idle(): Promise<void> {
      await inFlight;
    },
  };
}

export const VERIFY_QUEUE = 'audit-verify';

/** Every day at 03:30 UTC, in one process: the scheduled verification. */
export async function startVerificationJob(jobs: Jobs, verification: AuditVerification) {
  await jobs.boss.createQueue(VERIFY_QUEUE);
  await jobs.boss.schedule(VERIFY_QUEUE, '30 3 * * *');
  await jobs.boss.work(VERIFY_QUEUE, () => verification.scheduled());
}
