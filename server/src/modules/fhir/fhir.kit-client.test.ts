import { generateKeyPairSync, sign } from 'node:crypto';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConsoleClinic, type ConsoleClinic } from '../../../test/console-clinic.ts';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { mrnSystem } from './fhir.patients.ts';

/**
 * The Argonaut flow driven by an independent FHIR client (fhir-kit-client) over real HTTP, as a
 * backend service holding a SMART token: metadata, the SMART configuration, $find, the patient by
 * FHIR conditional create (If-None-Exist), $hold, $book, the appointment found by a POSTed search,
 * the booked time gone from $find, then the appointment cancelled and the same time free again.
 */

let h: IdentityApp;
let c: ConsoleClinic;
let base: string;
const keys = generateKeyPairSync('ec', { namedCurve: 'P-384' });

beforeAll(async () => {
  h = await startIdentityApp();
  c = await openConsoleClinic(h, 'kit');
  const origin = await h.app.listen({ host: '127.0.0.1', port: 0 });
  base = `${origin}/fhir`;
}, 120_000);
afterAll(() => h.close());

interface Resource {
  resourceType: string;
  id: string;
  status?: string;
  start?: string;
  participant?: { actor: { reference: string } }[];
}
interface Bundle {
  total?: number;
  entry?: { resource: Resource }[];
}

it('runs find, conditional-create patient, hold, book, POST search and cancel as an independent FHIR client would', async () => {
  const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
  const registered = await admin.post('/api/admin/fhir-clients', {
    name: 'Scheduling aggregator',
    jwks: { keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: 'kit-1' }] },
    scopes: ['system/Appointment.cruds', 'system/Patient.cruds'],
  });
  const clientId = registered.json().clientId as string;

  const fhir = new Client({ baseUrl: base });
  const metadata = (await fhir.capabilityStatement()) as unknown as { fhirVersion: string };
  expect(metadata.fhirVersion).toBe('4.0.1');
  const auth = (await fhir.smartAuthMetadata()) as { tokenUrl?: string };
  // The advertised endpoint is under the configured public URL (the audience to sign for);
  // this test's server listens on a port of its own behind it.
  const tokenUrl = String(auth.tokenUrl);
  expect(new URL(tokenUrl).pathname).toBe('/fhir/auth/token');

  // client_credentials with an ES384 assertion (fhir-kit-client leaves this to the caller).
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(h.clock.now().getTime() / 1000);
  const signed = `${enc({ alg: 'ES384', kid: 'kit-1', typ: 'JWT' })}.${enc({
    iss: clientId,
    sub: clientId,
    aud: tokenUrl,
    exp: now + 120,
    jti: crypto.randomUUID(),
  })}`;
  const signature = sign('sha384', Buffer.from(signed), {
    key: keys.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  const token = await fetch(`${base}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'system/Appointment.cruds system/Patient.cruds',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: `${signed}.${signature.toString('base64url')}`,
    }),
  });
  expect(token.status).toBe(200);
  fhir.bearerToken = ((await token.json()) as { access_token: string }).access_token;

  const day = (n: number) =>
    new Date(h.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const found = (await fhir.operation({
    name: 'find',
    resourceType: 'Appointment',
    method: 'GET',
    input: { start: day(2), end: day(3), 'visit-type': c.typeId },
  })) as Bundle;
  const proposed = found.entry![0]!.resource;
  expect(proposed.status).toBe('proposed');

  // The patient through FHIR conditional create: registered once; the same request again answers
  // the same patient instead of a second one.
  const mrn = `KIT${Math.floor(Math.random() * 1e9)}`;
  const createPatient = async () =>
    (await fhir.create({
      resourceType: 'Patient',
      body: {
        resourceType: 'Patient',
        identifier: [{ system: mrnSystem, value: mrn }],
        name: [{ use: 'official', family: 'Client', given: ['Kit'] }],
        gender: 'female',
        birthDate: '1980-06-01',
        telecom: [{ system: 'phone', value: '+1 555 0142' }],
      },
      options: { headers: { 'if-none-exist': `identifier=${mrnSystem}|${mrn}` } },
    })) as unknown as Resource;
  const patient = await createPatient();
  expect(patient.resourceType).toBe('Patient');
  const patientId = patient.id;
  expect((await createPatient()).id).toBe(patientId);
  const held = (await fhir.operation({
    name: 'hold',
    resourceType: 'Appointment',
    input: {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'appt-resource',
          resource: {
            ...proposed,
            participant: [
              ...proposed.participant!,
              { actor: { reference: `Patient/${patientId}` } },
            ],
          },
        },
      ],
    },
  })) as Bundle;
  const pending = held.entry![0]!.resource;
  expect(pending.status).toBe('pending');

  const booked = (await fhir.operation({
    name: 'book',
    resourceType: 'Appointment',
    input: {
      resourceType: 'Parameters',
      parameter: [{ name: 'appt-id', valueString: `Appointment/${pending.id}` }],
    },
  })) as Bundle;
  expect(booked.entry![0]!.resource).toMatchObject({ id: pending.id, status: 'booked' });

  const searched = (await fhir.search({
    resourceType: 'Appointment',
    searchParams: { patient: `Patient/${patientId}` },
    options: { postSearch: true },
  })) as Bundle;
  expect(searched.entry!.map((e) => e.resource.id)).toEqual([pending.id]);

  const sameTimeIn = (bundle: Bundle) =>
    bundle.entry!.filter(
      (e) =>
        e.resource.start === proposed.start &&
        e.resource.participant![0]!.actor.reference === proposed.participant![0]!.actor.reference,
    );
  const findAgain = async () =>
    (await fhir.operation({
      name: 'find',
      resourceType: 'Appointment',
      method: 'GET',
      input: { start: day(2), end: day(3), 'visit-type': c.typeId },
    })) as Bundle;
  expect(sameTimeIn(await findAgain())).toEqual([]);

  // Cancel: the appointment as read, status cancelled, If-Match its version; the time is free.
  const current = (await fhir.read({
    resourceType: 'Appointment',
    id: pending.id,
  })) as unknown as Resource & {
    meta: { versionId: string };
  };
  const cancelled = (await fhir.update({
    resourceType: 'Appointment',
    id: pending.id,
    body: { ...current, status: 'cancelled', cancelationReason: { coding: [{ code: 'prov' }] } },
    options: { headers: { 'if-match': `W/"${current.meta.versionId}"` } },
  })) as unknown as Resource;
  expect(cancelled.status).toBe('cancelled');
  expect(sameTimeIn(await findAgain()).length).toBe(1);
});
