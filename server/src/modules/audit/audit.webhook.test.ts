import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import { nonPublicAddress } from '../../platform/net/addresses.ts';
import { complianceOfficers } from '../identity/identity.officers.ts';
import { deliverAlertWebhook } from './audit.alerts.delivery.ts';
import { insertRule, raiseAlert } from './audit.alerts.store.ts';
import { checkWebhookTarget, WebhookRefused } from './audit.webhook.ts';

// Alert webhooks cannot be pointed inward (SSRF): refused when the rule is set, and again when
// delivering, after DNS resolution, on the address actually connected to.

const strict = { allowPrivate: false };

describe('which addresses may receive webhooks', () => {
  it('refuses loopback, private, link-local, metadata, CGNAT, multicast and reserved addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.8',
      '172.16.5.4',
      '192.168.0.1',
      '169.254.169.254', // cloud metadata
      '100.64.0.1', // CGNAT
      '100.100.100.200', // a metadata address inside CGNAT
      '0.0.0.0',
      '224.0.0.251', // multicast
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::7',
      'fd00:ec2::254', // AWS metadata over IPv6
      'ff02::1',
      '::ffff:127.0.0.1', // IPv4-mapped
      '::ffff:169.254.169.254',
    ]) {
      expect(nonPublicAddress(ip), ip).not.toBeNull();
    }
    for (const ip of ['8.8.8.8', '131.188.0.1', '2001:4860:4860::8888']) {
      expect(nonPublicAddress(ip), ip).toBeNull();
    }
  });

  it('refuses plain http, forbidden literal addresses, credentials in the URL, and names resolving inward', async () => {
    for (const url of [
      'http://hooks.example.com/alerts',
      'https://127.0.0.1/alerts',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]:8443/',
      'https://[::ffff:a00:1]/', // ::ffff:10.0.0.1
      'https://100.64.0.1/',
      'https://user:pw@8.8.8.8/',
      'https://localhost:9999/alerts', // resolves to loopback
      'ftp://8.8.8.8/',
    ]) {
      await expect(checkWebhookTarget(url, strict), url).rejects.toThrow(WebhookRefused);
    }
    await expect(checkWebhookTarget('https://8.8.8.8/alerts', strict)).resolves.toBeInstanceOf(URL);
  });

  it('lets a configuration that allows private targets use them (tests, development)', async () => {
    await expect(
      checkWebhookTarget('http://127.0.0.1:9/alerts', { allowPrivate: true }),
    ).resolves.toBeInstanceOf(URL);
  });
});

let h: IdentityApp;
let org: Org;
let server: Server;
let port: number;
let hits = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  h = await startIdentityApp(); // HOURGLASS_AUDIT_WEBHOOK_ALLOW_PRIVATE unset
  org = await addOrganization(h, 'ssrf-clinic');
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('webhook targets over HTTP and at delivery', () => {
  it('answers 400 to a rule whose webhook points at the metadata service, and writes no rule', async () => {
    const officer = await addAccount(h, org, { roles: ['compliance_officer'] });
    const c = await signIn(h, officer);
    for (const webhookUrl of [
      'https://169.254.169.254/latest/meta-data/',
      `https://localhost:${port}/alerts`,
      `http://8.8.8.8/alerts`,
    ]) {
      const res = await c.post('/api/audit/alert-rules', {
        rule: { kind: 'break_glass' },
        webhookUrl,
      });
      expect(res.statusCode, webhookUrl).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors).toEqual([
        { pointer: '/body/webhookUrl', detail: expect.any(String) },
      ]);
    }
    const { rows } = await h.db.query(
      `select 1 from audit_alert_rules where organization_id = $1`,
      [org.id],
    );
    expect(rows).toEqual([]);
    const ok = await c.post('/api/audit/alert-rules', {
      rule: { kind: 'break_glass' },
      webhookUrl: 'https://8.8.8.8/alerts',
      webhookSecret: 'sixteen-chars-or-more',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.body).not.toContain('sixteen-chars-or-more');
    expect(ok.json()).toMatchObject({ webhookSigned: true });
  });

  it('refuses at delivery a stored target that resolves inward, without connecting, and audits the refusal', async () => {
    for (const url of [`https://localhost:${port}/alerts`, `http://127.0.0.1:${port}/alerts`]) {
      const rule = await insertRule(h.db, {
        id: randomUUID(),
        organization_id: org.id,
        kind: 'break_glass',
        params: {},
        webhook_url: url, // as if written before the guard existed, or by hand
        webhook_secret_enc: null,
      });
      const alert = (await raiseAlert(h.db, {
        organization_id: org.id,
        rule_id: rule.id,
        kind: 'break_glass',
        subject: null,
        summary: 'test',
        event_ids: [],
        dedupe_key: randomUUID(),
        count: 1,
        window_minutes: null,
      }))!;
      await deliverAlertWebhook(
        {
          db: h.db,
          vault: h.vault,
          mailer: h.mailer,
          log: h.log,
          recipients: complianceOfficers(h.vault),
          publicUrl: 'https://clinic.example',
          webhooks: strict,
        },
        alert.id,
      );
      const { rows } = await h.db.query<{ webhook_status: string; outcome: string }>(
        `select a.webhook_status, e.outcome from audit_alerts a
           join audit_events e on e.resource_id = a.id::text and e.action = 'audit.alert.webhook'
          where a.id = $1`,
        [alert.id],
      );
      expect(rows, url).toEqual([
        { webhook_status: expect.stringMatching(/^refused: /), outcome: 'failed' },
      ]);
    }
    expect(hits).toBe(0);
  });
});
