import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminUrl, createTestDb } from '../../../test/harness.ts';
import { pgliteTemplateDump } from '../../../test/template.ts';
import { openEnvKeyring } from '../../platform/crypto/keyring.ts';
import { createVault } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/db.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { openPglite } from '../../platform/db/pglite.ts';
import { createAudit } from '../audit/audit.service.ts';
import { ada } from './patients.fixtures.ts';
import { createPatientRelations } from './patients.relations.service.ts';
import { createPatients } from './patients.service.ts';
import { createIntake } from '../intake/intake.service.ts';
import { createAccount } from '../identity/identity.accounts.ts';
import { insertInvitation } from '../identity/identity.store.ts';
import { newTotpSecret } from '../identity/identity.totp.ts';
import {
  accountEmail,
  findAccountByAddress,
  openAccountField,
  sealEmail,
} from '../identity/identity.vault.ts';

/**
 * The proof that a stolen database reveals no patient: register patients (and a patient's
 * account, and an invitation) whose every field holds a unique canary, use them (look-ups, reads, reveals), then search the raw database — pg_dump on
 * PostgreSQL, every file PGlite wrote on the embedded database — for any canary in plaintext.
 */
const tag = randomBytes(4).toString('hex');
const digits = String(100_000 + (randomBytes(3).readUIntBE(0, 3) % 900_000));
const canaries = {
  given: `Canarygiven${tag}`,
  family: `Canaryfamily${tag}`,
  preferred: `Canarypref${tag}`,
  email: `canary.${tag}@example.org`,
  phone: `+1 555 ${digits.slice(0, 3)} ${digits.slice(3)}`,
  mrn: `CNYMRN-${tag}`,
  member: `CNYMEM-${tag}`,
  street: `Canarystreet ${tag}`,
  dob: '1911-11-11',
  guardianReason: `Canaryreason${tag}`,
  draftAnswer: `Canarydraft${tag}`,
  submittedAnswer: `Canaryanswer${tag}`,
  // A patient's account email is PHI; a TOTP secret is a credential (migration 0050).
  accountEmail: `Canaryaccount.${tag}@example.net`,
  // A patient account's display name is their name (sealed since migration 0060).
  accountName: `Canaryaccountname${tag}`,
  invitedEmail: `Canaryinvitee.${tag}@example.net`,
  totpSecret: newTotpSecret(),
};
const needles = [
  ...Object.values(canaries),
  canaries.family.toLowerCase(),
  canaries.email.toUpperCase(),
  canaries.accountEmail.toLowerCase(),
  canaries.invitedEmail.toLowerCase(),
  `555${digits}`,
  tag,
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function exercise(db: Db) {
  await migrate(db);
  const { rows } = await db.query<{ id: string }>(
    `insert into organizations (slug, name) values ('canary-clinic', 'Canary Clinic') returning id`,
  );
  const org = rows[0]!.id;
  const vault = createVault(openEnvKeyring(randomBytes(32).toString('base64')));
  const audit = createAudit(db);
  const patients = createPatients({ db, vault, audit });
  const fd = { type: 'user' as const, id: 'fd', organizationId: org, roles: ['front_desk'] };
  const p = await patients.register(
    fd,
    ada({
      legalName: { given: canaries.given, family: canaries.family },
      preferredName: canaries.preferred,
      email: canaries.email,
      phone: canaries.phone,
      mrn: canaries.mrn,
      insuranceMemberId: canaries.member,
      dateOfBirth: canaries.dob,
      address: {
        line: canaries.street,
        city: 'Boston',
        region: 'MA',
        postalCode: '02110',
        country: 'US',
      },
    }),
  );
  // The canaries did go in: they read back through the service.
  expect((await patients.lookup(fd, { email: canaries.email }))[0]?.legalName?.family).toBe(
    canaries.family,
  );
  await patients.lookup(fd, { dateOfBirth: canaries.dob, familyName: canaries.family });
  await patients.reveal(
    { ...fd, session: { id: 'test-session', stage: 'full' as const, steppedUpAt: new Date() } },
    p.id,
    'mrn',
  );
  await patients.get(fd, p.id);

  // Clinical answers (draft and submitted) and a guardian's reason go through the vault too.
  const intake = createIntake({ db, vault, audit, patients });
  const admin = { ...fd, roles: ['admin'] };
  const form = await intake.defineForm(admin, 'visit', {
    title: 'Visit',
    questions: [
      {
        id: 'note',
        type: 'short_text',
        label: 'Note',
        whyWeAsk: 'w',
        required: true,
        maxLength: 100,
      },
    ],
  });
  await intake.saveDraft(fd, p.id, form.id, { note: canaries.draftAnswer });
  const child = await patients.register(
    fd,
    ada({
      dateOfBirth: '2020-02-02',
      mrn: undefined,
      email: `kid.${tag}@example.org`,
      phone: undefined,
    }),
  );
  await intake.submit(fd, child.id, form.id, { note: canaries.submittedAnswer });
  await createPatientRelations({ db, vault, audit, patients }).addGuardian(fd, child.id, {
    guardianAccountId: 'acct-guardian',
    scope: 'scheduling',
    reason: canaries.guardianReason,
  });

  // The patient's account (email and TOTP secret sealed) and a workforce invitation.
  const account = await db.transaction((tx) =>
    createAccount(tx, vault, {
      organizationId: org,
      kind: 'patient',
      email: canaries.accountEmail,
      displayName: canaries.accountName,
      passwordHash: 'not-a-real-hash',
      status: 'active',
      roles: [],
      locationIds: [],
      providerId: null,
      patientId: p.id,
      totpSecret: canaries.totpSecret,
      totpEnabledAt: new Date(),
    }),
  );
  const found = (await findAccountByAddress(db, vault, org, canaries.accountEmail.toUpperCase()))!;
  expect(found.id).toBe(account.id);
  expect(await accountEmail(db, vault, found)).toBe(canaries.accountEmail.toLowerCase());
  expect(await openAccountField(db, vault, found, 'totp_secret')).toBe(canaries.totpSecret);
  await db.transaction(async (tx) => {
    const id = randomUUID();
    await insertInvitation(tx, {
      id,
      organizationId: org,
      ...(await sealEmail(tx, vault, org, 'invitations', id, canaries.invitedEmail)),
      displayName: 'Invitee',
      roles: ['front_desk'],
      locationIds: [],
      providerId: null,
      hash: randomBytes(32),
      createdBy: account.id,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    });
  });
}

function expectNoCanary(haystack: Buffer, where: string) {
  for (const needle of needles) {
    expect(haystack.includes(Buffer.from(needle)), `${needle} in ${where}`).toBe(false);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('a stolen copy of the database', () => {
  it(`reveals no canary patient field in plaintext (${adminUrl ? 'pg_dump of PostgreSQL' : "PGlite's files"})`, async () => {
    if (adminUrl) {
      const t = await createTestDb();
      try {
        await exercise(t.db);
        const dump = execFileSync('pg_dump', ['--no-owner', '--dbname', t.url!], {
          maxBuffer: 256 * 1024 * 1024,
        });
        expect(dump.includes(Buffer.from('patient_identity'))).toBe(true);
        expectNoCanary(dump, 'pg_dump');
      } finally {
        await t.drop();
      }
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'hourglass-canary-'));
      dirs.push(dir);
      const db = await openPglite(path.join(dir, 'pglite'), { from: await pgliteTemplateDump() });
      await exercise(db);
      await db.close();
      const files = filesUnder(dir);
      expect(files.length).toBeGreaterThan(100);
      // The files hold the database: the table's name is there, its patients are not.
      expect(files.some((f) => readFileSync(f).includes(Buffer.from('patient_identity')))).toBe(
        true,
      );
      for (const f of files) expectNoCanary(readFileSync(f), path.relative(dir, f));
    }
  });
});
