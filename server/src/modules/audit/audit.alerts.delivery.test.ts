import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import {
  addAccount,
  addOrganization,
  signIn,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import { createTestClock, type TestClock } from '../../platform/time/clock.ts';
import { complianceOfficers } from '../identity/identity.officers.ts';
import { createAlertRules } from './audit.alert-rules.ts';
import { deliverAlertEmail, type DeliveryDeps } from './audit.alerts.delivery.ts';
import { createAudit } from './audit.service.ts';
import { patientNo, sealAndRunAlerts } from './audit.testkit.ts';
import { encryptClearWebhookSecrets, openWebhookSecret } from './audit.webhook-secrets.ts';

// Delivery of audit alerts by email (a real SMTP server) and signed webhook (a real HTTP
// receiver), through the app's pg-boss workers.

const secret = 'a-webhook-secret-of-length';
let h: TestApp;
let smtp: TestSmtp;
let server: Server;
let hookUrl: string;
const hooks: { body: string; signature: string | undefined }[] = [];
let a: Org;
let b: Org;
let officersA: { email: string; id: string }[];
let officerB: string;
let officerAccounts: { a: TestAccount; b: TestAccount };
let deskA: string;
let reader: { id: string; email: string; displayName: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      hooks.push({ body, signature: req.headers['x-hourglass-signature'] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  smtp = await startTestSmtp();
  h = await startTestApp({
    clock: createTestClock(),
    env: {
      ...smtp.env,
      HOURGLASS_JOBS: 'true',
      HOURGLASS_AUDIT_WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  a = await addOrganization(h, 'alerts-a');
  b = await addOrganization(h, 'alerts-b');
  officersA = [];
  for (let i = 0; i < 2; i++) {
    const o = await addAccount(h, a, { roles: ['compliance_officer'] });
    officersA.push({ email: o.email, id: o.account.id });
    if (i === 0) officerAccounts = { a: o, b: o };
  }
  officerAccounts.b = await addAccount(h, b, { roles: ['compliance_officer'] });
  officerB = officerAccounts.b.email;
  deskA = (await addAccount(h, a, { roles: ['front_desk', 'manager'] })).email;
  const r = await addAccount(h, a, {
    roles: ['front_desk'],
    email: 'canary.quentin.marsh@example.test',
    displayName: 'Canary Quentin Marsh',
  });
  reader = { id: r.account.id, email: r.email, displayName: 'Canary Quentin Marsh' };
});
afterAll(async () => {
  await h.close();
  await smtp.close();
  await new Promise((resolve) => server.close(resolve));
});

const officer = (org: Org): Actor => ({
  type: 'user',
  id: `officer-of-${org.slug}`,
  organizationId: org.id,
  roles: ['compliance_officer'],
});

const subjectLine = 'Hourglass audit alert: Many patient records read by one user';

describe('audit alert delivery', () => {
  it('emails each compliance officer of the organization, and nobody else; signs and posts the webhook; audits every delivery', async () => {
    const rules = createAlertRules(h.db, { vault: h.vault, webhooks: { allowPrivate: true } });
    await rules.create(officer(a), {
      rule: { kind: 'bulk_patient_reads', threshold: 2 },
      email: true,
      webhookUrl: hookUrl,
      webhookSecret: secret,
    });
    await rules.create(officer(b), {
      rule: { kind: 'bulk_patient_reads', threshold: 2 },
      email: true,
    });
    const audit = createAudit(h.db);
    const patients = [901, 902, 903].map(patientNo);
    for (const patientId of patients) {
      await audit.record({
        actor: { type: 'user', id: reader.id, organizationId: a.id, roles: ['front_desk'] },
        action: 'patient.read',
        resourceType: 'patient',
        resourceId: patientId,
        patientId,
        outcome: 'success',
        ip: '198.51.100.23',
      });
    }

    const [alert, ...others] = await sealAndRunAlerts(h);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ organization_id: a.id, count: 3, window_minutes: 60 });

    for (const o of officersA) {
      const mail = await smtp.waitFor(o.email, (m) => m.subject === subjectLine);
      expect(mail.secure).toBe(true);
      expect(mail.text).toContain(`${h.identity.publicUrl}/audit/alerts/${alert!.id}`);
      expect(mail.text).toContain('3 distinct patient records read within 60 minutes');
      expect(mail.text).toContain(alert!.raised_at.toISOString());
      // No PHI, no names, no ids but the alert's: the canaries behind the alert stay out.
      for (const canary of [
        reader.displayName,
        'Quentin',
        reader.email,
        reader.id,
        ...patients,
        '198.51.100.23',
        ...alert!.event_ids,
      ]) {
        expect(mail.text).not.toContain(canary);
        expect(mail.subject).not.toContain(canary);
      }
    }
    const hook = await waitFor(() => hooks[0]);
    expect(hook.signature).toBe(
      'sha256=' + createHmac('sha256', secret).update(hook.body).digest('hex'),
    );
    expect(JSON.parse(hook.body)).toMatchObject({ id: alert!.id, eventIds: alert!.event_ids });

    // Both jobs done: everything they were going to send has been sent.
    await waitFor(async () => {
      const { rows } = await h.db.query<{ state: string }>(
        `select state from pgboss.job where data->>'alertId' = $1`,
        [alert!.id],
      );
      return rows.length === 2 && rows.every((r) => r.state === 'completed') ? true : undefined;
    });
    const { rows: events } = await h.db.query<{
      action: string;
      outcome: string;
      actor_type: string;
      actor_id: string;
      resource_ids: string[] | null;
    }>(
      `select action, outcome, actor_type, actor_id, resource_ids from audit_events
        where resource_id = $1 and action like 'audit.alert.%' order by seq`,
      [alert!.id],
    );
    expect(events).toHaveLength(3);
    expect(events.filter((e) => e.action === 'audit.alert.email')).toEqual(
      expect.arrayContaining(
        officersA.map((o) => ({
          action: 'audit.alert.email',
          outcome: 'success',
          actor_type: 'system',
          actor_id: 'audit.alert-delivery',
          resource_ids: [o.id],
        })),
      ),
    );
    expect(events.find((e) => e.action === 'audit.alert.webhook')).toMatchObject({
      outcome: 'success',
    });
    expect((await rules.alerts(officer(a)))[0]).toMatchObject({ webhook_status: 'delivered' });

    // Nobody outside the organization's compliance officers got anything.
    for (const other of [officerB, deskA, reader.email]) expect(smtp.to(other)).toEqual([]);
    expect(smtp.received.filter((m) => m.subject === subjectLine)).toHaveLength(2);
  });

  it("opens the alert the email links to for the organization's officers only", async () => {
    const rules = createAlertRules(h.db, { vault: h.vault, webhooks: { allowPrivate: true } });
    const [alert] = await rules.alerts(officer(a));
    const own = await signIn(h as TestApp & { clock: TestClock }, officerAccounts.a);
    const res = await own.get(`/api/audit/alerts/${alert!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: alert!.id,
      kind: 'bulk_patient_reads',
      eventIds: alert!.event_ids,
      webhookStatus: 'delivered',
    });
    // The events behind it come with it, each the event the alert names.
    const events = (res.json() as { events: { id: string; action: string }[] }).events;
    expect(events.map((e) => e.id).sort()).toEqual([...alert!.event_ids].sort());
    expect(events.every((e) => e.action === 'patient.read')).toBe(true);
    const other = await signIn(h as TestApp & { clock: TestClock }, officerAccounts.b);
    expect((await other.get(`/api/audit/alerts/${alert!.id}`)).statusCode).toBe(404);
  });

  it('keeps the webhook secret encrypted and never returns it', async () => {
    const { rows } = await h.db.query<{
      id: string;
      organization_id: string;
      webhook_secret: string | null;
      webhook_secret_enc: Uint8Array;
    }>(
      `select id::text as id, organization_id::text as organization_id, webhook_secret,
              webhook_secret_enc from audit_alert_rules where webhook_secret_enc is not null`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.webhook_secret).toBeNull();
    expect(Buffer.from(rows[0]!.webhook_secret_enc).toString('latin1')).not.toContain(secret);
    expect(await openWebhookSecret(h.db, h.vault, rows[0]!)).toBe(secret);
    const listed = await createAlertRules(h.db, {
      vault: h.vault,
      webhooks: { allowPrivate: true },
    }).rules(officer(a));
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.find((r) => r.webhookUrl)).toMatchObject({ webhookSigned: true });
  });

  it('encrypts secrets left in clear by an earlier version at start-up', async () => {
    const { rows } = await h.db.query<{ id: string }>(
      `insert into audit_alert_rules (organization_id, kind, webhook_url, webhook_secret)
       values ($1, 'break_glass', $2, 'an-old-clear-secret-value') returning id::text as id`,
      [b.id, hookUrl],
    );
    expect(await encryptClearWebhookSecrets(h.db, h.vault)).toBe(1);
    const after = await h.db.query<{ webhook_secret: string | null; webhook_secret_enc: Buffer }>(
      `select webhook_secret, webhook_secret_enc from audit_alert_rules where id = $1`,
      [rows[0]!.id],
    );
    expect(after.rows[0]!.webhook_secret).toBeNull();
    expect(
      await openWebhookSecret(h.db, h.vault, {
        id: rows[0]!.id,
        organization_id: b.id,
        webhook_secret_enc: after.rows[0]!.webhook_secret_enc,
      }),
    ).toBe('an-old-clear-secret-value');
  });

  it('records a failed email, fails the job so it is retried, and the retry reaches only those not reached yet', async () => {
    const [alert] = await h.db
      .query<{ id: string }>(
        `select id::text as id from audit_alerts where organization_id = $1 limit 1`,
        [a.id],
      )
      .then((r) => r.rows);
    const sent: string[] = [];
    const flaky = (failFor: string): Mailer => ({
      async send(m) {
        if (m.to === failFor) throw new Error('mailbox unavailable');
        sent.push(m.to);
      },
    });
    // A fresh alert id's ledger: pretend nobody was reached by using a copy of the alert.
    const { rows } = await h.db.query<{ id: string }>(
      `insert into audit_alerts (organization_id, rule_id, kind, summary, event_ids, dedupe_key, count)
       select organization_id, rule_id, kind, summary, event_ids, 'retry-test', count
         from audit_alerts where id = $1 returning id::text as id`,
      [alert!.id],
    );
    const deps: DeliveryDeps = {
      db: h.db,
      vault: h.vault,
      mailer: flaky(officersA[0]!.email),
      log: h.log,
      recipients: complianceOfficers(h.vault),
      publicUrl: 'https://clinic.example',
      webhooks: { allowPrivate: false },
    };
    await expect(deliverAlertEmail(deps, rows[0]!.id)).rejects.toThrow(/1 officer/);
    expect(sent).toEqual([officersA[1]!.email]);
    await deliverAlertEmail({ ...deps, mailer: flaky('nobody') }, rows[0]!.id);
    expect(sent).toEqual([officersA[1]!.email, officersA[0]!.email]);
    const { rows: ledger } = await h.db.query<{ outcome: string; resource_ids: string[] }>(
      `select outcome, resource_ids from audit_events
        where action = 'audit.alert.email' and resource_id = $1 order by seq`,
      [rows[0]!.id],
    );
    expect(ledger).toEqual([
      { outcome: 'failed', resource_ids: [officersA[0]!.id] },
      { outcome: 'success', resource_ids: [officersA[1]!.id] },
      { outcome: 'success', resource_ids: [officersA[0]!.id] },
    ]);
  });
});

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out');
}
