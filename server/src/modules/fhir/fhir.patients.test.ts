import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleClinic, type ConsoleClinic } from '../../../test/console-clinic.ts';
import { expectValidFhir } from '../../../test/fhir-validate.ts';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { mrnSystem } from './fhir.patients.ts';

let h: IdentityApp;
let c: ConsoleClinic;
let full: string;
let appointmentsOnly: string;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** A bearer token for a newly registered integration client with these scopes. */
async function tokenFor(scopes: string[]): Promise<string> {
  const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
  const reg = await admin.post('/api/admin/fhir-clients', {
    name: 'EHR interface',
    jwks: { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1' }] },
    scopes,
  });
  expect(reg.statusCode, reg.body).toBe(201);
  const clientId = reg.json().clientId as string;
  const aud = (await h.app.inject({ url: '/fhir/.well-known/smart-configuration' })).json()
    .token_endpoint as string;
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(h.clock.now().getTime() / 1000);
  const head = enc({ alg: 'RS384', kid: 'k1', typ: 'JWT' });
  const body = enc({ iss: clientId, sub: clientId, aud, exp: now + 240, jti: crypto.randomUUID() });
  const sig = sign('sha384', Buffer.from(`${head}.${body}`), rsa.privateKey).toString('base64url');
  const res = await h.app.inject({
    method: 'POST',
    url: '/fhir/auth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: scopes.join(' '),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: `${head}.${body}.${sig}`,
    }).toString(),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().access_token as string;
}

const call = (
  token: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  h.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(payload ? { 'content-type': 'application/fhir+json' } : {}),
      ...headers,
    },
    ...(payload ? { payload } : {}),
  });

const mrn = () => `MRN${Math.floor(Math.random() * 1e9)}`;
const patientOf = (identifier: string, family = 'Interface') => ({
  resourceType: 'Patient',
  identifier: [{ system: mrnSystem, value: identifier }],
  name: [{ use: 'official', family, given: ['Ida'] }],
  gender: 'female',
  birthDate: '1975-03-14',
  telecom: [
    {
      system: 'phone',
      value: `+1 555 ${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`,
    },
  ],
});

beforeAll(async () => {
  h = await startIdentityApp();
  c = await openConsoleClinic(h, 'fhir-patients');
  full = await tokenFor(['system/Patient.cruds', 'system/Appointment.rs']);
  appointmentsOnly = await tokenFor(['system/Appointment.rs']);
}, 120_000);
afterAll(() => h.close());

describe('Patient for integration clients', () => {
  it('conditional create registers once; the same identifier then answers the patient it has', async () => {
    const id = mrn();
    const ifNoneExist = { 'if-none-exist': `identifier=${mrnSystem}|${id}` };
    const created = await call(full, 'POST', '/fhir/Patient', patientOf(id), ifNoneExist);
    expect(created.statusCode, created.body).toBe(201);
    expectValidFhir(created.json());
    expect(created.json().identifier[0].value).toBe(id);
    expect(String(created.headers.location)).toMatch(
      new RegExp(`/fhir/Patient/${created.json().id}$`),
    );
    const again = await call(full, 'POST', '/fhir/Patient', patientOf(id), ifNoneExist);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(created.json().id);
    // Without If-None-Exist, the same MRN is refused by the patients module, not duplicated.
    const dup = await call(full, 'POST', '/fhir/Patient', patientOf(id, 'Other'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().resourceType).toBe('OperationOutcome');
  });

  it('reads, searches by identifier in a POST body, and $matches; every answer valid and audited', async () => {
    const id = mrn();
    const created = await call(full, 'POST', '/fhir/Patient', patientOf(id, 'Matchable'));
    const patientId = created.json().id as string;

    const read = await call(full, 'GET', `/fhir/Patient/${patientId}`);
    expect(read.statusCode, read.body).toBe(200);
    expectValidFhir(read.json());
    expect(read.json().name[0].family).toBe('Matchable');
    const events = await listAuditEvents(h.db, { requestId: String(read.headers['x-request-id']) });
    expect(events.some((e) => e.patient_id === patientId)).toBe(true);
    // The trail names the actor as an integration client, not a person's account.
    expect(events.map((e) => [e.actor_type, e.actor_role])).toContainEqual([
      'integration',
      'integration',
    ]);

    const search = await call(full, 'POST', '/fhir/Patient/_search', undefined, {});
    expect(search.statusCode).toBe(400);
    const found = await h.app.inject({
      method: 'POST',
      url: '/fhir/Patient/_search',
      headers: {
        authorization: `Bearer ${full}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ identifier: `${mrnSystem}|${id}` }).toString(),
    });
    expect(found.statusCode, found.body).toBe(200);
    expectValidFhir(found.json());
    expect(found.json().total).toBe(1);
    expect(found.json().entry[0].resource.id).toBe(patientId);
    expect(found.body).not.toContain(`identifier=`);
    const elsewhere = await call(full, 'POST', '/fhir/Patient/_search', {
      identifier: `urn:other|${id}`,
    });
    expect(elsewhere.json().total).toBe(0);

    const match = (resource: object) =>
      call(full, 'POST', '/fhir/Patient/$match', {
        resourceType: 'Parameters',
        parameter: [
          { name: 'resource', resource },
          { name: 'onlyCertainMatches', valueBoolean: false },
        ],
      });
    const byMrn = await match({
      resourceType: 'Patient',
      identifier: [{ system: mrnSystem, value: id }],
    });
    expect(byMrn.statusCode, byMrn.body).toBe(200);
    expectValidFhir(byMrn.json());
    expect(byMrn.json().entry[0].resource.id).toBe(patientId);
    expect(byMrn.json().entry[0].search.extension[0].valueCode).toBe('certain');
    const byName = await match({
      resourceType: 'Patient',
      name: [{ family: 'Matchable' }],
      birthDate: '1975-03-14',
    });
    expect(byName.statusCode, byName.body).toBe(200);
    expectValidFhir(byName.json());
    expect(byName.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toContain(
      patientId,
    );
    expect(byName.json().entry[0].search.extension[0].valueCode).toBe('probable');
    const neither = await match({ resourceType: 'Patient', gender: 'female' });
    expect(neither.statusCode).toBe(400);
  });

  it('a client without Patient scopes reaches no patient, and creates none', async () => {
    const created = await call(full, 'POST', '/fhir/Patient', patientOf(mrn(), 'Scoped'));
    expect(created.statusCode, created.body).toBe(201);
    const read = await call(appointmentsOnly, 'GET', `/fhir/Patient/${created.json().id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().resourceType).toBe('OperationOutcome');
    const id = mrn();
    const create = await call(appointmentsOnly, 'POST', '/fhir/Patient', patientOf(id));
    expect(create.statusCode).toBe(403);
    const search = await call(full, 'POST', '/fhir/Patient/_search', { identifier: id });
    expect(search.json().total).toBe(0);
    const match = await call(appointmentsOnly, 'POST', '/fhir/Patient/$match', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'resource', resource: { resourceType: 'Patient', identifier: [{ value: id }] } },
      ],
    });
    expect(match.statusCode).toBe(403);
  });

  it('refuses a Patient it cannot register, and a malformed If-None-Exist, creating nothing', async () => {
    const id = mrn();
    const noName = { ...patientOf(id), name: [{ use: 'official', given: ['Ida'] }] };
    const res = await call(full, 'POST', '/fhir/Patient', noName);
    expect(res.statusCode).toBe(400);
    expect(res.json().resourceType).toBe('OperationOutcome');
    const odd = await call(full, 'POST', '/fhir/Patient', patientOf(id), {
      'if-none-exist': `name=Ida&identifier=${id}`,
    });
    expect(odd.statusCode).toBe(400);
    const search = await call(full, 'POST', '/fhir/Patient/_search', { identifier: id });
    expect(search.json().total).toBe(0);
  });
});

describe('Patient for staff', () => {
  it('the front desk finds a patient by MRN through FHIR; the MRN stays masked, so no identifier', async () => {
    const id = mrn();
    const created = await call(full, 'POST', '/fhir/Patient', patientOf(id, 'Deskfound'));
    expect(created.statusCode, created.body).toBe(201);
    const desk = await signIn(h, c.desk);
    const res = await desk.request(
      'POST',
      '/fhir/Patient/_search',
      { identifier: id },
      { 'content-type': 'application/json' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expectValidFhir(res.json());
    const patient = res.json().entry[0].resource;
    expect(patient.id).toBe(created.json().id);
    expect(patient.identifier).toBeUndefined();
    expect(res.body).not.toContain(id);
  });
});
