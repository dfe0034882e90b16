import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testConfig, type TestApp } from '../../../test/harness.ts';
import { buildApp, encryptedTables } from '../../app.ts';
import {
  keyInventory,
  reencryptAll,
  retireUnusedKeys,
  rotateKeys,
} from '../../platform/crypto/keys.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { keyAudit } from '../../platform/crypto/keys.audit.ts';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { createAccount } from '../identity/identity.accounts.ts';
import { findAccountByAddress } from '../identity/identity.vault.ts';
import { ada } from './patients.fixtures.ts';
import { indexForSearch } from './patients.keys.ts';
import { createPatients, type Patients } from './patients.service.ts';
import { blindIndexColumns } from './patients.store.ts';

let h: TestApp;
let org: string;
let fd: Actor;
let patients: Patients;
let ada1: string;
beforeAll(async () => {
  h = await startTestApp();
  const { rows } = await h.db.query<{ id: string }>(
    `insert into organizations (slug, name) values ('rotating', 'Rotating Clinic') returning id::text`,
  );
  org = rows[0]!.id;
  fd = { type: 'user', id: 'fd', organizationId: org, roles: ['front_desk'] };
  patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
  ada1 = (await patients.register(fd, ada())).id;
  await h.db.transaction((tx) =>
    createAccount(tx, h.vault, {
      organizationId: org,
      kind: 'workforce',
      email: 'desk@rotating.example',
      displayName: 'Desk',
      passwordHash: 'x',
      status: 'active',
      roles: ['front_desk'],
      locationIds: [],
      providerId: null,
      patientId: null,
    }),
  );
});
afterAll(() => h.close());

const storedIndexes = async () =>
  (
    await h.db.query<{ bidx: Buffer }>(
      `select unnest(array[${blindIndexColumns.join(', ')}]) as bidx
         from patient_identity where organization_id = $1
       union all select email_bidx from accounts where organization_id = $1`,
      [org],
    )
  ).rows
    .filter((r) => r.bidx !== null)
    .map((r) => Buffer.from(r.bidx).toString('hex'));

const indexRows = async (version: number) =>
  (await keyInventory(h.db, encryptedTables)).find(
    (k) => k.organizationId === org && k.dataClass === 'index' && k.version === version,
  );

/** Everything a look-up by blind index does: staff look-ups, duplicates, sign-in's account. */
async function everyLookupFindsAda() {
  expect((await patients.lookup(fd, { email: 'ADA.QUILL@example.org' })).map((p) => p.id)).toEqual([
    ada1,
  ]);
  expect((await patients.lookup(fd, { mrn: 'mrn-004821' })).map((p) => p.id)).toEqual([ada1]);
  expect((await patients.lookup(fd, { phone: '+15550104821' })).map((p) => p.id)).toEqual([ada1]);
  expect(
    (await patients.lookup(fd, { dateOfBirth: '1984-03-09', familyName: 'quill' })).map(
      (p) => p.id,
    ),
  ).toEqual([ada1]);
  // The search indexes too: a prefix, and a misspelling that sounds the same.
  for (const familyName of ['Qui', 'Kwill']) {
    const { results } = await patients.search(fd, { dateOfBirth: '1984-03-09', familyName });
    expect(results.map((r) => r.patient.id)).toEqual([ada1]);
  }
  await expect(patients.register(fd, ada({ mrn: undefined }))).rejects.toMatchObject({
    slug: 'possible-duplicate',
  });
  expect((await findAccountByAddress(h.db, h.vault, org, 'Desk@Rotating.example'))?.kind).toBe(
    'workforce',
  );
}

describe('rotating the blind-index key', () => {
  it('keeps every look-up working before, during and after re-indexing, then retires the old key', async () => {
    const before = await storedIndexes();
    const rotated = await rotateKeys(h.db, h.vault, ['index']);
    expect(rotated.created).toContainEqual({
      id: expect.any(String),
      organizationId: org,
      dataClass: 'index',
      version: 2,
    });

    // During the rotation: rows are still under v1, new ones go under v2; both are found.
    await everyLookupFindsAda();
    const bea = await patients.register(
      fd,
      ada({
        legalName: { given: 'Bea', family: 'Rowe' },
        email: 'bea@example.org',
        phone: '+1 555 010 9999',
        mrn: 'MRN-B2',
        insuranceMemberId: undefined,
      }),
    );
    expect((await patients.lookup(fd, { mrn: 'MRN-B2' })).map((p) => p.id)).toEqual([bea.id]);
    await expect(
      patients.register(
        fd,
        ada({
          email: 'other@example.org',
          mrn: 'MRN-004821',
          phone: undefined,
          legalName: { given: 'Other', family: 'Person' },
        }),
      ),
    ).rejects.toMatchObject({ slug: 'mrn-taken' });
    expect(await indexRows(1)).toMatchObject({
      current: false,
      rows: { patient_identity: 1, accounts: 1, invitations: 0 },
    });

    // The background job's work: every blind index recomputed under v2 from decrypted values.
    await reencryptAll(h.db, h.vault, encryptedTables);
    expect((await indexRows(1))?.rows).toEqual({
      patient_identity: 0,
      accounts: 0,
      invitations: 0,
    });
    expect((await indexRows(2))?.rows).toEqual({
      patient_identity: 2,
      accounts: 1,
      invitations: 0,
    });
    // Every blind index moved: the search indexes of 0080 as well as the exact ones.
    const after = await storedIndexes();
    expect(before).toHaveLength(blindIndexColumns.length + 1); // Ada's, and the account's email
    expect(after.filter((x) => before.includes(x))).toEqual([]);
    await everyLookupFindsAda();

    // The old index key version can go: look-ups use only the current one from then on.
    const retired = await retireUnusedKeys(h.db, h.vault, encryptedTables);
    expect(retired.retired).toContainEqual({
      id: expect.any(String),
      organizationId: org,
      dataClass: 'index',
      version: 1,
    });
    expect((await indexRows(1))?.retiredAt).not.toBeNull();
    await everyLookupFindsAda();
    const live = await h.db.transaction((tx) =>
      h.vault.blindIndexes(tx, org, 'patient_identity', 'email', 'ada.quill@example.org'),
    );
    expect(live).toHaveLength(1);
  });
});

describe('patients stored before the search indexes existed', () => {
  it('are indexed for search at start-up, through the vault, and the work is audited', async () => {
    const cy = await patients.register(
      fd,
      ada({
        legalName: { given: 'Cy', family: 'Quillon' },
        email: 'cy@example.org',
        phone: undefined,
        mrn: undefined,
        insuranceMemberId: undefined,
      }),
    );
    // As migration 0080 leaves a row from before it: no search indexes.
    await h.db.query(
      `update patient_identity set dob_family_prefix_bidx = null, dob_family_phonetic_bidx = null,
         dob_family_phonetic_alt_bidx = null where patient_id = $1`,
      [cy.id],
    );
    const search = async () =>
      (await patients.search(fd, { dateOfBirth: '1984-03-09', familyName: 'Kwilon' })).results;
    expect(await search()).toEqual([]);

    // The server starting on this database indexes it before it serves.
    const restarted = await buildApp({ config: testConfig(), db: h.db });
    await restarted.app.close();
    expect((await search()).map((r) => [r.match, r.patient.id])).toEqual([['phonetic', cy.id]]);
    const events = (await listAuditEvents(h.db)).filter(
      (e) => e.actor_id === 'patients.search-index',
    );
    expect(events.map((e) => [e.action, e.resource_type, e.resource_ids])).toEqual([
      ['keys.reindex', 'patient_identity', [cy.id]],
    ]);
    // Once every row is indexed, there is nothing left to do.
    expect(
      await indexForSearch(h.db, h.vault, keyAudit(createAudit(h.db), 'test.backfill')),
    ).toEqual({ indexed: 0, unreadable: [] });
  });

  it('leaves a row that does not decrypt as it is, names it, and indexes the rest', async () => {
    const register = (given: string, family: string, email: string) =>
      patients.register(
        fd,
        ada({
          legalName: { given, family },
          email,
          phone: undefined,
          mrn: undefined,
          insuranceMemberId: undefined,
        }),
      );
    const broken = await register('Dee', 'Quist', 'dee@example.org');
    const fine = await register('Eli', 'Quist', 'eli@example.org');
    await h.db.query(
      `update patient_identity set dob_family_prefix_bidx = null,
         legal_name = case when patient_id = $1
           then set_byte(legal_name, 24, get_byte(legal_name, 24) # 1) else legal_name end
        where patient_id = any($2::uuid[])`,
      [broken.id, [broken.id, fine.id]],
    );
    const result = await indexForSearch(
      h.db,
      h.vault,
      keyAudit(createAudit(h.db), 'test.backfill'),
    );
    expect(result).toEqual({ indexed: 1, unreadable: [broken.id] });
  });
});
