import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { demoName, seedDemo } from '../demo/demo.seed.ts';
import { createOrganization } from './directory.service.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp();
  await seedDemo(h.db, h.vault);
});
afterAll(() => h.close());

describe('the demo clinic in the directory', () => {
  it('is listed, labelled as demo data', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/organizations' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ organizations: [{ slug: 'demo', name: demoName, isDemo: true }] });
  });

  it('has two locations in different IANA time zones', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/organizations/demo' });
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org.locations).toHaveLength(2);
    const zones = new Set(org.locations.map((l: { timeZone: string }) => l.timeZone));
    expect(zones).toEqual(new Set(['America/New_York', 'America/Phoenix']));
  });

  it('is seeded once, however often seeding runs', async () => {
    expect(await seedDemo(h.db, h.vault)).toBe(false);
    const { rows } = await h.db.query<{ n: number }>('select count(*)::int as n from locations');
    expect(rows[0]!.n).toBe(2);
  });

  it('answers an unknown organization with 404 and a malformed address with 400', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/organizations/nope' })).statusCode).toBe(
      404,
    );
    const bad = await h.app.inject({ method: 'GET', url: '/api/organizations/Not_A_Slug' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/path/slug');
  });

  it('refuses a location whose time zone is not an IANA zone, and writes nothing', async () => {
    const attempt = h.db.transaction((tx) =>
      createOrganization(tx, {
        slug: 'bad-zone',
        name: 'Bad Zone Clinic',
        isDemo: false,
        locations: [
          {
            name: 'Somewhere',
            timeZone: 'Mars/Olympus_Mons',
            addressLine: '',
            city: '',
            region: '',
            postalCode: '',
            country: 'US',
            phone: '',
            inPerson: true,
            telehealth: false,
          },
        ],
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(Invalid);
    const { rows } = await h.db.query("select 1 from organizations where slug = 'bad-zone'");
    expect(rows).toEqual([]);
  });
});
