import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { ada } from './patients.fixtures.ts';
import { searchBudget } from './patients.search-budget.ts';
import type { Registration } from './patients.schema.ts';

let h: IdentityApp;
let org: Org;
let desk: Client;
const ids: Record<string, string> = {};

const dob = '1984-03-09';
/** A patient born on Ada's birthday, with her own contact details. */
const born = (given: string, family: string, n: number, over: Partial<Registration> = {}) =>
  ada({
    legalName: { given, family },
    preferredName: undefined,
    phone: `+1 555 020 ${String(1000 + n)}`,
    email: `patient${n}@example.org`,
    mrn: `MRN-S${n}`,
    ...over,
  });

async function register(c: Client, key: string, r: Registration) {
  const res = await c.post('/api/patients', r);
  expect(res.statusCode, res.body).toBe(201);
  ids[key] = res.json().id;
}

const search = (c: Client, body: object) => c.post('/api/patients/search', body);
const found = async (c: Client, body: object) => {
  const res = await search(c, body);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().results as { match: string; patient: { id: string } }[]).map(
    (r) => [r.match, Object.entries(ids).find(([, id]) => id === r.patient.id)?.[0]] as const,
  );
};

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'searching');
  desk = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
  await register(desk, 'ada', ada());
  await register(desk, 'ben', born('Ben', 'Quill', 1));
  await register(desk, 'quilling', born('Cora', 'Quilling', 2));
  await register(desk, 'kwil', born('Dan', 'Kwil', 3));
  await register(desk, 'quinn', born('Eve', 'Quinn', 4));
  await register(desk, 'otherDay', born('Fay', 'Quill', 5, { dateOfBirth: '1984-03-10' }));
  await register(desk, 'nunez', born('Gil', 'Núñez-García', 6, { dateOfBirth: '1990-07-01' }));
  await register(desk, 'soren', born('Søren', 'Kierkegård', 7, { dateOfBirth: '1990-07-01' }));
});
afterAll(() => h.close());

describe('the front desk searches by family name and date of birth', () => {
  it('lists the exact family name first, then names that start with it, then names that sound like it', async () => {
    expect(await found(desk, { familyName: 'Quill', dateOfBirth: dob })).toEqual([
      ['exact', 'ada'],
      ['exact', 'ben'],
      ['prefix', 'quilling'],
      ['phonetic', 'kwil'],
    ]);
  });

  it('finds a misspelled name by its sound, and never a name that only shares three letters', async () => {
    expect(await found(desk, { familyName: 'Qwill', dateOfBirth: dob })).toEqual([
      ['phonetic', 'ada'],
      ['phonetic', 'ben'],
      ['phonetic', 'kwil'],
    ]);
    // "Quin" shares "qui" with Quill and Quilling, but only Quinn starts with it.
    expect(await found(desk, { familyName: 'Quin', dateOfBirth: dob })).toEqual([
      ['prefix', 'quinn'],
    ]);
  });

  it('finds a name typed in part, and ranks the given name searched for first', async () => {
    // Closest to what was typed first: Quill and Quinn are two letters away, Quilling five.
    expect(await found(desk, { familyName: 'qui', dateOfBirth: dob })).toEqual([
      ['prefix', 'ada'],
      ['prefix', 'ben'],
      ['prefix', 'quinn'],
      ['prefix', 'quilling'],
    ]);
    expect(await found(desk, { familyName: 'Quill', dateOfBirth: dob, givenName: 'be' })).toEqual([
      ['exact', 'ben'],
      ['exact', 'ada'],
      ['prefix', 'quilling'],
      ['phonetic', 'kwil'],
    ]);
  });

  it('finds no one born on another day', async () => {
    expect(await found(desk, { familyName: 'Quill', dateOfBirth: '1984-03-11' })).toEqual([]);
    expect(await found(desk, { familyName: 'Quill', dateOfBirth: '1984-03-10' })).toEqual([
      ['exact', 'otherDay'],
    ]);
  });

  it('ignores accents, case, hyphens, spaces and letters like ø', async () => {
    for (const familyName of ['nunez garcia', 'NUNEZGARCIA', 'Núñez García', 'nuñez-garcía']) {
      expect(await found(desk, { familyName, dateOfBirth: '1990-07-01' }), familyName).toEqual([
        ['exact', 'nunez'],
      ]);
    }
    expect(await found(desk, { familyName: 'Nunez', dateOfBirth: '1990-07-01' })).toEqual([
      ['prefix', 'nunez'],
    ]);
    expect(await found(desk, { familyName: 'kierkegaard', dateOfBirth: '1990-07-01' })).toEqual([
      ['phonetic', 'soren'],
    ]);
    expect(await found(desk, { familyName: 'KIERKEGARD', dateOfBirth: '1990-07-01' })).toEqual([
      ['exact', 'soren'],
    ]);
  });

  it("answers with the front desk's projection: masked identifiers, never intake or more", async () => {
    const res = await search(desk, { familyName: 'Quill', dateOfBirth: dob, givenName: 'Ada' });
    const first = res.json().results[0];
    expect(first.patient).toMatchObject({
      id: ids.ada,
      legalName: { given: 'Ada', family: 'Quill' },
      dateOfBirth: dob,
      mrn: '•••• 4821',
      insuranceMemberId: '•••• 4821',
    });
    expect(res.json().truncated).toBe(false);
  });
});

describe('the front desk searches by phone, email or MRN', () => {
  it('finds exactly the patient with that identifier, however it is typed', async () => {
    expect(await found(desk, { phone: '(555) 010-4821' })).toEqual([]);
    expect(await found(desk, { phone: '+1 555-010-4821' })).toEqual([['exact', 'ada']]);
    expect(await found(desk, { email: 'Patient1@Example.ORG' })).toEqual([['exact', 'ben']]);
    expect(await found(desk, { mrn: 'mrn-s2' })).toEqual([['exact', 'quilling']]);
    expect(await found(desk, { mrn: 'MRN-S99' })).toEqual([]);
  });

  it('keeps the exact look-up working as before', async () => {
    const res = await desk.post('/api/patients/lookup', { dateOfBirth: dob, familyName: 'quill' });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .patients.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([ids.ada, ids.ben].sort());
  });
});

describe('who may search', () => {
  it("never finds another organization's patients", async () => {
    const other = await addOrganization(h, 'elsewhere-search');
    const theirDesk = await signIn(h, await addAccount(h, other, { roles: ['front_desk'] }));
    await register(theirDesk, 'theirAda', ada());
    expect(await found(theirDesk, { familyName: 'Quill', dateOfBirth: dob })).toEqual([
      ['exact', 'theirAda'],
    ]);
    expect(await found(desk, { familyName: 'Quill', dateOfBirth: dob })).not.toContainEqual([
      'exact',
      'theirAda',
    ]);
    expect(await found(theirDesk, { mrn: 'MRN-S1' })).toEqual([]);
  });

  it('refuses patients and managers (403), and audits the refusal', async () => {
    const patient = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
    const manager = await signIn(h, await addAccount(h, org, { roles: ['manager'] }));
    for (const c of [patient, manager]) {
      const res = await search(c, { familyName: 'Quill', dateOfBirth: dob });
      expect(res.statusCode).toBe(403);
      expect(res.json().type).toBe('urn:hourglass:problem:forbidden');
      const events = await listAuditEvents(h.db, {
        requestId: String(res.headers['x-request-id']),
      });
      expect(events.map((e) => [e.action, e.outcome])).toEqual([['patient.search', 'denied']]);
    }
  });

  it('lets a clinician search, in the projection of a clinician (no address)', async () => {
    const clinician = await signIn(h, await addAccount(h, org, { roles: ['clinician'] }));
    const res = await search(clinician, { email: 'ada.quill@example.org' });
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0].patient.id).toBe(ids.ada);
    expect(res.json().results[0].patient.address).toBeUndefined();
  });

  it('lets a compliance officer find the record an accounting request names, and no more of it', async () => {
    const officer = await signIn(h, await addAccount(h, org, { roles: ['compliance_officer'] }));
    const res = await search(officer, { familyName: 'Quill', givenName: 'Ada', dateOfBirth: dob });
    expect(res.statusCode).toBe(200);
    const [first] = res.json().results as { match: string; patient: Record<string, unknown> }[];
    expect(first!.match).toBe('exact');
    expect(first!.patient.id).toBe(ids.ada);
    // Which record matched and how: no name, no contact detail, the birth date masked.
    expect(Object.keys(first!.patient).sort()).toEqual(['createdAt', 'dateOfBirth', 'id']);
    expect(first!.patient.dateOfBirth).toBe('•••• 3-09');
  });
});

describe('what a search leaves behind', () => {
  it('one event naming every patient returned, and a read of each', async () => {
    const res = await search(desk, { familyName: 'Quill', dateOfBirth: dob });
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    const returned = [ids.ada, ids.ben, ids.quilling, ids.kwil];
    const searched = events.find((e) => e.action === 'patient.search')!;
    expect(searched).toMatchObject({ outcome: 'success', resource_type: 'patient-search' });
    expect([...searched.resource_ids!].sort()).toEqual([...returned].sort());
    expect(
      events
        .filter((e) => e.action === 'patient.read')
        .map((e) => e.patient_id)
        .sort(),
    ).toEqual([...returned].sort());
    expect(events).toHaveLength(1 + returned.length);
  });

  it('refuses bad input with a 400 that quotes nothing, and logs and finds nothing', async () => {
    const before = h.logs.length;
    const bad = [
      { familyName: 'Zebedee' },
      { dateOfBirth: '1911-11-11' },
      { givenName: 'Zebedee', email: 'zebedee@example.org' },
      { familyName: 'Zebedee', dateOfBirth: '1911-11-31' },
      { familyName: 'Zebedee', dateOfBirth: '1911-11-11', phone: '+1 555 999 1911' },
      { email: 'zebedee@example.org', note: 'Zebedee' },
      { familyName: 'Zebedee', dateOfBirth: '1911-11-11', familyname: 'x' },
    ];
    for (const body of bad) {
      const res = await search(desk, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().type).toBe('urn:hourglass:problem:validation');
      expect(res.body).not.toMatch(/Zebedee|zebedee|1911-11|555 999/);
      const events = await listAuditEvents(h.db, {
        requestId: String(res.headers['x-request-id']),
      });
      expect(events.map((e) => [e.action, e.outcome])).toEqual([['patient.search', 'failed']]);
    }
    expect(h.logs.slice(before).join('\n')).not.toMatch(/Zebedee|zebedee|1911-11|555 999/);
  });

  it('stores no plaintext name, birth date, prefix or sound code in patient_identity', async () => {
    const { rows: columns } = await h.db.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns
        where table_name = 'patient_identity' order by column_name`,
    );
    const plainTypes = columns.filter((c) => !['bytea', 'uuid', 'integer'].includes(c.data_type));
    expect(plainTypes.map((c) => c.column_name)).toEqual(['updated_at']);
    const { rows } = await h.db.query<Record<string, unknown>>(
      'select * from patient_identity where patient_id = $1',
      [ids.quilling],
    );
    const stored = Buffer.concat(
      Object.values(rows[0]!).map((v) =>
        v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(String(v)),
      ),
    );
    for (const plain of [
      'Quilling',
      'quilling',
      'QUILLING',
      '1984-03-09',
      '|qui',
      'KLNK',
      'Cora',
    ]) {
      expect(stored.includes(plain), plain).toBe(false);
    }
  });
});

describe('how far a search goes', () => {
  it('returns at most 20 matches and says there were more', async () => {
    for (let n = 0; n < 22; n++) {
      await register(
        desk,
        `crowd${n}`,
        born(`Crowd${n}`, `Zander${n}`, 100 + n, { dateOfBirth: '2001-01-01' }),
      );
    }
    const res = await search(desk, { familyName: 'Zander', dateOfBirth: '2001-01-01' });
    expect(res.json().results).toHaveLength(20);
    expect(res.json().truncated).toBe(true);
    expect(new Set(res.json().results.map((r: { match: string }) => r.match))).toEqual(
      new Set(['prefix']),
    );
  });

  it(`stops an account after ${searchBudget.searches} searches in ${searchBudget.windowMinutes} minutes, until the window passes`, async () => {
    const busy = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    const other = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    // Start at the beginning of a window, so the whole budget fits in it.
    const windowMs = searchBudget.windowMinutes * 60_000;
    h.clock.advance(windowMs - (h.clock.now().getTime() % windowMs));
    for (let i = 0; i < searchBudget.searches; i++) {
      // Look-ups and searches draw on the same budget.
      const res = await (i % 2
        ? search(busy, { mrn: 'MRN-S1' })
        : busy.post('/api/patients/lookup', { mrn: 'MRN-S1' }));
      expect(res.statusCode, `search ${i + 1}`).toBe(200);
    }
    const refused = await search(busy, { mrn: 'MRN-S1' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      type: 'urn:hourglass:problem:too-many-searches',
      retryAfterSeconds: windowMs / 1000,
    });
    const events = await listAuditEvents(h.db, {
      requestId: String(refused.headers['x-request-id']),
    });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([['patient.search', 'denied']]);
    // Another account is not affected; this one may search again in the next window.
    expect((await search(other, { mrn: 'MRN-S1' })).statusCode).toBe(200);
    h.clock.advance(windowMs);
    expect((await search(busy, { mrn: 'MRN-S1' })).statusCode).toBe(200);
  });
});
