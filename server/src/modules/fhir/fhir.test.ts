import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectValidFhir, fhirIssues, valueSetErrors } from '../../../test/fhir-validate.ts';
import { seedDemo } from '../demo/demo.seed.ts';

let h: TestApp;

beforeAll(async () => {
  h = await startTestApp();
  await seedDemo(h.db, h.vault);
});
afterAll(() => h.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  h.app.inject({ url, headers: { accept: 'application/fhir+json', ...headers } });

describe('the FHIR directory', () => {
  it('states what it implements in a valid CapabilityStatement, as FHIR JSON', async () => {
    const res = await get('/fhir/metadata');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const cs = res.json();
    expectValidFhir(cs);
    expect(cs.fhirVersion).toBe('4.0.1');
    const types = cs.rest[0].resource.map((r: { type: string }) => r.type);
    expect(types).toEqual([
      'Organization',
      'Location',
      'Practitioner',
      'PractitionerRole',
      'HealthcareService',
      'Schedule',
      'Slot',
      'Appointment',
      'Patient',
    ]);
  });

  it('every type the statement lists answers a search with a valid Bundle of valid resources', async () => {
    const cs = (await get('/fhir/metadata')).json();
    const searchable = (cs.rest[0].resource as { type: string; interaction: { code: string }[] }[])
      .filter(
        (r) =>
          r.interaction.some((i) => i.code === 'search-type') &&
          !['Appointment', 'Patient'].includes(r.type),
      )
      .map((r) => r.type);
    // Appointments are for signed-in callers (fhir.scheduling.test.ts): signed out, a 401.
    expect((await get('/fhir/Appointment')).statusCode).toBe(401);
    // Patients too (fhir.patients.test.ts), and only by POST: an identifier never rides in a URL.
    const search = await h.app.inject({
      method: 'POST',
      url: '/fhir/Patient/_search',
      payload: { identifier: 'x' },
    });
    expect(search.statusCode).toBe(401);
    for (const type of searchable) {
      const res = await get(`/fhir/${type}`);
      expect(res.statusCode, type).toBe(200);
      const bundle = res.json();
      expectValidFhir(bundle);
      expect(bundle.type).toBe('searchset');
      expect(bundle.total, type).toBeGreaterThan(0);
      for (const e of bundle.entry) expect(e.resource.resourceType).toBe(type);
    }
  });

  it('reads each directory resource by the id a search gave, and the ids link up', async () => {
    const roles = (await get('/fhir/PractitionerRole')).json();
    const role = roles.entry[0].resource;
    for (const reference of [
      role.practitioner.reference,
      role.organization.reference,
      ...role.location.map((l: { reference: string }) => l.reference),
      ...role.healthcareService.map((s: { reference: string }) => s.reference),
    ]) {
      const res = await get(`/fhir/${reference}`);
      expect(res.statusCode, reference).toBe(200);
      expect(`${res.json().resourceType}/${res.json().id}`).toBe(reference);
      expectValidFhir(res.json());
    }
  });

  it('finds practitioners by name and roles by specialty and location', async () => {
    const okafor = (await get('/fhir/Practitioner?name=okaf')).json();
    expect(
      okafor.entry.map((e: { resource: { name: { text: string }[] } }) => e.resource.name[0]!.text),
    ).toEqual(['Dr. Amara Okafor']);
    const family = (await get('/fhir/PractitionerRole?specialty=Family%20medicine')).json();
    expect(family.total).toBe(2);
    const locations = (await get('/fhir/Location')).json();
    const phoenix = locations.entry.find(
      (e: { resource: { extension: { valueCode?: string }[] } }) =>
        e.resource.extension.some((x) => x.valueCode === 'America/Phoenix'),
    ).resource;
    const atPhoenix = (await get(`/fhir/PractitionerRole?location=Location/${phoenix.id}`)).json();
    const both = (
      await get(
        `/fhir/PractitionerRole?location=Location/${phoenix.id}&specialty=Family%20medicine`,
      )
    ).json();
    expect(atPhoenix.total).toBe(2);
    expect(both.total).toBe(1);
  });

  it('pages with _count and links that lead through every result once', async () => {
    const all = (await get('/fhir/Schedule')).json();
    expect(all.total).toBeGreaterThan(2);
    const seen: string[] = [];
    let url: string | undefined = '/fhir/Schedule?_count=2';
    while (url) {
      const page: {
        total: number;
        entry: { resource: { id: string } }[];
        link: { relation: string; url: string }[];
      } = (await get(url)).json();
      expect(page.total).toBe(all.total);
      expect(page.entry.length).toBeLessThanOrEqual(2);
      seen.push(...page.entry.map((e) => e.resource.id));
      const next: string | undefined = page.link.find((l) => l.relation === 'next')?.url;
      url = next ? new URL(next).pathname + new URL(next).search : undefined;
    }
    expect(seen).toEqual(all.entry.map((e: { resource: { id: string } }) => e.resource.id));
  });
});

describe('the validators the tests rely on', () => {
  it('each finds what is wrong with a Slot of a made-up status and no end, inside a Bundle too', async () => {
    const slot = {
      resourceType: 'Slot',
      schedule: { reference: 'Schedule/x' },
      status: 'maybe',
      start: '2030-01-01T09:00:00Z',
    };
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: slot }] };
    expect(fhirIssues(slot)).not.toEqual([]);
    expect(valueSetErrors(slot)).not.toEqual([]);
    expect(fhirIssues(bundle)).not.toEqual([]);
    expect(valueSetErrors(bundle)).not.toEqual([]);
  });
});

describe('FHIR errors', () => {
  it.each([
    ['an unknown resource type', '/fhir/Foo', 404, 'not-found'],
    ['a missing record', `/fhir/Location/${crypto.randomUUID()}`, 404, 'not-found'],
    ['an interaction not implemented', '/fhir/Slot/abc', 405, 'fhir-unsupported'],
    ['an unsupported search parameter', '/fhir/Location?colour=blue', 400, 'validation'],
    ['an unsupported modifier', '/fhir/Location?name:exact=Main', 400, 'validation'],
    ['an invalid date', '/fhir/Slot?start=2026-02-30', 400, 'validation'],
    ['an unsupported prefix', '/fhir/Slot?start=ne2026-02-03', 400, 'validation'],
    ['a count over the limit', '/fhir/Location?_count=5000', 400, 'validation'],
    [
      'a slot status that is neither free nor busy',
      '/fhir/Slot?status=tentative',
      400,
      'validation',
    ],
    [
      'a window over 31 days',
      '/fhir/Slot?start=ge2026-01-01&start=lt2026-03-01',
      400,
      'validation',
    ],
  ])(
    '%s is a valid OperationOutcome with the status, never 200 or 5xx',
    async (_, url, status, slug) => {
      const res = await get(url);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      const outcome = res.json();
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0].details.coding[0].code).toBe(slug);
      expect(fhirIssues(outcome)).toEqual([]);
    },
  );

  it('names the parameter at fault', async () => {
    const outcome = (await get('/fhir/Location?colour=blue')).json();
    expect(JSON.stringify(outcome.issue)).toContain('colour');
  });

  it('a change sent to the read-only endpoint is refused and changes nothing', async () => {
    const before = (await get('/fhir/Location')).json().total;
    const res = await h.app.inject({
      method: 'POST',
      url: '/fhir/Location',
      headers: { 'content-type': 'application/fhir+json' },
      payload: { resourceType: 'Location', name: 'Sneaky' },
    });
    expect(res.statusCode).toBe(405);
    expect((await get('/fhir/Location')).json().total).toBe(before);
  });
});
