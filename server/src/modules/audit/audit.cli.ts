import type { Config } from '../../config.ts';
import { openDb } from '../../platform/db/db.ts';
import { migrate, pendingMigrations } from '../../platform/db/migrate.ts';
import { createJobs } from '../../platform/jobs/jobs.ts';
import { createLogger } from '../../platform/log/log.ts';
import { createAlertQueues } from './audit.alerts.delivery.ts';
import { createAlertEngine } from './audit.alerts.ts';
import { fileWitness } from './audit.checkpoint.ts';
import { checkProof, ProofError, proveEvent } from './audit.prove.ts';
import { PurgeRefused, purgeSealedBefore } from './audit.retention.ts';
import { loadAuditSigner } from './audit.signing.ts';
import { seqAt } from './audit.store.ts';
import { verifyAudit, type VerifyReport } from './audit.verify.ts';

export const auditUsage = `  audit verify [--from <seq|date>] [--to <seq|date>]
              recompute the audit trail against its signatures and the external
              checkpoints; exits 1 naming each event or range that fails
  audit prove <event-id>
              print the inclusion proof of one event up to a signed checkpoint
  audit purge --before <ISO date>
              retention: remove the events of checkpoints sealed before the date
              (verified first; checkpoints stay; signed and audited). Run as the owner.`;

interface Out {
  log(line: string): void;
  error(line: string): void;
}

/** `hourglass audit …`. Exit codes: 0 verified, 1 a check failed, 2 usage. */
export async function runAuditCommand(args: string[], config: Config, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  const parsed =
    sub === 'verify'
      ? parseVerifyArgs(rest)
      : sub === 'prove'
        ? rest
        : sub === 'purge'
          ? parsePurgeArgs(rest)
          : null;
  if (parsed === null || (sub === 'prove' && rest.length !== 1) || 'error' in parsed) {
    out.error(
      `hourglass audit: ${parsed && 'error' in parsed ? parsed.error : 'expected verify, prove <event-id> or purge --before <date>'}\n\n${auditUsage}`,
    );
    return 2;
  }
  const signer = await loadAuditSigner(config, { create: false }).catch((err: unknown) => {
    out.error(
      `hourglass audit: cannot load the audit signing key (${(err as Error).message}); set HOURGLASS_AUDIT_SIGNING_KEY or run from the data dir that signed the trail`,
    );
    return null;
  });
  if (!signer) return 1;
  const db = await openDb(config);
  try {
    // Verify and prove only read: they run under a read-only verifier role and never change the
    // database they check. Only the purge (run as the owner) brings the schema up to date.
    if (sub === 'purge') await migrate(db);
    else {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        out.error(
          `hourglass audit ${sub}: the database schema is behind this version of Hourglass (${pending.length} migration(s) not applied, first ${pending[0]}); run \`hourglass migrate\` as the owner first. Nothing was changed.`,
        );
        return 1;
      }
    }
    if (sub === 'prove') {
      try {
        const proof = await proveEvent(db, signer, rest[0]!);
        if (!checkProof(proof, signer)) throw new ProofError('the proof does not check out');
        out.log(JSON.stringify(proof, null, 2));
        return 0;
      } catch (err) {
        if (!(err instanceof ProofError)) throw err;
        out.error(`hourglass audit prove: ${err.message}`);
        return 1;
      }
    }
    if (sub === 'purge') {
      try {
        const purged = await purgeSealedBefore(db, {
          signer,
          witnesses: [fileWitness(config.audit.witnessDir)],
          cutoff: (parsed as { cutoff: Date }).cutoff,
        });
        out.log(
          purged
            ? `Purged ${purged.event_count} event(s) through checkpoint ${purged.through_checkpoint} (seq up to ${purged.through_seq}); purge record ${purged.no} signed.`
            : 'Nothing to purge: no checkpoint sealed before that date that is not purged already.',
        );
        return 0;
      } catch (err) {
        if (!(err instanceof PurgeRefused)) throw err;
        out.error(`hourglass audit purge: ${err.message}`);
        return 1;
      }
    }
    const { from, to } = parsed as { from?: Bound; to?: Bound };
    const fromSeq = from && ('seq' in from ? from.seq : await seqAt(db, from.time, 'from'));
    const toSeq = to && ('seq' in to ? to.seq : await seqAt(db, to.time, 'to'));
    const report = await verifyAudit(db, {
      signer,
      witnesses: [fileWitness(config.audit.witnessDir)],
      ...(fromSeq === undefined ? {} : { fromSeq }),
      ...(toSeq === undefined ? {} : { toSeq }),
    });
    printReport(report, out);
    if (!report.ok) {
      // Alerts go through the job queue, so rules that email or post them do so from the server.
      const jobs = config.jobs
        ? createJobs(db, { databaseUrl: config.databaseUrl, log: createLogger('warn') })
        : undefined;
      try {
        await jobs?.start();
        const deliveries = jobs ? await createAlertQueues(jobs) : undefined;
        const raised = await createAlertEngine({
          db,
          ...(deliveries ? { deliveries } : {}),
        }).reportVerification(report);
        if (raised.length) out.error(`Raised ${raised.length} verification-failure alert(s).`);
      } catch (err) {
        // A read-only verifier role cannot store alerts: the FAIL lines and exit code still stand.
        out.error(`Could not raise verification-failure alerts: ${(err as Error).message}`);
      } finally {
        await jobs?.stop();
      }
    }
    return report.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

function parsePurgeArgs(args: string[]): { cutoff: Date } | { error: string } {
  const [flag, value, ...extra] = args;
  if (flag !== '--before' || value === undefined || extra.length > 0) {
    return { error: 'purge takes --before <ISO date>' };
  }
  const cutoff = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(cutoff.getTime())) {
    return { error: '--before takes an ISO date such as 2020-01-01' };
  }
  return { cutoff };
}

type Bound = { seq: string } | { time: Date };

function parseVerifyArgs(args: string[]): { from?: Bound; to?: Bound } | { error: string } {
  const result: { from?: Bound; to?: Bound } = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = args[i + 1];
    if ((flag !== '--from' && flag !== '--to') || value === undefined) {
      return { error: `unexpected argument '${flag}'` };
    }
    const time = new Date(value);
    const bound: Bound | null = /^\d{1,18}$/.test(value)
      ? { seq: value }
      : /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(time.getTime())
        ? { time }
        : null;
    if (!bound) return { error: `${flag} takes a sequence number or an ISO date` };
    result[flag === '--from' ? 'from' : 'to'] = bound;
  }
  return result;
}

function printReport(report: VerifyReport, out: Out) {
  for (const f of report.failures) out.error(`FAIL ${f.message}`);
  for (const n of report.notes) out.log(`note: ${n}`);
  const summary = `${report.checkpoints} checkpoint(s), ${report.eventsChecked} event(s) recomputed`;
  if (report.ok) out.log(`Audit trail verified: ${summary}.`);
  else
    out.error(
      `Audit trail verification FAILED (${report.failures.length} problem(s)): ${summary}.`,
    );
}
