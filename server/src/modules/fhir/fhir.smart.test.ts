import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newYorkTime } from '../../../test/clinic.ts';
import {
  book,
  openConsoleClinic,
  registerPatient,
  type ConsoleClinic,
} from '../../../test/console-clinic.ts';
import {
  addAccount,
  Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { tokenRequestsPerMinute } from './fhir.smart.ts';

let h: IdentityApp;
let c: ConsoleClinic;
let tokenUrl: string;
let appointmentId: string;
let patientId: string;
let otherAppointmentId: string;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

const jwkOf = (key: KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid });

async function register(admin: Client, scopes: string[]) {
  const res = await admin.post('/api/admin/fhir-clients', {
    name: 'Interface engine',
    jwks: { keys: [jwkOf(rsa.publicKey, 'rsa-1'), jwkOf(ec.publicKey, 'ec-1')] },
    scopes,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().clientId as string;
}

function assertion(
  clientId: string,
  opts: {
    key?: KeyObject;
    alg?: 'RS384' | 'ES384';
    kid?: string;
    aud?: string;
    exp?: number;
    jti?: string;
  } = {},
) {
  const alg = opts.alg ?? 'RS384';
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(h.clock.now().getTime() / 1000);
  const head = enc({ alg, kid: opts.kid ?? (alg === 'RS384' ? 'rsa-1' : 'ec-1'), typ: 'JWT' });
  const body = enc({
    iss: clientId,
    sub: clientId,
    aud: opts.aud ?? tokenUrl,
    exp: opts.exp ?? now + 240,
    jti: opts.jti ?? crypto.randomUUID(),
  });
  const key = opts.key ?? (alg === 'RS384' ? rsa.privateKey : ec.privateKey);
  const signature = sign(
    'sha384',
    Buffer.from(`${head}.${body}`),
    alg === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key,
  );
  return `${head}.${body}.${signature.toString('base64url')}`;
}

const tokenRequest = (jwt: string, scope = 'system/Appointment.rs') =>
  h.app.inject({
    method: 'POST',
    url: '/fhir/auth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
    }).toString(),
  });

const withToken = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  h.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(payload ? { 'content-type': 'application/fhir+json' } : {}),
    },
    ...(payload ? { payload } : {}),
  });

beforeAll(async () => {
  h = await startIdentityApp();
  c = await openConsoleClinic(h, 'smart');
  const other = await openConsoleClinic(h, 'smart-other');
  const desk = await signIn(h, c.desk);
  const at = (days: number) => newYorkTime(days, '10:00', h.clock.now().getTime());
  patientId = await registerPatient(desk, 'Sam', 'Smart');
  appointmentId = (await book(desk, c, patientId, at(2))).id;
  const otherDesk = await signIn(h, other.desk);
  otherAppointmentId = (
    await book(otherDesk, other, await registerPatient(otherDesk, 'Olive', 'Other'), at(2))
  ).id;
  const config = (await h.app.inject({ url: '/fhir/.well-known/smart-configuration' })).json();
  tokenUrl = config.token_endpoint;
}, 120_000);
afterAll(() => h.close());

describe('SMART Backend Services', () => {
  it('advertises the token endpoint, private_key_jwt with RS384 and ES384, and system scopes', async () => {
    const res = await h.app.inject({ url: '/fhir/.well-known/smart-configuration' });
    expect(res.statusCode).toBe(200);
    const config = res.json();
    expect(config.token_endpoint).toMatch(/\/fhir\/auth\/token$/);
    expect(config.token_endpoint_auth_methods_supported).toEqual(['private_key_jwt']);
    expect(config.token_endpoint_auth_signing_alg_values_supported).toEqual(['RS384', 'ES384']);
    expect(config.grant_types_supported).toEqual(['client_credentials']);
  });

  it('a registered client gets a five-minute token with RS384 or ES384, and reads its organization’s appointment', async () => {
    const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
    const clientId = await register(admin, ['system/Appointment.rs']);
    for (const alg of ['RS384', 'ES384'] as const) {
      const res = await tokenRequest(assertion(clientId, { alg }));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const token = res.json();
      expect(token).toMatchObject({
        token_type: 'bearer',
        expires_in: 300,
        scope: 'system/Appointment.rs',
      });
      const read = await withToken(token.access_token, 'GET', `/fhir/Appointment/${appointmentId}`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({
        resourceType: 'Appointment',
        id: appointmentId,
        status: 'booked',
      });
      const events = await listAuditEvents(h.db, {
        requestId: String(read.headers['x-request-id']),
      });
      expect(events.map((e) => [e.action, e.actor_id, e.outcome])).toEqual([
        ['fhir.appointment.read', clientId, 'success'],
      ]);
    }
    // It searches one patient's appointments at a time, named in the query.
    const search = await withToken(
      (await tokenRequest(assertion(clientId))).json().access_token,
      'GET',
      `/fhir/Appointment?patient=Patient/${patientId}`,
    );
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([
      appointmentId,
    ]);
    const unnamed = await withToken(
      (await tokenRequest(assertion(clientId))).json().access_token,
      'GET',
      '/fhir/Appointment',
    );
    expect(unnamed.statusCode).toBe(400);
    // Another organization's appointment is not there for it.
    const token = (await tokenRequest(assertion(clientId))).json().access_token;
    expect(
      (await withToken(token, 'GET', `/fhir/Appointment/${otherAppointmentId}`)).statusCode,
    ).toBe(404);
    // Read scope only: booking is refused, and nothing is held.
    const day = (n: number) =>
      new Date(h.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const found = await h.app.inject({
      url: `/fhir/Appointment/$find?start=${day(3)}&end=${day(4)}&visit-type=${c.typeId}`,
    });
    const proposed = found.json().entry[0].resource;
    proposed.participant.push({ actor: { reference: `Patient/${crypto.randomUUID()}` } });
    const before = await h.db.query('select count(*)::int as n from appointments');
    const hold = await withToken(token, 'POST', '/fhir/Appointment/$hold', {
      resourceType: 'Parameters',
      parameter: [{ name: 'appt-resource', resource: proposed }],
    });
    expect((await h.db.query('select count(*)::int as n from appointments')).rows).toEqual(
      before.rows,
    );
    expect(hold.statusCode).toBe(403);
    expect(hold.json().resourceType).toBe('OperationOutcome');
  });

  it('a client with create scope books a proposed time for a patient of its organization', async () => {
    const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
    const clientId = await register(admin, ['system/Appointment.cruds']);
    const token = (
      await tokenRequest(assertion(clientId), 'system/Appointment.rs system/Appointment.c')
    ).json().access_token as string;
    const desk = await signIn(h, c.desk);
    const ivy = await registerPatient(desk, 'Ivy', 'Interface');
    const day = (n: number) =>
      new Date(h.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const found = await h.app.inject({
      url: `/fhir/Appointment/$find?start=${day(5)}&end=${day(6)}&visit-type=${c.typeId}`,
    });
    const proposed = found.json().entry[0].resource;
    proposed.participant.push({ actor: { reference: `Patient/${ivy}` } });
    const res = await withToken(token, 'POST', '/fhir/Appointment/$book', {
      resourceType: 'Parameters',
      parameter: [{ name: 'appt-resource', resource: proposed }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const booked = res.json().entry[0].resource;
    expect(booked.status).toBe('booked');
    expect(
      booked.participant.map((p: { actor: { reference: string } }) => p.actor.reference),
    ).toContain(`Patient/${ivy}`);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.actor_id === clientId)).toBe(true);
  });

  it('refuses a replayed, expired, misaddressed or foreign-signed assertion, and unregistered scopes', async () => {
    const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
    const clientId = await register(admin, ['system/Appointment.rs']);
    const once = assertion(clientId);
    expect((await tokenRequest(once)).statusCode).toBe(200);
    const now = Math.floor(h.clock.now().getTime() / 1000);
    for (const jwt of [
      once,
      assertion(clientId, { exp: now - 1 }),
      assertion(clientId, { exp: now + 3600 }),
      assertion(clientId, { aud: 'https://elsewhere.example/token' }),
      assertion(clientId, { key: stranger.privateKey }),
      assertion(crypto.randomUUID()),
      'not-a-jwt',
    ]) {
      const res = await tokenRequest(jwt);
      expect(res.statusCode, jwt.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error).toMatch(/^invalid_(client|request)$/);
    }
    const scope = await tokenRequest(assertion(clientId), 'system/Appointment.cruds');
    expect(scope.statusCode).toBe(400);
    expect(scope.json().error).toBe('invalid_scope');
  });

  it('a token stops working after five minutes, and a made-up one never works', async () => {
    const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
    const clientId = await register(admin, ['system/Appointment.read']);
    const token = (await tokenRequest(assertion(clientId), 'system/Appointment.read')).json()
      .access_token;
    expect((await withToken(token, 'GET', `/fhir/Appointment/${appointmentId}`)).statusCode).toBe(
      200,
    );
    h.clock.advance(301_000);
    const late = await withToken(token, 'GET', `/fhir/Appointment/${appointmentId}`);
    expect(late.statusCode).toBe(401);
    expect(late.json().resourceType).toBe('OperationOutcome');
    expect(
      (await withToken('x'.repeat(43), 'GET', `/fhir/Appointment/${appointmentId}`)).statusCode,
    ).toBe(401);
  });

  it('only an admin registers a client, and only public keys', async () => {
    const desk = await signIn(h, c.desk);
    const refused = await desk.post('/api/admin/fhir-clients', {
      name: 'x',
      jwks: { keys: [jwkOf(rsa.publicKey, 'k')] },
      scopes: ['system/Appointment.rs'],
    });
    expect(refused.statusCode).toBe(403);
    const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
    const secret = await admin.post('/api/admin/fhir-clients', {
      name: 'x',
      jwks: { keys: [{ ...rsa.privateKey.export({ format: 'jwk' }), kid: 'k' }] },
      scopes: ['system/Appointment.rs'],
    });
    expect(secret.statusCode).toBe(400);
    const badScope = await admin.post('/api/admin/fhir-clients', {
      name: 'x',
      jwks: { keys: [jwkOf(rsa.publicKey, 'k')] },
      scopes: ['user/Patient.read'],
    });
    expect(badScope.statusCode).toBe(400);
  });
});

describe('token endpoint rate limit', () => {
  it('refuses a client past its requests a minute with 429 and Retry-After, audited, and lets it back next minute', async () => {
    const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
    const clientId = await register(admin, ['system/Appointment.rs']);
    // Forged assertions count too: signed with a key the client did not register.
    for (let i = 0; i < tokenRequestsPerMinute; i++) {
      const res = await tokenRequest(assertion(clientId, { key: stranger.privateKey }));
      expect(res.statusCode).toBe(401);
    }
    const refused = await tokenRequest(assertion(clientId));
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error).toBe('invalid_request');
    expect(refused.json().access_token).toBeUndefined();
    const events = await listAuditEvents(h.db, {
      requestId: String(refused.headers['x-request-id']),
    });
    expect(events.map((e) => [e.action, e.outcome])).toContainEqual(['fhir.token.issue', 'denied']);
    h.clock.advance(60_000);
    const later = await tokenRequest(assertion(clientId));
    expect(later.statusCode, later.body).toBe(200);
  });
});
