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
  // Its visit type is for adults, so $find for a patient has an eligibility to respect.
  c = await openConsoleClinic(h, 'fhir-patients', { minAgeYears: 18 });
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

describe('$find for a patient (patient-reference)', () => {
  const day = (n: number) =>
    new Date(h.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const findFor = (token: string | undefined, ref: string) =>
    h.app.inject({
      url: `/fhir/Appointment/$find?start=${day(2)}&end=${day(4)}&patient-reference=${ref}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('proposes times with the patient as a participant, valid, and audited as a read of the patient', async () => {
    const adult = (await call(full, 'POST', '/fhir/Patient', patientOf(mrn(), 'Findable'))).json()
      .id as string;
    const res = await findFor(full, `Patient/${adult}`);
    expect(res.statusCode, res.body).toBe(200);
    expectValidFhir(res.json());
    const entries = res.json().entry as { resource: { participant: object[]; status: string } }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.resource.status).toBe('proposed');
      expect(e.resource.participant).toContainEqual(
        expect.objectContaining({ actor: { reference: `Patient/${adult}` } }),
      );
    }
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.some((e) => e.patient_id === adult)).toBe(true);

    // By POSTed Parameters, the same proposals; and each can be held for the patient as is.
    const posted = await call(full, 'POST', '/fhir/Appointment/$find', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'start', valueDate: day(2) },
        { name: 'end', valueDate: day(4) },
        { name: 'patient-reference', valueReference: { reference: `Patient/${adult}` } },
      ],
    });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual(
      res.json().entry.map((e: { resource: { id: string } }) => e.resource.id),
    );
    const booker = await tokenFor(['system/Patient.cruds', 'system/Appointment.cruds']);
    const held = await call(booker, 'POST', '/fhir/Appointment/$hold', {
      resourceType: 'Parameters',
      parameter: [{ name: 'appt-resource', resource: entries[0]!.resource }],
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().entry[0].resource).toMatchObject({
      status: 'pending',
      participant: expect.arrayContaining([
        expect.objectContaining({ actor: { reference: `Patient/${adult}` } }),
      ]),
    });
  });

  it('proposes nothing a booking would refuse: a child gets no adult visit', async () => {
    const year = Number(day(0).slice(0, 4));
    const child = (
      await call(full, 'POST', '/fhir/Patient', {
        ...patientOf(mrn(), 'Young'),
        birthDate: `${year - 6}-01-15`,
      })
    ).json().id as string;
    const res = await findFor(full, `Patient/${child}`);
    expect(res.statusCode, res.body).toBe(200);
    expectValidFhir(res.json());
    expect(res.json().total).toBe(0);
    // Without the patient the same window has times: the refusal is the patient's age.
    const open = await findFor(undefined, '');
    expect(open.statusCode).toBe(400);
    const anyone = await h.app.inject({
      url: `/fhir/Appointment/$find?start=${day(2)}&end=${day(4)}`,
    });
    expect(anyone.json().total).toBeGreaterThan(0);
  });

  it('refuses whom Patient read refuses, as it does: unknown, out of reach, signed out', async () => {
    const known = (await call(full, 'POST', '/fhir/Patient', patientOf(mrn(), 'Guarded'))).json()
      .id as string;
    const unknown = await findFor(full, `Patient/${crypto.randomUUID()}`);
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json().resourceType).toBe('OperationOutcome');
    // A client without Patient scopes, and another patient's account: the status Patient read gives.
    const noScope = await findFor(appointmentsOnly, `Patient/${known}`);
    const noScopeRead = await call(appointmentsOnly, 'GET', `/fhir/Patient/${known}`);
    expect([403, 404]).toContain(noScope.statusCode);
    expect(noScope.statusCode).toBe(noScopeRead.statusCode);
    expect(noScope.json().resourceType).toBe('OperationOutcome');
    const stranger = await signIn(h, await addAccount(h, c.org, { kind: 'patient' }));
    const theirs = await stranger.get(
      `/fhir/Appointment/$find?start=${day(2)}&end=${day(4)}&patient-reference=Patient/${known}`,
    );
    const theirRead = await stranger.get(`/fhir/Patient/${known}`);
    expect([403, 404]).toContain(theirs.statusCode);
    expect(theirs.statusCode).toBe(theirRead.statusCode);
    expect(theirs.body).not.toContain('Guarded');
    const signedOut = await findFor(undefined, `Patient/${known}`);
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json().resourceType).toBe('OperationOutcome');
    for (const bad of ['Practitioner/abc', 'Patient/not-an-id']) {
      const res = await findFor(full, bad);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
  });
});
