import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  nextMail,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';

let h: IdentityApp;
let org: Org;
let me: TestAccount;
let patient: Client;
let patientId: string;

/** A patient with an identity in the vault (registered by the front desk) and an account. */
async function patientAccount(given: string, email: string): Promise<TestAccount> {
  const desk = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
  const res = await desk.post('/api/patients', {
    legalName: { given, family: 'Invitetest' },
    dateOfBirth: '1950-02-03',
    sex: 'male',
    email,
  });
  expect(res.statusCode).toBe(201);
  return addAccount(h, org, {
    kind: 'patient',
    email,
    displayName: `${given} Invitetest`,
    patientId: res.json().id,
  });
}

/** Names a caregiver no account uses yet; the invitation's link token, read from the mail. */
async function invite(email: string): Promise<{ token: string; text: string }> {
  const before = h.smtp.to(email);
  const res = await patient.post(`/api/patients/${patientId}/proxies`, {
    proxyEmail: email,
    scope: 'scheduling',
  });
  expect([res.statusCode, res.json()]).toEqual([202, { status: 'sent' }]);
  const mail = await nextMail(h.smtp, email, before);
  const m = /\/caregiver#token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  expect(m).not.toBeNull();
  return { token: m![1]!, text: `${mail.subject}\n${mail.text}` };
}

const accept = (c: Client, token: string) =>
  c.post('/api/me/caregiver-invitations/accept', { token });

const dependants = async (c: Client) =>
  ((await c.get('/api/me/dependants')).json().dependants as { patientId: string }[]).map(
    (d) => d.patientId,
  );

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'caregiver-invite');
  me = await patientAccount('Rowan', 'rowan@example.test');
  patientId = me.account.patient_id!;
  patient = await signIn(h, me);
});
afterAll(() => h?.close());

describe('a patient invites a caregiver who has no account yet', () => {
  it('mails a link with no name in it; the caregiver, once signed up, accepts, acts for the patient, and the patient revokes', async () => {
    const { token, text } = await invite('new.caregiver@example.test');
    expect(text).not.toContain('Rowan');
    expect(text).not.toContain('Invitetest');
    // Nothing is granted before the caregiver accepts.
    expect((await patient.get(`/api/patients/${patientId}/consents`)).json().consents).toEqual([]);

    const caregiverAccount = await patientAccount('Sam', 'new.caregiver@example.test');
    const caregiver = await signIn(h, caregiverAccount);
    expect(await dependants(caregiver)).toEqual([]);
    const accepted = await accept(caregiver, token);
    expect(accepted.statusCode).toBe(200);
    expect(await dependants(caregiver)).toEqual([patientId]);

    const consents = (await patient.get(`/api/patients/${patientId}/consents`)).json().consents;
    expect(consents).toEqual([
      expect.objectContaining({
        id: accepted.json().consentId,
        kind: 'proxy',
        proxyAccountId: caregiverAccount.account.id,
        scope: 'scheduling',
        revokedAt: null,
      }),
    ]);
    const events = (await listAuditEvents(h.db)).filter((e) =>
      ['patient.consent.invite', 'patient.consent.accept'].includes(e.action),
    );
    expect(events.map((e) => [e.action, e.outcome, e.patient_id])).toEqual([
      ['patient.consent.invite', 'success', patientId],
      ['patient.consent.accept', 'success', patientId],
    ]);

    // Single use: the same link again is refused, and grants nothing more.
    const again = await accept(caregiver, token);
    expect([again.statusCode, again.json().type]).toEqual([
      400,
      expect.stringMatching(/link-expired$/),
    ]);

    const revoked = await patient.post(
      `/api/patients/${patientId}/consents/${accepted.json().consentId}/revoke`,
    );
    expect(revoked.statusCode).toBe(200);
    expect(await dependants(caregiver)).toEqual([]);
  });

  it('a link past its 72 hours, an unknown token or a malformed one grants nothing', async () => {
    const { token } = await invite('late.caregiver@example.test');
    h.clock.advance(73 * 3_600_000);
    const caregiver = await signIn(h, await patientAccount('Lee', 'late.caregiver@example.test'));
    const late = await accept(caregiver, token);
    expect([late.statusCode, late.json().type]).toEqual([
      400,
      expect.stringMatching(/link-expired$/),
    ]);
    const unknown = await accept(caregiver, 'A'.repeat(43));
    expect([unknown.statusCode, unknown.json().type]).toEqual([
      400,
      expect.stringMatching(/link-expired$/),
    ]);
    expect((await accept(caregiver, 'short')).statusCode).toBe(400);
    expect(await dependants(caregiver)).toEqual([]);
    patient = await signIn(h, me);
  });

  it('the patient cannot accept their own invitation; staff and visitors cannot accept at all', async () => {
    const { token } = await invite('someone.else@example.test');
    const own = await accept(patient, token);
    expect(own.statusCode).toBe(400);
    const desk = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    expect((await accept(desk, token)).statusCode).toBe(403);
    // Still unused: the right person can still accept it.
    const caregiver = await signIn(h, await patientAccount('Kim', 'someone.else@example.test'));
    expect((await accept(caregiver, token)).statusCode).toBe(200);
    expect(await dependants(caregiver)).toEqual([patientId]);
  });
});
