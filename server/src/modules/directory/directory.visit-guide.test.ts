import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import type { VisitGuide } from './directory.visit-guide.ts';

let h: IdentityApp;
let manager: Client;
let demo: Org;
const types: Record<string, string> = {};
const url = '/api/organizations/demo/visit-guide';

beforeAll(async () => {
  h = await startIdentityApp();
  await seedDemo(h.db, h.vault);
  const { rows } = await h.db.query<{ id: string; location: string }>(
    `select o.id, (select l.id from locations l where l.organization_id = o.id limit 1) as location
       from organizations o where o.slug = 'demo'`,
  );
  demo = { id: rows[0]!.id, slug: 'demo', locationId: rows[0]!.location };
  manager = await signIn(h, await addAccount(h, demo, { roles: ['manager'] }));
  for (const t of (await new Client(h).get('/api/organizations/demo/appointment-types')).json()
    .appointmentTypes as { id: string; name: string }[]) {
    types[t.name] = t.id;
  }
});
afterAll(() => h.close());

const label = (en: string, es = `${en} (es)`) => ({ en, es });

/** A small valid guide: returning or not, then in person or by video for a follow-up. */
function guide(): VisitGuide {
  return {
    start: 'first',
    nodes: [
      {
        id: 'first',
        prompt: label('First time here?'),
        choices: [
          {
            label: label('Yes'),
            appointmentTypeId: types['New patient visit']!,
            modality: 'in_person',
          },
          { label: label('No'), next: 'how' },
        ],
      },
      {
        id: 'how',
        prompt: label('How?'),
        choices: [
          { label: label('In person'), appointmentTypeId: types['Follow-up visit']! },
          {
            label: label('Video'),
            appointmentTypeId: types['Follow-up visit']!,
            modality: 'telehealth',
          },
        ],
      },
    ],
  };
}

type Leaf = { type: string; modality?: string };

/** Every path of a guide to its end: the leaves reached, by following choices from the start. */
function leaves(g: VisitGuide): Leaf[] {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const walk = (id: string): Leaf[] =>
    byId
      .get(id)!
      .choices.flatMap((c) =>
        c.next
          ? walk(c.next)
          : [{ type: c.appointmentTypeId!, ...(c.modality ? { modality: c.modality } : {}) }],
      );
  return walk(g.start);
}

describe('the visit guide', () => {
  it('the demo clinic’s guide is public, bilingual, and leads to each of its visit types', async () => {
    const res = await new Client(h).get(url);
    expect(res.statusCode).toBe(200);
    const demo = res.json() as VisitGuide & { version: number };
    expect(demo.version).toBe(1);
    expect(new Set(leaves(demo).map((l) => l.type))).toEqual(new Set(Object.values(types)));
    expect(leaves(demo)).toContainEqual({ type: types['Follow-up visit'], modality: 'telehealth' });
    for (const n of demo.nodes) {
      for (const text of [n.prompt, ...n.choices.map((c) => c.label)]) {
        expect(text.en.trim()).not.toBe('');
        expect(text.es.trim()).not.toBe('');
        expect(text.es).not.toBe(text.en);
      }
    }
  });

  it('a manager replaces it whole; the change is audited and the version goes up', async () => {
    const res = await manager.request('PUT', url, guide());
    expect(res.statusCode, res.body).toBe(204);
    const stored = (await new Client(h).get(url)).json();
    expect(stored).toEqual({ ...guide(), version: 2 });
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['directory.visit_guide.update', 'success'],
    ]);
  });

  it('names every broken field by JSON pointer, and a refused guide changes nothing', async () => {
    const cases: [string, (g: VisitGuide) => void, string][] = [
      [
        'an empty label',
        (g) => (g.nodes[0]!.choices[0]!.label.es = '  '),
        '/body/nodes/0/choices/0/label/es',
      ],
      [
        'both a next step and a type',
        (g) => (g.nodes[0]!.choices[1]!.appointmentTypeId = types['Follow-up visit']),
        '/body/nodes/0/choices/1/next',
      ],
      [
        'a modality without a type',
        (g) => (g.nodes[0]!.choices[1]!.modality = 'telehealth'),
        '/body/nodes/0/choices/1/modality',
      ],
      [
        'a step that does not exist',
        (g) => (g.nodes[0]!.choices[1]!.next = 'nowhere'),
        '/body/nodes/0/choices/1/next',
      ],
      ['a start that does not exist', (g) => (g.start = 'nowhere'), '/body/start'],
      [
        'a type that does not exist',
        (g) => (g.nodes[1]!.choices[0]!.appointmentTypeId = crypto.randomUUID()),
        '/body/nodes/1/choices/0/appointmentTypeId',
      ],
      [
        'a modality the type does not offer',
        (g) => (g.nodes[0]!.choices[0]!.modality = 'telehealth'),
        '/body/nodes/0/choices/0/modality',
      ],
      ['two steps with one id', (g) => (g.nodes[1]!.id = 'first'), '/body/nodes/1/id'],
      [
        'two choices saying the same',
        (g) => (g.nodes[1]!.choices[1]!.label = label('In person')),
        '/body/nodes/1/choices/1/label/en',
      ],
      [
        'a cycle',
        (g) => (g.nodes[1]!.choices[0] = { label: label('Back'), next: 'first' }),
        '/body/nodes/1/choices/0/next',
      ],
      [
        'a step no path reaches',
        (g) => g.nodes.push({ ...g.nodes[1]!, id: 'orphan' }),
        '/body/nodes/2',
      ],
      [
        'too many steps',
        (g) =>
          g.nodes.push(...Array.from({ length: 40 }, (_, i) => ({ ...g.nodes[1]!, id: `x${i}` }))),
        '/body/nodes',
      ],
      ['a step without choices', (g) => (g.nodes[1]!.choices = []), '/body/nodes/1/choices'],
      ['an unknown field', (g) => Object.assign(g.nodes[0]!, { freeText: true }), '/body/nodes/0'],
    ];
    for (const [what, breakIt, pointer] of cases) {
      const g = guide();
      breakIt(g);
      const res = await manager.request('PUT', url, g);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().type, what).toBe('urn:hourglass:problem:validation');
      expect(
        res.json().errors.map((e: { pointer: string }) => e.pointer),
        what,
      ).toContain(pointer);
    }
    expect((await new Client(h).get(url)).json().version).toBe(2);
  });

  it('is changed by managers and admins only: others are refused before anything is read', async () => {
    for (const roles of [['front_desk'], ['clinician'], ['compliance_officer']]) {
      const c = await signIn(h, await addAccount(h, demo, { roles }));
      expect((await c.request('PUT', url, guide())).statusCode, roles[0]).toBe(403);
    }
    const patient = await signIn(h, await addAccount(h, demo, { kind: 'patient' }));
    expect((await patient.request('PUT', url, guide())).statusCode).toBe(403);
    expect((await new Client(h).request('PUT', url, guide())).statusCode).toBe(401);
    expect((await new Client(h).get(url)).json().version).toBe(2);
  });

  it('answers 404 for a clinic without a guide', async () => {
    await addOrganization(h, 'unguided');
    const res = await new Client(h).get('/api/organizations/unguided/visit-guide');
    expect(res.statusCode).toBe(404);
  });
});
