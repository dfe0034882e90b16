import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectValidFhir } from '../../../test/fhir-validate.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { handlingOf } from './fhir.handling.ts';

let h: TestApp;

beforeAll(async () => {
  h = await startTestApp();
  await seedDemo(h.db, h.vault);
});
afterAll(() => h.close());

const get = (url: string, prefer?: string) =>
  h.app.inject({
    url,
    headers: { accept: 'application/fhir+json', ...(prefer ? { prefer } : {}) },
  });

interface Entry {
  resource: { resourceType: string; id: string; issue?: { code: string; diagnostics: string }[] };
  search: { mode: string };
}
const matchIds = (b: { entry: Entry[] }) =>
  b.entry.filter((e) => e.search.mode === 'match').map((e) => e.resource.id);

describe('Prefer: handling', () => {
  it('reads the handling among other preferences, in any case; anything else is strict', () => {
    expect(handlingOf('return=minimal, handling=lenient')).toBe('lenient');
    expect(handlingOf('HANDLING=Lenient')).toBe('lenient');
    expect(handlingOf('handling=strict')).toBe('strict');
    expect(handlingOf('handling=sloppy')).toBe('strict');
    expect(handlingOf(undefined)).toBe('strict');
  });

  it('refuses an unsupported parameter, modifier or _ parameter by default and under strict', async () => {
    for (const q of ['name:exact=Okafor', '_summary=true', 'birthdate=1970', '_sort=name']) {
      for (const prefer of [undefined, 'handling=strict']) {
        const res = await get(`/fhir/Practitioner?${q}`, prefer);
        expect(res.statusCode, `${q} ${prefer}`).toBe(400);
        expect(res.json().resourceType).toBe('OperationOutcome');
      }
    }
  });

  it('lenient: drops them, answers the rest, and reports each by name in an outcome entry', async () => {
    const plain = (await get('/fhir/Practitioner?name=okaf')).json();
    const secret = 'Jane-1980-04-02';
    const res = await get(
      `/fhir/Practitioner?name=okaf&name:exact=${secret}&_summary=true&_count=10`,
      'respond-async, handling=lenient',
    );
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json();
    expectValidFhir(bundle);
    expect(matchIds(bundle)).toEqual(matchIds(plain));
    expect(bundle.total).toBe(plain.total);
    const outcomes = (bundle.entry as Entry[]).filter((e) => e.search.mode === 'outcome');
    expect(outcomes).toHaveLength(1);
    const issues = outcomes[0]!.resource.issue!;
    expect(issues.map((i) => i.code)).toEqual(['not-supported', 'not-supported']);
    expect(issues.map((i) => i.diagnostics).join(' ')).toMatch(/"name:exact".*"_summary"/);
    // The dropped value is nowhere in the answer; the links repeat only what was searched.
    expect(res.body).not.toContain(secret);
    const self = bundle.link.find((l: { relation: string }) => l.relation === 'self').url;
    expect(new URL(self).searchParams.get('name')).toBe('okaf');
    expect(self).not.toContain('_summary');
  });

  it('lenient: a supported parameter with a bad value is still a 400, and so is a bad _count', async () => {
    const badPrefix = await get('/fhir/Slot?start=sa2026-01-01&_elements=id', 'handling=lenient');
    expect(badPrefix.statusCode).toBe(400);
    expect(badPrefix.json().resourceType).toBe('OperationOutcome');
    const badCount = await get('/fhir/Schedule?_count=-1&_total=none', 'handling=lenient');
    expect(badCount.statusCode).toBe(400);
  });

  it('lenient Slot search: the same free slots, with the outcome entry after them', async () => {
    const plain = await get('/fhir/Slot?_count=5');
    expect(plain.statusCode, plain.body).toBe(200);
    expect(matchIds(plain.json()).length).toBeGreaterThan(0);
    const res = await get('/fhir/Slot?_count=5&_include=Slot:schedule', 'handling=lenient');
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json();
    expectValidFhir(bundle);
    expect(matchIds(bundle)).toEqual(matchIds(plain.json()));
    expect((bundle.entry as Entry[]).at(-1)!.search.mode).toBe('outcome');
    // Strict, the same request is refused.
    expect((await get('/fhir/Slot?_count=5&_include=Slot:schedule')).statusCode).toBe(400);
  });

  it('operations stay strict: $find refuses an unknown parameter even under lenient', async () => {
    const res = await get(
      '/fhir/Appointment/$find?start=2030-01-01&end=2030-01-02&colour=blue',
      'handling=lenient',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().resourceType).toBe('OperationOutcome');
  });
});
