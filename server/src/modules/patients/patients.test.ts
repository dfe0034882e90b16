import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../audit/audit.store.ts';
import { ada, openClinic, type Clinic } from './patients.fixtures.ts';

let c: Clinic;
beforeAll(async () => {
  c = await openClinic();
});
afterAll(() => c.drop());

const problemOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { status?: number; slug?: string; extensions?: Record<string, unknown> }) => e,
  );

describe('registering a patient', () => {
  it('stores every identifier encrypted, apart from the opaque patient row', async () => {
    const view = await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-100001', email: 'one@example.org', dateOfBirth: '1970-01-01' }),
    );
    const { rows } = await c.t.db.query<Record<string, unknown>>(
      'select * from patient_identity where patient_id = $1',
      [view.id],
    );
    const stored = JSON.stringify(rows[0], (_k, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    for (const plain of [
      'Ada',
      'Quill',
      '1970-01-01',
      'one@example.org',
      'MRN-100001',
      'Boston',
      '4821',
    ]) {
      expect(stored).not.toContain(plain);
    }
    const { rows: bare } = await c.t.db.query('select * from patients where id = $1', [view.id]);
    expect(Object.keys(bare[0]!).sort()).toEqual(['created_at', 'id', 'organization_id']);
  });

  it('stops at a possible duplicate and names it, and registers only when staff say it is someone else', async () => {
    const first = await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-200001', email: 'twin@example.org', phone: '+1 555 222 0001' }),
    );
    // Same DOB and family name (written differently), same phone: a possible match.
    const err = await problemOf(
      c.patients.register(
        c.as('front_desk'),
        ada({
          legalName: { given: 'Adaline', family: 'QUILL ' },
          mrn: undefined,
          email: 'other@example.org',
          phone: '15552220001',
        }),
      ),
    );
    expect(err).toMatchObject({ status: 409, slug: 'possible-duplicate' });
    expect(err!.extensions!.possibleMatches).toContain(first.id);
    const second = await c.patients.register(
      c.as('front_desk'),
      ada({
        legalName: { given: 'Adaline', family: 'Quill' },
        mrn: undefined,
        email: 'other@example.org',
        phone: '15552220001',
        notDuplicateOf: [first.id],
      }),
    );
    expect(second.id).not.toBe(first.id);
    // Nothing merged: both read back as themselves.
    expect((await c.patients.get(c.as('front_desk'), first.id)).legalName?.given).toBe('Ada');
    expect((await c.patients.get(c.as('front_desk'), second.id)).legalName?.given).toBe('Adaline');
  });

  it('does not call the same name and phone with another date of birth a duplicate', async () => {
    await c.patients.register(
      c.as('front_desk'),
      ada({
        mrn: undefined,
        email: 'dob1@example.org',
        phone: '+1 555 333 0001',
        dateOfBirth: '1990-05-05',
      }),
    );
    const other = await c.patients.register(
      c.as('front_desk'),
      ada({
        mrn: undefined,
        email: 'dob1@example.org',
        phone: '+1 555 333 0001',
        dateOfBirth: '1991-05-05',
      }),
    );
    expect(other.id).toBeTruthy();
  });

  it('refuses a second patient with the same MRN and writes nothing', async () => {
    await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-300001', email: 'mrn1@example.org', dateOfBirth: '1960-01-01' }),
    );
    const before = await c.t.db.query('select count(*)::int as n from patients');
    const err = await problemOf(
      c.patients.register(
        c.as('front_desk'),
        ada({
          mrn: 'mrn300001',
          email: 'mrn2@example.org',
          dateOfBirth: '1961-01-01',
          legalName: { given: 'B', family: 'C' },
        }),
      ),
    );
    expect(err).toMatchObject({ status: 409, slug: 'mrn-taken' });
    expect(await c.t.db.query('select count(*)::int as n from patients')).toEqual(before);
  });

  it('is refused to roles that do not register patients, and to anonymous callers', async () => {
    for (const role of ['manager', 'compliance_officer', 'admin']) {
      expect(
        await problemOf(c.patients.register(c.as(role), ada({ email: `${role}@example.org` }))),
      ).toMatchObject({ status: 403 });
    }
    expect(await problemOf(c.patients.register({ type: 'anonymous' }, ada()))).toMatchObject({
      status: 403,
    });
  });

  it('leaves an audit event with ids only', async () => {
    const view = await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-400001', email: 'audit@example.org', dateOfBirth: '1955-02-02' }),
    );
    const events = await listAuditEvents(c.t.db);
    const mine = events.filter((e) => e.patient_id === view.id);
    expect(mine.map((e) => e.action)).toContain('patient.register');
    expect(JSON.stringify(events)).not.toContain('audit@example.org');
  });
});

describe('finding a patient', () => {
  it('finds by exact email, phone, MRN or date of birth with family name, however they are written', async () => {
    const p = await c.patients.register(
      c.as('front_desk'),
      ada({
        mrn: 'MRN-500001',
        email: 'Find.Me@example.org',
        phone: '+1 (555) 500-0001',
        dateOfBirth: '1977-07-07',
        legalName: { given: 'Zoë', family: "D'Arcy" },
      }),
    );
    const fd = c.as('front_desk');
    for (const q of [
      { email: 'find.me@EXAMPLE.org' },
      { phone: '15555000001' },
      { mrn: 'mrn500001' },
      { dateOfBirth: '1977-07-07', familyName: 'darcy' },
    ]) {
      expect(
        (await c.patients.lookup(fd, q)).map((v) => v.id),
        JSON.stringify(q),
      ).toEqual([p.id]);
    }
    const { rows } = await c.t.db.query<{ resource_ids: string[] }>(
      `select resource_ids from audit_events where action = 'patient.lookup'`,
    );
    expect(rows).toEqual(Array(4).fill({ resource_ids: [p.id] }));
  });

  it('finds nothing by a prefix or by another clinic', async () => {
    expect(await c.patients.lookup(c.as('front_desk'), { email: 'find.me@example.or' })).toEqual(
      [],
    );
    expect(
      await c.patients.lookup(c.as('front_desk', c.otherOrg), { email: 'find.me@example.org' }),
    ).toEqual([]);
  });

  it('answers 404 for a patient of another clinic, the same as for one that does not exist', async () => {
    const p = await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-600001', email: 'x6@example.org', dateOfBirth: '1966-06-06' }),
    );
    expect(await problemOf(c.patients.get(c.as('front_desk', c.otherOrg), p.id))).toMatchObject({
      status: 404,
    });
    expect(
      await problemOf(c.patients.get(c.as('front_desk'), '00000000-0000-4000-8000-000000000000')),
    ).toMatchObject({ status: 404 });
  });

  it('lets a patient read only their own record', async () => {
    const p = await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-700001', email: 'self@example.org', dateOfBirth: '1944-04-04' }),
    );
    const self = {
      type: 'patient' as const,
      id: `account-${p.id}`,
      patientId: p.id,
      organizationId: c.org,
    };
    expect((await c.patients.get(self, p.id)).mrn).toBe('MRN-700001');
    const other = {
      type: 'patient' as const,
      id: '00000000-0000-4000-8000-000000000009',
      organizationId: c.org,
    };
    expect(await problemOf(c.patients.get(other, p.id))).toMatchObject({ status: 404 });
  });
});

describe('tampered ciphertexts', () => {
  it('a flipped byte gives a clear record-unreadable problem, never the value or a 500', async () => {
    const p = await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-800001', email: 'flip@example.org', dateOfBirth: '1933-03-03' }),
    );
    await c.t.db.query(
      `update patient_identity set email = set_byte(email, 29, get_byte(email, 29) # 1) where patient_id = $1`,
      [p.id],
    );
    const err = await problemOf(c.patients.get(c.as('front_desk'), p.id));
    expect(err).toMatchObject({ status: 409, slug: 'record-unreadable' });
    expect((err as Error).cause).toMatchObject({ name: 'DecryptionFailed', keyVersion: 1 });
    expect(String((err as Error).cause)).toContain('patient_identity.email');
  });

  it('a ciphertext swapped between two patients does not decrypt', async () => {
    const a = await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-900001', email: 'swap-a@example.org', dateOfBirth: '1922-02-02' }),
    );
    const b = await c.patients.register(
      c.as('front_desk'),
      ada({ mrn: 'MRN-900002', email: 'swap-b@example.org', dateOfBirth: '1923-02-02' }),
    );
    await c.t.db.query(
      `update patient_identity set legal_name = (select legal_name from patient_identity where patient_id = $2)
        where patient_id = $1`,
      [a.id, b.id],
    );
    expect(await problemOf(c.patients.get(c.as('front_desk'), a.id))).toMatchObject({
      slug: 'record-unreadable',
    });
    expect((await c.patients.get(c.as('front_desk'), b.id)).legalName?.given).toBe('Ada');
  });
});
