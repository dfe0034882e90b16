import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/harness.ts';
import {
  addAccount,
  addOrganization,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { openGeoIp } from '../../platform/geoip/geoip.ts';
import { createAudit } from './audit.service.ts';
import { addAlertRule, patientNo, sealAndRunAlerts } from './audit.testkit.ts';

// Sign-in countries from the bundled DB-IP country database, and the alert rule "sign-in from a
// new device or country followed by bulk reads". The addresses are long-stable allocations: Google
// Public DNS (US) and the University of Erlangen-Nuremberg's network in the German research
// network (DE).
const us = '8.8.8.8';
const de = '131.188.0.1';

describe('the GeoIP country database', () => {
  const geo = openGeoIp(testConfig().geoipDb);

  it('gives the country of public addresses, IPv4-mapped included', () => {
    expect(geo.country(us)).toBe('US');
    expect(geo.country(de)).toBe('DE');
    expect(geo.country(`::ffff:${de}`)).toBe('DE');
  });

  it('gives no country for loopback, private, CGNAT and documentation addresses', () => {
    for (const ip of ['127.0.0.1', '::1', '10.1.2.3', '192.168.1.9', '100.64.0.7', 'fd00::1']) {
      expect(geo.country(ip)).toBeNull();
    }
    expect(geo.country('203.0.113.10')).toBeNull();
    expect(geo.country(undefined)).toBeNull();
  });

  it('is the packaged file by default, another by HOURGLASS_GEOIP_DB, and off on request', () => {
    expect(testConfig().geoipDb).toMatch(/dbip-country-mmdb\/dbip-country\.mmdb$/);
    const packaged = testConfig().geoipDb!;
    const elsewhere = path.join(mkdtempSync(path.join(tmpdir(), 'hourglass-geo-')), 'x.mmdb');
    copyFileSync(packaged, elsewhere);
    expect(testConfig({ HOURGLASS_GEOIP_DB: elsewhere }).geoipDb).toBe(elsewhere);
    expect(openGeoIp(elsewhere).country(de)).toBe('DE');
    expect(() => testConfig({ HOURGLASS_GEOIP_DB: '/nonexistent/geo.mmdb' })).toThrow(
      /HOURGLASS_GEOIP_DB: no such file/,
    );
    expect(testConfig({ HOURGLASS_GEOIP_DB: 'off' }).geoipDb).toBeUndefined();
    expect(openGeoIp(undefined).country(us)).toBeNull();
  });
});

let h: IdentityApp;
let org: Org;
beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'geo-clinic');
  await addAlertRule(h, org.id, { kind: 'new_device_bulk_reads', threshold: 2 });
});
afterAll(() => h.close());

async function signInEvent(a: TestAccount) {
  const { rows } = await h.db.query<{ source_country: string | null; digest: string | null }>(
    `select source_country, user_agent_digest as digest from audit_events
      where action = 'identity.sign_in' and actor_id = $1 order by seq desc limit 1`,
    [a.account.id],
  );
  return rows[0]!;
}

async function readPatients(a: TestAccount, from: number) {
  const audit = createAudit(h.db);
  for (let i = from; i < from + 3; i++) {
    await audit.record({
      actor: { type: 'user', id: a.account.id, organizationId: org.id, roles: ['front_desk'] },
      action: 'patient.read',
      resourceType: 'patient',
      patientId: patientNo(i),
      outcome: 'success',
    });
  }
}

describe('sign-in from a new country', () => {
  it('records the country with the sign-in event (and the device digest), none for a private address', async () => {
    const a = await addAccount(h, org);
    await signIn(h, a, us);
    expect(await signInEvent(a)).toMatchObject({
      source_country: 'US',
      digest: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    await signIn(h, a, '10.20.30.40');
    expect(await signInEvent(a)).toMatchObject({ source_country: null });
  });

  it('alerts on a known device signing in from a new country and then reading many records', async () => {
    const traveller = await addAccount(h, org);
    await signIn(h, traveller, us);
    await sealAndRunAlerts(h);
    await signIn(h, traveller, de);
    await readPatients(traveller, 700);
    const alerts = await sealAndRunAlerts(h);
    expect(alerts.map((x) => x.subject)).toEqual([traveller.account.id]);
    expect(alerts[0]!.summary).toMatch(/signed in from a country \(DE\) not seen before/);
    expect(alerts[0]!.summary).not.toMatch(/a device/);
    expect(alerts[0]!.event_ids).toHaveLength(4);
  });

  it('does not alert on a known country and device, nor on a private address by itself', async () => {
    const regular = await addAccount(h, org);
    const office = await addAccount(h, org);
    await signIn(h, regular, us);
    await signIn(h, office, us);
    await sealAndRunAlerts(h);
    await signIn(h, regular, us);
    await readPatients(regular, 710);
    await signIn(h, office, '192.168.4.20');
    await readPatients(office, 720);
    expect(await sealAndRunAlerts(h)).toEqual([]);
  });
});
