import { randomBytes } from 'node:crypto';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { openEnvKeyring } from '../../platform/crypto/keyring.ts';
import { createVault, type Vault } from '../../platform/crypto/vault.ts';
import { migrate } from '../../platform/db/migrate.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { createAudit } from '../audit/audit.service.ts';
import { createPatients, type Patients } from './patients.service.ts';
import type { Registration } from './patients.schema.ts';

/** A clinic with a vault on a fresh database, and staff of each role (test-only helper). */
export interface Clinic {
  t: TestDb;
  vault: Vault;
  patients: Patients;
  org: string;
  otherOrg: string;
  as(role: string, org?: string): Actor;
  drop(): Promise<void>;
}

export async function openClinic(
  keys = `1:${randomBytes(32).toString('base64')}`,
): Promise<Clinic> {
  const t = await createTestDb();
  await migrate(t.db);
  const { rows } = await t.db.query<{ id: string }>(
    `insert into organizations (slug, name) values ('riverside', 'Riverside'), ('elsewhere', 'Elsewhere')
     returning id`,
  );
  const vault = createVault(openEnvKeyring(keys));
  const org = rows[0]!.id;
  return {
    t,
    vault,
    patients: createPatients({ db: t.db, vault, audit: createAudit(t.db) }),
    org,
    otherOrg: rows[1]!.id,
    as: (role, o = org) => ({
      type: 'user',
      id: `staff-${role}`,
      organizationId: o,
      roles: [role],
    }),
    drop: () => t.drop(),
  };
}

export function ada(over: Partial<Registration> = {}): Registration {
  return {
    legalName: { given: 'Ada', family: 'Quill' },
    preferredName: 'Addie',
    dateOfBirth: '1984-03-09',
    sex: 'female',
    phone: '+1 555 010 4821',
    email: 'ada.quill@example.org',
    address: {
      line: '1 Example Row',
      city: 'Boston',
      region: 'MA',
      postalCode: '02110',
      country: 'US',
    },
    mrn: 'MRN-004821',
    insuranceMemberId: 'MEM-77124821',
    ...over,
  };
}
