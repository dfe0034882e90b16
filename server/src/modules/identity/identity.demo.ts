import { ConfigError } from '../../config.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { createAccount } from './identity.accounts.ts';
import { addBareProvider } from '../directory/directory.service.ts';
import { insertBarePatient } from '../patients/patients.published.ts';

/**
 * The labelled demo accounts: one per workforce role and one patient, with published passwords
 * and TOTP secrets so a person can try every view (add the secret to an authenticator app). The
 * demo patient has no authenticator: its second factor is the six-digit code emailed at sign-in,
 * which development keeps in the outbox (`GET /api/dev/outbox`); its secret is there for trying
 * TOTP enrollment. DEMO DATA ONLY: the production profile refuses to start while any exists.
 */
export const demoAccounts = [
  { role: 'admin', email: 'admin@demo.hourglass.invalid', name: 'Avery Admin (demo)' },
  { role: 'manager', email: 'manager@demo.hourglass.invalid', name: 'Morgan Manager (demo)' },
  { role: 'front_desk', email: 'frontdesk@demo.hourglass.invalid', name: 'Frankie Desk (demo)' },
  {
    role: 'clinician',
    email: 'clinician@demo.hourglass.invalid',
    name: 'Dr. Casey Clinician (demo)',
  },
  {
    role: 'compliance_officer',
    email: 'compliance@demo.hourglass.invalid',
    name: 'Corey Compliance (demo)',
  },
  { role: 'patient', email: 'patient@demo.hourglass.invalid', name: 'Pat Patient (demo)' },
].map((a, i) => ({
  ...a,
  password: `demo ${a.role.replace('_', ' ')} passphrase`,
  // Fixed, published base32 secrets: demo only.
  totpSecret: [
    'EWU42XEYI464YJRHUXUHJ3HFUVNVRVN5',
    '4MFLYWMFFMIZBQENUKDTGRTLO35UIYPL',
    'MT4BTII4XJLDLM7RXUOAO73JGWDSED3P',
    'NCX3PWZ6XHRQJGEKL2IWNXAJ3UDXBAPA',
    'LMQWLPWY4YZFMWTYUC3POVMNW4USTHHF',
    'PNBOW2AXFP26MQLAEP4PO5V2SD3I4RCU',
  ][i]!,
}));

/**
 * Adds the demo accounts to the demo organization once (idempotent), and links the demo patient
 * account to `patientId` (one of the vault's demo patients) when given, also on a demo clinic
 * seeded before that link existed.
 */
export async function seedDemoAccounts(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  opts: {
    /** The schedule the demo clinician account acts as; a bare provider row when none is given. */
    clinicianProviderId?: string | undefined;
    /** The vault patient the demo patient account is; a bare patients row when none is given. */
    patientId?: string | undefined;
  } = {},
): Promise<boolean> {
  const { rows } = await tx.query('select 1 from accounts where organization_id = $1 and is_demo', [
    organizationId,
  ]);
  if (rows.length > 0) {
    if (opts.patientId) {
      await tx.query(
        `update accounts set patient_id = $2
          where organization_id = $1 and is_demo and kind = 'patient' and patient_id <> $2`,
        [organizationId, opts.patientId],
      );
    }
    return false;
  }
  const clinicianProviderId = opts.clinicianProviderId;
  const providerId =
    clinicianProviderId ??
    (await addBareProvider(tx, organizationId, 'Dr. Casey Clinician (demo)'));
  for (const a of demoAccounts) {
    const patient = a.role === 'patient';
    await createAccount(tx, vault, {
      organizationId,
      kind: patient ? 'patient' : 'workforce',
      email: a.email,
      displayName: a.name,
      password: a.password,
      status: 'active',
      roles: patient ? [] : [a.role],
      locationIds: [],
      providerId: a.role === 'clinician' ? providerId : null,
      patientId: patient ? (opts.patientId ?? (await insertBarePatient(tx, organizationId))) : null,
      isDemo: true,
      // Workforce demo accounts come enrolled, so the published secret works at once.
      totpSecret: patient ? null : a.totpSecret,
      totpEnabledAt: patient ? null : new Date(),
    });
  }
  return true;
}

/** The production profile refuses to start while labelled demo accounts exist. */
export async function refuseDemoAccounts(db: Db): Promise<void> {
  const { rows } = await db.query('select 1 from accounts where is_demo limit 1');
  if (rows.length > 0) {
    throw new ConfigError([
      'The database holds demo accounts with published passwords. Production cannot start with them: use a database without the demo clinic.',
    ]);
  }
}
