import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { createSealer, type Sealer } from './audit.sealer.ts';
import { signerFromKey, type AuditSigner } from './audit.signing.ts';
import { listAuditEvents } from './audit.store.ts';
import {
  asAttacker,
  recordReads,
  sealEverything,
  settleGenerously,
  tempWitness,
} from './audit.testkit.ts';
import { addAlertRule } from './audit.testkit.ts';
import { createAuditVerification, VerificationRunning } from './audit.verification.ts';

// The compliance officer's desk shows the state of audit verification: the server verifies the
// trail it signed (the same check as `hourglass audit verify`) and keeps what it found.

const key = generateKeyPairSync('ed25519').privateKey;
const signer = signerFromKey(key);
const witness = tempWitness();
let h: IdentityApp;
let sealer: Sealer;
let officer: TestAccount;
let desk: Client;
let asOfficer: Actor;

beforeAll(async () => {
  h = await startIdentityApp({
    env: {
      HOURGLASS_AUDIT_SIGNING_KEY: key.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      HOURGLASS_AUDIT_WITNESS_DIR: witness.dir,
    },
  });
  sealer = createSealer({ ...settleGenerously, db: h.db, signer, witnesses: [witness] });
  const org = await addOrganization(h, 'verified');
  officer = await addAccount(h, org, { roles: ['compliance_officer'] });
  desk = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
  asOfficer = {
    type: 'user',
    id: officer.account.id,
    organizationId: org.id,
    roles: ['compliance_officer'],
  };
});
afterAll(() => h.close());

const sealed = async () =>
  (await h.db.query<{ last: string }>('select max(last_seq)::text as last from audit_checkpoints'))
    .rows[0]!.last;

/** A verification instance on the app's database, with a key source the test controls. */
const verification = (signerSource: () => Promise<AuditSigner>, recentEvents?: number) =>
  createAuditVerification({
    db: h.db,
    clock: h.clock,
    log: h.log,
    signer: signerSource,
    witnesses: [witness],
    ...(recentEvents ? { recentEvents } : {}),
  });

describe('the state of audit verification', () => {
  it('says so before anything was verified, to compliance officers only', async () => {
    const c = await signIn(h, officer);
    const res = await c.get('/api/audit/verification');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ running: null, last: null });
    expect((await desk.get('/api/audit/verification')).statusCode).toBe(403);
    expect((await desk.post('/api/audit/verification', {})).statusCode).toBe(403);
    const bad = await c.post('/api/audit/verification', { events: 'everything' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/body/events');
  });

  it('verifies an intact trail on request, and shows when, what range, by whom and the result', async () => {
    await recordReads(h.db, 5);
    await sealEverything(sealer, h.db);
    const c = await signIn(h, officer);
    const started = await c.post('/api/audit/verification', {});
    expect(started.statusCode).toBe(202);
    const last = await sealed();
    expect(started.json()).toMatchObject({
      trigger: 'request',
      requestedBy: officer.account.id,
      status: 'running',
      startedAt: h.clock.now().toISOString(),
      events: { fromSeq: '1', toSeq: last },
    });
    const asked = await listAuditEvents(h.db, {
      requestId: String(started.headers['x-request-id']),
    });
    expect(asked.map((e) => [e.action, e.outcome, e.resource_id])).toEqual([
      ['audit.verification.request', 'success', started.json().id],
    ]);

    await h.auditVerification.idle();
    const state = (await c.get('/api/audit/verification')).json();
    expect(state.running).toBeNull();
    expect(state.last).toMatchObject({
      id: started.json().id,
      status: 'finished',
      ok: true,
      eventsChecked: Number(last),
      failures: [],
      error: null,
    });
    expect(state.last.checkpoints).toBeGreaterThan(0);
  });

  it('after tampering, names the event that was altered and raises the alert', async () => {
    await addAlertRule(h, officer.org.id, { kind: 'verification_failure' });
    await asAttacker(h.db, [`update audit_events set actor_id = 'u_someone_else' where seq = 3`]);
    const c = await signIn(h, officer);
    expect((await c.post('/api/audit/verification', { events: 'all' })).statusCode).toBe(202);
    await h.auditVerification.idle();
    const { last } = (await c.get('/api/audit/verification')).json();
    expect(last).toMatchObject({ status: 'finished', ok: false });
    expect(last.failures).toContainEqual(
      expect.objectContaining({ seq: '3', message: expect.stringMatching(/was altered/) }),
    );
    const alerts = (await c.get('/api/audit/alerts')).json().alerts;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'verification_failure' }));
  });
});

describe('verification runs', () => {
  it('recompute the newest events on request, and check the whole chain', async () => {
    const recent = verification(async () => signer, 2);
    const run = await recent.request(asOfficer, { events: 'recent' });
    const last = BigInt(await sealed());
    expect(run.events).toEqual({ fromSeq: String(last - 1n), toSeq: String(last) });
    await recent.idle();
    expect((await recent.state(asOfficer)).last).toMatchObject({ id: run.id, status: 'finished' });
  });

  it('go one at a time: a second request while one runs is a 409 verification-running', async () => {
    let release!: (s: AuditSigner) => void;
    const gated = verification(() => new Promise((resolve) => (release = resolve)));
    await gated.request(asOfficer, { events: 'recent' });
    const second = await gated.request(asOfficer, { events: 'recent' }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(VerificationRunning);
    expect(await h.auditVerification.state(asOfficer)).toMatchObject({
      running: { status: 'running' },
    });
    release(signer);
    await gated.idle();
  });

  it('record a run that cannot load the signing key as failed, saying why', async () => {
    const broken = verification(() => Promise.reject(new Error('no key file')));
    await broken.request(asOfficer, { events: 'recent' });
    await broken.idle();
    expect((await broken.state(asOfficer)).last).toMatchObject({
      status: 'failed',
      ok: null,
      error: 'the audit signing key cannot be loaded',
    });
  });

  it('run daily from where the last scheduled run stopped, shown as the schedule’s', async () => {
    const daily = verification(async () => signer);
    await daily.scheduled();
    const first = (await daily.state(asOfficer)).last!;
    expect(first).toMatchObject({ trigger: 'schedule', requestedBy: null, status: 'finished' });
    expect(first.events).toEqual({ fromSeq: '1', toSeq: await sealed() });

    await recordReads(h.db, 3, 100);
    await sealEverything(sealer, h.db);
    await daily.scheduled();
    const second = (await daily.state(asOfficer)).last!;
    expect(second.events).toEqual({
      fromSeq: String(BigInt(first.events!.toSeq) + 1n),
      toSeq: await sealed(),
    });
  });
});
