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

describe('a patient names a caregiver by the email they sign in with', () => {
  it('grants scheduling access to the caregiver’s account, listed with their name, and revokes it', async () => {
    const res = await grant({ proxyEmail: 'Casey@Example.test', scope: 'scheduling' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'proxy',
      proxyAccountId: caregiver.account.id,
      proxyName: 'Casey Proxytest',
      scope: 'scheduling',
      revokedAt: null,
    });
    const list = await patient.get(`/api/patients/${patientId}/consents`);
    expect(list.json().consents).toEqual([
      expect.objectContaining({ id: res.json().id, proxyName: 'Casey Proxytest' }),
    ]);
    const revoked = await patient.post(
      `/api/patients/${patientId}/consents/${res.json().id}/revoke`,
    );
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
  });

  it('an email no patient account of the clinic uses is a 400 naming the field, and nothing is granted', async () => {
    const before = (await patient.get(`/api/patients/${patientId}/consents`)).json().consents;
    const res = await grant({ proxyEmail: 'nobody@example.test', scope: 'scheduling' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ pointer: '/body/proxyEmail' })]);
    // A workforce account's email is not a caregiver either.
    const staff = await addAccount(h, org, { roles: ['front_desk'], email: 'desk@example.test' });
    expect((await grant({ proxyEmail: staff.email, scope: 'scheduling' })).statusCode).toBe(400);
    const after = (await patient.get(`/api/patients/${patientId}/consents`)).json().consents;
    expect(after).toEqual(before);
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
