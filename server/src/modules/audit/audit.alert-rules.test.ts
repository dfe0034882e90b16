import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testKeyringKeys, type TestDb } from '../../../test/harness.ts';
import { openEnvKeyring } from '../../platform/crypto/keyring.ts';
import { createVault } from '../../platform/crypto/vault.ts';
import { migrate } from '../../platform/db/migrate.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { createAlertRules } from './audit.alert-rules.ts';
import { createAlertEngine } from './audit.alerts.ts';
import { createSealer } from './audit.sealer.ts';
import { createAudit } from './audit.service.ts';
import { listAuditEvents } from './audit.store.ts';
import { newSigner, orgId, patientNo, sealEverything, settleGenerously } from './audit.testkit.ts';

// Changing alert rules: parameters, on and off, email and webhook, each change audited.
const officer: Actor = {
  type: 'user',
  id: 'u_officer',
  organizationId: orgId,
  roles: ['compliance_officer'],
};
const otherOfficer: Actor = {
  ...officer,
  id: 'u_other',
  organizationId: '00000000-0000-4000-8000-0000000000b2',
};

let t: TestDb;
let rules: ReturnType<typeof createAlertRules>;
let run: () => Promise<{ kind: string; subject: string | null }[]>;

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  // Webhook secrets are sealed under the organization's data key.
  await t.db.query(`insert into organizations (id, slug, name) values ($1, 'audited', 'Audited')`, [
    orgId,
  ]);
  rules = createAlertRules(t.db, {
    vault: createVault(openEnvKeyring(testKeyringKeys)),
    webhooks: { allowPrivate: false },
  });
  const sealer = createSealer({
    ...settleGenerously,
    db: t.db,
    signer: newSigner(),
    witnesses: [],
  });
  const engine = createAlertEngine({ db: t.db });
  run = async () => {
    await sealEverything(sealer, t.db);
    return engine.runOnce();
  };
});
afterAll(() => t.drop());

async function breakGlass(by: string) {
  await createAudit(t.db).record({
    actor: { type: 'user', id: by, organizationId: orgId, roles: ['clinician'] },
    action: 'patient.break_glass',
    resourceType: 'patient',
    patientId: patientNo(1),
    outcome: 'success',
  });
}

describe('changing alert rules', () => {
  it('switches a rule off and on: a switched-off rule raises nothing', async () => {
    const rule = await rules.create(officer, { rule: { kind: 'break_glass' } });
    const off = await rules.update(officer, rule.id, { enabled: false });
    expect(off).toMatchObject({ id: rule.id, enabled: false });
    await breakGlass('u_er1');
    expect(await run()).toEqual([]);
    await rules.update(officer, rule.id, { enabled: true });
    await breakGlass('u_er2');
    expect((await run()).map((a) => [a.kind, a.subject])).toEqual([['break_glass', 'u_er2']]);
    expect((await rules.rules(officer)).map((r) => [r.id, r.enabled])).toEqual([[rule.id, true]]);
  });

  it('changes parameters within the same kind, and refuses another kind with nothing changed', async () => {
    const rule = await rules.create(officer, { rule: { kind: 'repeated_denials', threshold: 5 } });
    const changed = await rules.update(officer, rule.id, {
      rule: { kind: 'repeated_denials', threshold: 8, windowMinutes: 30 },
      email: true,
    });
    expect(changed).toMatchObject({ params: { threshold: 8, windowMinutes: 30 }, email: true });
    const err = await rules
      .update(officer, rule.id, { rule: { kind: 'break_glass' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Invalid);
    expect((err as Invalid).errors?.[0]?.pointer).toBe('/body/rule/kind');
    const [stored] = (await rules.rules(officer)).filter((r) => r.id === rule.id);
    expect(stored).toMatchObject({ kind: 'repeated_denials', params: { threshold: 8 } });
  });

  it('removes a webhook together with its signing secret', async () => {
    const rule = await rules.create(officer, {
      rule: { kind: 'verification_failure' },
      webhookUrl: 'https://93.184.215.14/hooks/audit',
      webhookSecret: 'a-signing-secret-of-some-length',
    });
    expect(rule).toMatchObject({ webhookSigned: true });
    const removed = await rules.update(officer, rule.id, { webhookUrl: null });
    expect(removed).toMatchObject({ webhookUrl: null, webhookSigned: false });
    const { rows } = await t.db.query(
      'select 1 from audit_alert_rules where id = $1 and webhook_secret_enc is not null',
      [rule.id],
    );
    expect(rows).toEqual([]);
  });

  it("hides other organizations' rules, and audits every change with the rule's id", async () => {
    const rule = await rules.create(officer, { rule: { kind: 'break_glass' } });
    await expect(rules.update(otherOfficer, rule.id, { enabled: false })).rejects.toThrow(NotFound);
    expect((await rules.rules(officer)).find((r) => r.id === rule.id)?.enabled).toBe(true);
    await rules.update(officer, rule.id, { email: true });
    const events = (await listAuditEvents(t.db)).filter((e) => e.resource_id === rule.id);
    expect(events.map((e) => [e.action, e.outcome, e.actor_id])).toEqual([
      ['audit.alert_rule.create', 'success', 'u_officer'],
      ['audit.alert_rule.update', 'success', 'u_officer'],
    ]);
  });
});
