import type { Queryable } from '../../platform/db/db.ts';
import {
  encodeBody,
  eventLeaf,
  fromRow,
  splitLeaves,
  type SignedCheckpoint,
} from './audit.checkpoint.ts';
import { inclusionProof, merkleRoot, verifyInclusion } from './audit.merkle.ts';
import type { AuditSigner } from './audit.signing.ts';
import { canonicalEventById } from './audit.store.ts';
import { checkpointCovering } from './audit.checkpoints.store.ts';

/** The path from one event's leaf to a signed root (RFC 6962 audit path), checkable offline. */
export interface InclusionProof {
  eventId: string;
  seq: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  path: string[];
  checkpoint: SignedCheckpoint;
}

export class ProofError extends Error {
  override name = 'ProofError';
}

export async function proveEvent(
  db: Queryable,
  signer: AuditSigner,
  eventId: string,
): Promise<InclusionProof> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId)) {
    throw new ProofError(`'${eventId}' is not an audit event id (a UUID)`);
  }
  const event = await canonicalEventById(db, eventId);
  if (!event) throw new ProofError(`no audit event ${eventId}`);
  const row = await checkpointCovering(db, event.seq);
  if (!row) throw new ProofError(`event seq ${event.seq} is not sealed yet`);
  const checkpoint = fromRow(row);
  if (!signer.verify(encodeBody(checkpoint), checkpoint.signature)) {
    throw new ProofError(
      `checkpoint ${checkpoint.no} (seq ${checkpoint.firstSeq}-${checkpoint.lastSeq}) is not signed by the audit key`,
    );
  }
  const leaves = splitLeaves(row.leaf_hashes);
  if (merkleRoot(leaves).toString('hex') !== checkpoint.root) {
    throw new ProofError(
      `checkpoint ${checkpoint.no} (seq ${checkpoint.firstSeq}-${checkpoint.lastSeq}): recorded leaves do not match its signed root`,
    );
  }
  const leaf = eventLeaf(event);
  const index = leaves.findIndex((l) => l.equals(leaf));
  if (index < 0) {
    throw new ProofError(
      `event seq ${event.seq} does not match what checkpoint ${checkpoint.no} sealed: it was altered`,
    );
  }
  const path = inclusionProof(leaves, index);
  return {
    eventId,
    seq: event.seq,
    leafIndex: index,
    treeSize: leaves.length,
    leafHash: leaf.toString('hex'),
    path: path.map((p) => p.toString('hex')),
    checkpoint,
  };
}

/** Checks a proof with nothing but the proof and the trusted key. */
export function checkProof(proof: InclusionProof, signer: AuditSigner): boolean {
  return (
    signer.verify(encodeBody(proof.checkpoint), proof.checkpoint.signature) &&
    verifyInclusion(
      Buffer.from(proof.leafHash, 'hex'),
      proof.leafIndex,
      proof.treeSize,
      proof.path.map((p) => Buffer.from(p, 'hex')),
      Buffer.from(proof.checkpoint.root, 'hex'),
    )
  );
}
