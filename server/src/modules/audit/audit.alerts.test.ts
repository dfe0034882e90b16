import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testKeyringKeys, type TestDb } from '../../../test/harness.ts';
import { openEnvKeyring } from '../../platform/crypto/keyring.ts';
import { createVault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { createAlertRules } from './audit.alert-rules.ts';
import { createAlertEngine } from './audit.alerts.ts';
import { createSealer } from './audit.sealer.ts';
import { createAudit } from './audit.service.ts';
import { listAuditEvents } from './audit.store.ts';
import {
  frontDesk,
  newSigner,
  orgId,
  patientNo,
  sealEverything,
  settleGenerously,
  tempWitness,
} from './audit.testkit.ts';

const officer: Actor = {
  type: 'user',
  id: 'u_officer',
  organizationId: orgId,
  roles: ['compliance_officer'],
};

// Rule evaluation: which alerts are raised, from which events. Delivery by email and webhook is
// tested in audit.alerts.delivery.test.ts.
let t: TestDb;
let run: () => Promise<
  { kind: string; subject: string | null; event_ids: string[]; summary: string }[]
>;
let rules: ReturnType<typeof createAlertRules>;
let engine: ReturnType<typeof createAlertEngine>;

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  const sealer = createSealer({
    ...settleGenerously,
    db: t.db,
    signer: newSigner(),
    witnesses: [tempWitness()],
  });
  engine = createAlertEngine({ db: t.db });
  run = async () => {
    await sealEverything(sealer, t.db);
    return engine.runOnce();
  };
  rules = createAlertRules(t.db, {
    vault: createVault(openEnvKeyring(testKeyringKeys)),
    webhooks: { allowPrivate: false },
  });
});
afterAll(() => t.drop());

const user = (id: string): Actor => ({
  type: 'user',
  id,
  organizationId: orgId,
  roles: ['front_desk'],
});

async function read(actor: Actor, patient: number, ua = 'Desk/1') {
  await createAudit(t.db).record({
    actor,
    action: 'patient.read',
    resourceType: 'patient',
    resourceId: patientNo(patient),
    patientId: patientNo(patient),
    outcome: 'success',
    userAgent: ua,
  });
}

describe('audit alerts', () => {
  it('flags a user reading more distinct patients in an hour than the organization allows, once, with the events behind it', async () => {
    await rules.create(officer, { rule: { kind: 'bulk_patient_reads', threshold: 3 } });
    const snoop = user('u_snoop');
    for (const p of [11, 12, 13, 14]) await read(snoop, p);
    await read(user('u_normal'), 11);

    const alerts = await run();
    expect(alerts.map((a) => [a.kind, a.subject])).toEqual([['bulk_patient_reads', 'u_snoop']]);
    expect(alerts[0]!.event_ids).toHaveLength(4);
    expect(alerts[0]!.summary).toMatch(/u_snoop read 4 distinct patients/);
    expect(alerts[0]).toMatchObject({ count: 4, window_minutes: 60 });

    await read(snoop, 15);
    expect(await run()).toEqual([]); // same user, same hour: already raised
    expect(
      (await rules.alerts(officer)).filter((a) => a.kind === 'bulk_patient_reads'),
    ).toHaveLength(1);
  });

  it('flags repeated denied access', async () => {
    await rules.create(officer, { rule: { kind: 'repeated_denials', threshold: 3 } });
    const audit = createAudit(t.db);
    for (let i = 0; i < 3; i++) {
      await audit.record({
        actor: user('u_prober'),
        action: 'patient.read',
        resourceType: 'patient',
        outcome: 'denied',
      });
    }
    const alerts = await run();
    expect(alerts.map((a) => [a.kind, a.subject, a.event_ids.length])).toEqual([
      ['repeated_denials', 'u_prober', 3],
    ]);
  });

  it('flags break-glass use and exports outside business hours', async () => {
    const now = new Date();
    // A one-minute business day twelve hours away: now is certainly outside it.
    const h = String((now.getUTCHours() + 12) % 24).padStart(2, '0');
    await rules.create(officer, {
      rule: { kind: 'export_outside_hours', timeZone: 'UTC', start: `${h}:00`, end: `${h}:01` },
    });
    await rules.create(officer, { rule: { kind: 'break_glass' } });
    const audit = createAudit(t.db);
    await audit.record({
      actor: user('u_night'),
      action: 'audit.export',
      resourceType: 'audit_event',
      outcome: 'success',
    });
    await audit.record({
      actor: user('u_er'),
      action: 'patient.break_glass',
      resourceType: 'patient',
      patientId: patientNo(20),
      outcome: 'success',
    });
    const alerts = await run();
    expect(alerts.map((a) => [a.kind, a.subject]).sort()).toEqual([
      ['break_glass', 'u_er'],
      ['export_outside_hours', 'u_night'],
    ]);
  });

  it('flags a sign-in from a new device followed by bulk reads, but not the same from a known device', async () => {
    await rules.create(officer, { rule: { kind: 'new_device_bulk_reads', threshold: 2 } });
    const audit = createAudit(t.db);
    const signIn = (actor: Actor, ua: string) =>
      audit.record({
        actor,
        action: 'identity.sign_in',
        resourceType: 'session',
        outcome: 'success',
        userAgent: ua,
      });
    const known = user('u_known');
    await signIn(known, 'Laptop/1');
    await run();
    await signIn(known, 'Laptop/1');
    for (const p of [31, 32, 33]) await read(known, p, 'Laptop/1');
    const stranger = user('u_new_device');
    await read(stranger, 40, 'Desk/1');
    await run();
    await signIn(stranger, 'Unknown/9');
    for (const p of [41, 42, 43]) await read(stranger, p, 'Unknown/9');
    const alerts = (await run()).filter((a) => a.kind === 'new_device_bulk_reads');
    expect(alerts.map((a) => a.subject)).toEqual(['u_new_device']);
    expect(alerts[0]!.event_ids).toHaveLength(4);
  });

  it('flags a failed audit verification to every organization that asked', async () => {
    await rules.create(officer, { rule: { kind: 'verification_failure' } });
    const alerts = await engine.reportVerification({
      ok: false,
      checkpoints: 2,
      eventsChecked: 10,
      failures: [
        {
          firstSeq: '7',
          lastSeq: '10',
          message: 'checkpoint 2 (seq 7-10): 1 sealed event(s) missing',
        },
      ],
      notes: [],
    });
    expect(alerts.map((a) => a.summary)).toEqual([
      expect.stringMatching(/Audit verification failed .* seq 7-10/),
    ]);
  });

  it('lets only compliance officers set rules, and audits each change', async () => {
    await expect(rules.create(frontDesk, { rule: { kind: 'break_glass' } })).rejects.toThrow(
      Forbidden,
    );
    await rules.create(officer, { rule: { kind: 'break_glass' } }, { requestId: 'req_rule' });
    const [event] = await listAuditEvents(t.db, { requestId: 'req_rule' });
    expect(event).toMatchObject({
      action: 'audit.alert_rule.create',
      outcome: 'success',
      actor_id: 'u_officer',
    });
    await expect(
      rules.create(officer, { rule: { kind: 'export_outside_hours', timeZone: 'Mars/Olympus' } }),
    ).rejects.toThrow(/IANA time zone/);
  });

  it('waits for events to be sealed, so a late commit is never skipped', async () => {
    const late = user('u_late');
    for (const p of [51, 52, 53, 54]) await read(late, p);
    expect(await engine.runOnce()).toEqual([]);
    expect((await run()).map((a) => [a.kind, a.subject])).toEqual([
      ['bulk_patient_reads', 'u_late'],
    ]);
  });

  it('starts the demo clinic with the default rules, once', async () => {
    const vault = createVault(openEnvKeyring(testKeyringKeys));
    expect(await seedDemo(t.db, vault)).toBe(true);
    expect(await seedDemo(t.db, vault)).toBe(false);
    const { rows } = await t.db.query<{ kind: string }>(
      `select kind from audit_alert_rules
        where organization_id = (select id from organizations where slug = 'demo') order by kind`,
    );
    expect(rows.map((r) => r.kind)).toEqual([
      'break_glass',
      'bulk_patient_reads',
      'new_device_bulk_reads',
      'repeated_denials',
      'verification_failure',
    ]);
  });
});
