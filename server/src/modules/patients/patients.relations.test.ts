import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { ada, openClinic, type Clinic } from './patients.fixtures.ts';
import {
  createPatientRelations,
  isMinor,
  type PatientRelations,
} from './patients.relations.service.ts';
import { preferencesSchema } from './patients.schema.ts';

let c: Clinic;
let rel: PatientRelations;
let adult: string;
let child: string;
const self = (id: string) => ({
  type: 'patient' as const,
  id: `account-${id}`,
  patientId: id,
  organizationId: c.org,
});

beforeAll(async () => {
  c = await openClinic();
  rel = createPatientRelations({
    db: c.t.db,
    vault: c.vault,
    audit: createAudit(c.t.db),
    patients: c.patients,
  });
  adult = (await c.patients.register(c.as('front_desk'), ada())).id;
  child = (
    await c.patients.register(
      c.as('front_desk'),
      ada({
        legalName: { given: 'Kit', family: 'Quill' },
        dateOfBirth: '2019-05-01',
        mrn: 'MRN-CHILD',
        email: 'kit@example.org',
      }),
    )
  ).id;
});
afterAll(() => c.drop());

describe('patient preferences', () => {
  it('a patient sets channels, language, quiet hours and time zone; the front desk reads them', async () => {
    const prefs = {
      channels: ['sms', 'email'] as const,
      language: 'es-MX',
      quietHours: { start: '21:00', end: '08:00' },
      timeZone: 'America/Phoenix',
    };
    await rel.setPreferences(self(adult), adult, { ...prefs, channels: [...prefs.channels] });
    expect(await rel.getPreferences(c.as('front_desk'), adult)).toEqual({
      ...prefs,
      channels: ['sms', 'email'],
    });
    await expect(rel.getPreferences(c.as('manager'), adult)).rejects.toMatchObject({ status: 404 });
    await expect(
      rel.setPreferences(self(child), adult, { ...prefs, channels: [] }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('refuses an unknown time zone, a malformed quiet hour and a repeated channel', () => {
    const ok = { channels: ['sms'], language: 'en', quietHours: null, timeZone: 'Europe/Berlin' };
    expect(preferencesSchema.safeParse(ok).success).toBe(true);
    expect(preferencesSchema.safeParse({ ...ok, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(
      preferencesSchema.safeParse({ ...ok, quietHours: { start: '25:00', end: '07:00' } }).success,
    ).toBe(false);
    expect(preferencesSchema.safeParse({ ...ok, channels: ['sms', 'sms'] }).success).toBe(false);
  });
});

describe('proxies and consents', () => {
  it('a patient grants scheduling-only access until a date, and the consent records who, what and until when', async () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const consent = await rel.grantProxy(
      self(adult),
      adult,
      { proxyAccountId: 'acct-daughter', scope: 'scheduling', validUntil: '2027-01-01T00:00:00Z' },
      now,
    );
    expect(consent).toMatchObject({
      kind: 'proxy',
      proxyAccountId: 'acct-daughter',
      scope: 'scheduling',
      grantedBy: { type: 'patient', id: `account-${adult}` },
      validUntil: '2027-01-01T00:00:00.000Z',
      revokedAt: null,
    });
    expect(await rel.proxyScope(c.org, 'acct-daughter', adult, new Date())).toBe('scheduling');
    expect(
      await rel.proxyScope(c.org, 'acct-daughter', adult, new Date('2027-01-02T00:00:00Z')),
    ).toBeNull();
    expect(await rel.proxyScope(c.org, 'acct-stranger', adult, new Date())).toBeNull();
  });

  it('a revoked consent grants nothing any more, and stays in the record', async () => {
    const consent = await rel.grantProxy(self(adult), adult, {
      proxyAccountId: 'acct-spouse',
      scope: 'scheduling_and_messages',
    });
    expect(await rel.proxyScope(c.org, 'acct-spouse', adult)).toBe('scheduling_and_messages');
    const revoked = await rel.revoke(self(adult), adult, consent.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await rel.proxyScope(c.org, 'acct-spouse', adult)).toBeNull();
    await expect(rel.revoke(self(adult), adult, consent.id)).rejects.toMatchObject({
      slug: 'already-revoked',
    });
    const listed = await rel.listConsents(c.as('front_desk'), adult);
    expect(listed.map((k) => k.proxyAccountId)).toContain('acct-spouse');
    const { rows } = await c.t.db.query<{ resource_ids: string[] }>(
      `select resource_ids from audit_events where action = 'patient.consent.list'`,
    );
    expect(rows).toEqual([{ resource_ids: listed.map((k) => k.id) }]);
  });

  it('only the patient grants proxy access to their own record', async () => {
    await expect(
      rel.grantProxy(self(child), adult, { proxyAccountId: 'x', scope: 'scheduling' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      rel.grantProxy(c.as('front_desk'), adult, { proxyAccountId: 'x', scope: 'scheduling' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      rel.grantProxy(self(adult), adult, {
        proxyAccountId: 'x',
        scope: 'scheduling',
        validUntil: '2000-01-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('staff record a guardian for a minor with a reason, kept encrypted; not for an adult', async () => {
    const g = await rel.addGuardian(c.as('front_desk'), child, {
      guardianAccountId: 'acct-parent',
      scope: 'scheduling_and_messages',
      reason: 'Mother, custody papers seen at desk',
    });
    expect(g).toMatchObject({
      kind: 'guardian',
      grantedBy: { type: 'user', id: 'staff-front_desk' },
      reason: 'Mother, custody papers seen at desk',
    });
    const { rows } = await c.t.db.query<{ reason: Uint8Array }>(
      'select reason from patient_proxies where id = $1',
      [g.id],
    );
    expect(Buffer.from(rows[0]!.reason).includes(Buffer.from('custody'))).toBe(false);
    await expect(
      rel.addGuardian(c.as('front_desk'), adult, {
        guardianAccountId: 'acct-x',
        scope: 'scheduling',
        reason: 'asked to',
      }),
    ).rejects.toMatchObject({ slug: 'not-a-minor' });
    await expect(
      rel.addGuardian(self(child), child, {
        guardianAccountId: 'acct-x',
        scope: 'scheduling',
        reason: 'self',
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('a patient is a minor until their eighteenth birthday', () => {
    expect(isMinor('2008-11-25', new Date('2026-11-24T23:00:00Z'))).toBe(true);
    expect(isMinor('2008-11-24', new Date('2026-11-24T00:00:00Z'))).toBe(false);
  });
});

describe('right of access', () => {
  it('a patient downloads their own record as JSON, and the export is audited', async () => {
    const exported = await rel.exportOwnRecord(self(adult));
    expect(exported).toMatchObject({
      format: 'hourglass-patient-record/1',
      patient: { id: adult, legalName: { given: 'Ada', family: 'Quill' }, mrn: 'MRN-004821' },
      preferences: { timeZone: 'America/Phoenix' },
    });
    expect(exported.consents.map((k) => k.proxyAccountId).sort()).toEqual([
      'acct-daughter',
      'acct-spouse',
    ]);
    const events = (await listAuditEvents(c.t.db)).filter((e) => e.action === 'patient.export');
    expect(events).toMatchObject([
      { patient_id: adult, actor_type: 'patient', outcome: 'success' },
    ]);
  });

  it('is for the patient only: staff cannot take an export', async () => {
    await expect(rel.exportOwnRecord(c.as('front_desk'))).rejects.toMatchObject({ status: 403 });
  });
});
