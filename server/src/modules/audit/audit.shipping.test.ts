import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/harness.ts';
import { signCheckpoint } from './audit.checkpoint.ts';
import { auditShipping } from './audit.shipping.ts';
import type { CanonicalRow } from './audit.store.ts';
import { newSigner, orgId, patientNo } from './audit.testkit.ts';

// Sealed audit events leave the process as JSON lines on stdout (besides syslog when it is set),
// one line per event, ids only, unless the operator turns stdout off.

function captured() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

const event = (seq: number): CanonicalRow => ({
  seq: String(seq),
  id: `00000000-0000-4000-8000-00000000e00${seq}`,
  occurred_at: '2026-11-24T10:00:00.000000Z',
  organization_id: orgId,
  actor_type: 'user',
  actor_id: 'u_front_desk',
  actor_role: 'front_desk',
  action: 'patient.read',
  resource_type: 'patient',
  resource_id: patientNo(seq),
  resource_ids: null,
  patient_id: patientNo(seq),
  outcome: 'success',
  request_id: `req_${seq}`,
  source_ip: '203.0.113.7',
  user_agent_digest: null,
  source_country: null,
});

const signer = newSigner();
const checkpoint = signCheckpoint(
  {
    v: 1,
    no: '1',
    firstSeq: '1',
    lastSeq: '2',
    count: 2,
    root: 'ab'.repeat(32),
    prev: '0'.repeat(64),
    sealedAt: '2026-11-24T10:00:05.000Z',
    keyId: signer.keyId,
  },
  signer,
);

describe('shipping sealed audit events', () => {
  it('writes one JSON line per event to stdout by default, then one for the checkpoint', () => {
    const out = captured();
    const { onSealed } = auditShipping(testConfig(), undefined, out.stream);
    onSealed!(checkpoint, [event(1), event(2)]);
    const parsed = out.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toMatchObject([
      { type: 'audit_event', event: { seq: '1', action: 'patient.read', request_id: 'req_1' } },
      { type: 'audit_event', event: { seq: '2', patient_id: patientNo(2) } },
      { type: 'audit_checkpoint', checkpoint: { no: '1', lastSeq: '2' } },
    ]);
    expect(parsed[0]).toMatchObject({ level: 30, service: 'hourglass', msg: 'audit event' });
  });

  it('writes nothing to stdout when HOURGLASS_AUDIT_LOG_STDOUT=false', () => {
    const out = captured();
    const config = testConfig({ HOURGLASS_AUDIT_LOG_STDOUT: 'false' });
    expect(config.audit.logToStdout).toBe(false);
    expect(auditShipping(config, undefined, out.stream)).toEqual({});
    expect(testConfig().audit.logToStdout).toBe(true);
  });
});
