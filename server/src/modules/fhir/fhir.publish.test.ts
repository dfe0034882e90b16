import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinicIds } from '../../../test/clinic.ts';
import { expectValidFhir } from '../../../test/fhir-validate.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { createAvailabilityCache } from '../availability/availability.cache.ts';
import { occupancy } from '../booking/booking.occupancy.ts';
import { loadCatalog } from './fhir.catalog.ts';
import { publishedResources, publishedScope } from './fhir.publish.ts';

const DAY = 86_400_000;

async function demoApp(publish: string) {
  const h = await startTestApp({ env: { HOURGLASS_FHIR_PUBLISH: publish } });
  await seedDemo(h.db, h.vault);
  return h;
}

interface Resource {
  resourceType: string;
  id: string;
  start?: string;
  serviceType?: { coding: { code: string }[] }[];
  extension?: { url: string; valueUrl?: string; valueString?: string }[];
}

async function file(h: TestApp, type: string): Promise<Resource[]> {
  const res = await h.app.inject({ url: `/fhir/$bulk-publish/${type}.ndjson` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/fhir+ndjson; charset=utf-8');
  expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
  if (res.body === '') return [];
  expect(res.body.endsWith('\n')).toBe(true);
  return res.body
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Resource);
}

describe('SMART Scheduling Links, published for the whole demo organization', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await demoApp('demo');
  });
  afterAll(() => h.close());

  it('the manifest names the three files, with the states they cover', async () => {
    const res = await h.app.inject({ url: '/fhir/$bulk-publish' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const m = res.json();
    expect(Date.parse(m.transactionTime)).not.toBeNaN();
    expect(m.request).toMatch(/\/fhir\/\$bulk-publish$/);
    expect(m.output.map((o: { type: string }) => o.type)).toEqual(['Location', 'Schedule', 'Slot']);
    for (const o of m.output as { url: string }[]) {
      const path = new URL(o.url).pathname;
      expect((await h.app.inject({ url: path })).statusCode).toBe(200);
    }
    expect(m.error).toEqual([]);
  });

  it('every line of every file is a valid FHIR resource of its type', async () => {
    for (const type of ['Location', 'Schedule', 'Slot']) {
      const resources = await file(h, type);
      expect(resources.length, type).toBeGreaterThan(0);
      for (const r of resources) {
        expect(r.resourceType).toBe(type);
        expectValidFhir(r);
      }
    }
  });

  it('the Slots are the free times the availability API offers for the same fortnight', async () => {
    const { followUp } = await demoClinicIds(h);
    const now = Date.now();
    const slots = (await file(h, 'Slot')).filter(
      (s) => s.serviceType![0]!.coding[0]!.code === followUp,
    );
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const native = (
      await h.app.inject({
        url: `/api/availability?organization=demo&appointmentTypeId=${followUp}&from=${day(now)}&to=${day(now + 14 * DAY)}&zone=UTC`,
      })
    ).json() as { slots: { start: string }[] };
    const expected = native.slots
      .map((s) => Date.parse(s.start))
      .filter((t) => t < now + 14 * DAY - 60_000);
    const published = slots.map((s) => Date.parse(s.start!));
    expect(published.length).toBeGreaterThan(50);
    // Both read the same engine; the feed's window ends a fortnight after its own "now".
    expect(published.filter((t) => t < now + 14 * DAY - 60_000).sort()).toEqual(expected.sort());
  });

  it('each Slot links to the portal’s booking page for that time, under both extension URLs', async () => {
    const [slot] = await file(h, 'Slot');
    const links = slot!.extension!.filter((x) => x.url.endsWith('/booking-deep-link'));
    expect(links.map((x) => x.url).sort()).toEqual([
      'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link',
      'http://hl7.org/fhir/uv/ssl/StructureDefinition/booking-deep-link',
    ]);
    const url = new URL(links[0]!.valueUrl!);
    expect(url.pathname).toBe('/book');
    expect([...url.searchParams.keys()].sort()).toEqual([
      'location',
      'modality',
      'provider',
      'start',
      'type',
    ]);
    expect(url.searchParams.get('start')).toBe(slot!.start);
  });

  it('refuses a malformed _since with a 400 OperationOutcome', async () => {
    const res = await h.app.inject({ url: '/fhir/$bulk-publish?_since=yesterday' });
    expect(res.statusCode).toBe(400);
    expect(res.json().resourceType).toBe('OperationOutcome');
  });
});

describe('publishing is opt-in', () => {
  it('publishes nothing unless the organization or location is named', async () => {
    const h = await demoApp('');
    try {
      for (const type of ['Location', 'Schedule', 'Slot']) expect(await file(h, type)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a location named alone is the only one published, with its schedules and slots', async () => {
    const h = await demoApp('');
    try {
      const { boston } = await demoClinicIds(h);
      const scope = publishedScope(await loadCatalog(h.db), [
        { organization: 'demo', locationId: boston },
      ]);
      const ctx = { now: Date.now(), publicUrl: 'http://clinic.example' };
      const src = { db: h.db, occupancy };
      const cache = createAvailabilityCache(0, Date.now);
      const read = (type: 'Location' | 'Schedule' | 'Slot') =>
        publishedResources(src, cache, scope, type, ctx);
      expect((await read('Location')).map((l) => l.id)).toEqual([boston]);
      const schedules = await read('Schedule');
      expect(schedules.length).toBeGreaterThan(0);
      for (const s of schedules) {
        expect(JSON.stringify(s.actor)).toContain(`Location/${boston}`);
      }
      const ids = new Set(schedules.map((s) => `Schedule/${s.id}`));
      const slots = await read('Slot');
      expect(slots.length).toBeGreaterThan(0);
      for (const s of slots)
        expect(ids.has((s.schedule as { reference: string }).reference)).toBe(true);
      // Another organization's slug, or a location it does not have, publishes nothing.
      expect(publishedScope(await loadCatalog(h.db), [{ organization: 'elsewhere' }])).toEqual([]);
      expect(
        publishedScope(await loadCatalog(h.db), [
          { organization: 'demo', locationId: crypto.randomUUID() },
        ]),
      ).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
