import type { Db } from '../../platform/db/db.ts';
import { encodePurge, type Witness } from './audit.checkpoint.ts';
import { createAudit } from './audit.service.ts';
import type { AuditSigner } from './audit.signing.ts';
import { deleteSealedThrough } from './audit.store.ts';
import {
  allPurges,
  insertPurge,
  lastCheckpointSealedBefore,
  type PurgeRow,
} from './audit.checkpoints.store.ts';
import { verifyAudit } from './audit.verify.ts';

export class PurgeRefused extends Error {
  override name = 'PurgeRefused';
}

/**
 * The retention purge: the one privileged, audited path that removes audit events. It removes the
 * events of whole checkpoints sealed before the cutoff — after verifying them, so evidence of
 * tampering is never destroyed — keeps their checkpoints and leaf hashes (what was removed stays
 * sealed), signs a purge record, and audits itself, all in one transaction.
 */
export async function purgeSealedBefore(
  db: Db,
  opts: { signer: AuditSigner; witnesses: Witness[]; cutoff: Date; now?: () => Date },
): Promise<PurgeRow | null> {
  const cutoff = opts.cutoff.toISOString();
  const purges = await allPurges(db);
  const done = purges.at(-1);
  const target = await lastCheckpointSealedBefore(db, cutoff);
  if (!target || (done && BigInt(target.no) <= BigInt(done.through_checkpoint))) return null;

  const report = await verifyAudit(db, {
    signer: opts.signer,
    witnesses: opts.witnesses,
    toSeq: target.last_seq,
  });
  if (!report.ok) {
    throw new PurgeRefused(
      `audit verification fails (${report.failures[0]!.message}); nothing was purged. Investigate before purging.`,
    );
  }
  const audit = createAudit(db);
  return db.transaction(async (tx) => {
    const count = await deleteSealedThrough(tx, target.last_seq);
    const unsigned = {
      no: String(purges.length + 1),
      through_checkpoint: target.no,
      through_seq: target.last_seq,
      event_count: String(count),
      cutoff,
      purged_at: (opts.now?.() ?? new Date()).toISOString(),
      key_id: opts.signer.keyId,
    };
    const record: PurgeRow = { ...unsigned, signature: opts.signer.sign(encodePurge(unsigned)) };
    await insertPurge(tx, record);
    await audit.record(
      {
        actor: { type: 'system', job: 'audit.retention' },
        action: 'audit.purge',
        resourceType: 'audit_checkpoint',
        resourceId: `${done ? BigInt(done.through_checkpoint) + 1n : 1n}-${target.no}`,
        outcome: 'success',
      },
      tx,
    );
    return record;
  });
}
