import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';

let h: IdentityApp;
let org: Org;
let me: TestAccount;
let caregiver: TestAccount;
let patient: Client;
let patientId: string;

/** A patient with an identity in the vault (registered by the front desk) and an account. */
async function patientAccount(given: string, email: string): Promise<TestAccount> {
  const desk = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
  const res = await desk.post('/api/patients', {
    legalName: { given, family: 'Proxytest' },
    dateOfBirth: '1979-05-14',
    sex: 'female',
    email,
  });
  expect(res.statusCode).toBe(201);
  return addAccount(h, org, {
    kind: 'patient',
    email,
    displayName: `${given} Proxytest`,
    patientId: res.json().id,
  });
}

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'proxy-email');
  me = await patientAccount('Morgan', 'morgan@example.test');
  caregiver = await patientAccount('Casey', 'casey@example.test');
  patientId = me.account.patient_id!;
  patient = await signIn(h, me);
});
afterAll(() => h?.close());

const grant = (body: unknown) => patient.post(`/api/patients/${patientId}/proxies`, body);

const consents = async () =>
  (await patient.get(`/api/patients/${patientId}/consents`)).json().consents as {
    id: string;
    proxyName: string;
  }[];

describe('a patient names a caregiver by the email they sign in with', () => {
  it('grants scheduling access to the caregiver’s account, listed with their name, and revokes it', async () => {
    const res = await grant({ proxyEmail: 'Casey@Example.test', scope: 'scheduling' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'sent' });
    const list = await consents();
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'proxy',
        proxyAccountId: caregiver.account.id,
        proxyName: 'Casey Proxytest',
        scope: 'scheduling',
        revokedAt: null,
      }),
    ]);
    // Named again while in force: the same answer, no second consent.
    expect((await grant({ proxyEmail: caregiver.email, scope: 'scheduling' })).json()).toEqual({
      status: 'sent',
    });
    expect(await consents()).toHaveLength(1);
    const revoked = await patient.post(`/api/patients/${patientId}/consents/${list[0]!.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
  });

  it('answers the same whether or not an account uses the email, and grants nothing when none does', async () => {
    const before = await consents();
    const known = await grant({ proxyEmail: caregiver.email, scope: 'scheduling' });
    expect((await consents()).filter((c) => !before.some((b) => b.id === c.id))).toHaveLength(1);
    const settled = await consents();
    // Nobody, or a workforce account (not a caregiver): the same status and body as an account.
    const staff = await addAccount(h, org, { roles: ['front_desk'], email: 'desk@example.test' });
    for (const email of ['nobody@example.test', staff.email]) {
      const res = await grant({ proxyEmail: email, scope: 'scheduling' });
      expect([res.statusCode, res.body]).toEqual([known.statusCode, known.body]);
    }
    expect(await consents()).toEqual(settled);
  });

  it('the patient’s own email, or both an email and an account id, or neither, are refused', async () => {
    expect((await grant({ proxyEmail: me.email, scope: 'scheduling' })).statusCode).toBe(400);
    const both = await grant({
      proxyEmail: caregiver.email,
      proxyAccountId: caregiver.account.id,
      scope: 'scheduling',
    });
    expect(both.statusCode).toBe(400);
    expect((await grant({ scope: 'scheduling' })).statusCode).toBe(400);
  });

  it('another patient cannot grant on this record', async () => {
    const other = await signIn(h, caregiver);
    const res = await other.post(`/api/patients/${patientId}/proxies`, {
      proxyEmail: caregiver.email,
      scope: 'scheduling',
    });
    expect(res.statusCode).toBe(404);
  });
});
