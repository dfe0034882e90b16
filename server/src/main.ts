import { buildApp, encryptedTables } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { keysSubcommands, keysUsage, runKeysCommand } from './platform/crypto/keys.command.ts';
import { ensureLocalKeyring, openKeyring } from './platform/crypto/keyring.ts';
import { createVault } from './platform/crypto/vault.ts';
import { openDb } from './platform/db/db.ts';
import { migrate } from './platform/db/migrate.ts';
import { auditUsage, runAuditCommand } from './modules/audit/audit.cli.ts';
import { createAudit } from './modules/audit/audit.service.ts';
import { demoName, demoSlug, seedDemo } from './modules/demo/demo.seed.ts';
import { sealLegacyIdentityRows } from './modules/identity/identity.keys.ts';
import { demoAccounts } from './modules/identity/identity.demo.ts';
import { totpCode } from './modules/identity/identity.totp.ts';
import { outboxDir } from './platform/mail/mail.ts';

const usage = `Usage: hourglass <command>

Commands:
  start       migrate, seed the demo clinic when enabled, and serve the app
  migrate     apply database migrations and exit
  seed-demo   add the labelled demo clinic (no real data) and exit
  demo-code <role>
              the current sign-in code of a demo account's published TOTP secret (admin,
              manager, front_desk, clinician, compliance_officer), for trying the console
              without an authenticator app
${keysUsage}
${auditUsage}
  --help      show this help

Configuration comes from HOURGLASS_* variables and DATABASE_URL; see README.md.`;

/**
 * Exit codes: 0 ok, 1 failure, 2 usage, 78 configuration (sysexits EX_CONFIG). `env`: where the
 * configuration is read from (tests run commands in-process with their own).
 */
export async function main(argv: string[], env = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  if (command === 'demo-code') return demoCode(rest);
  const isKeys =
    command === 'keys' && (keysSubcommands as readonly string[]).includes(rest[0] ?? '');
  const takesArgs = isKeys || command === 'audit';
  if (
    !['start', 'migrate', 'seed-demo', 'audit', 'keys'].includes(command) ||
    (rest.length > 0 && !takesArgs)
  ) {
    console.error(
      `hourglass: unknown command or argument '${[command, ...rest].join(' ')}'\n\n${usage}`,
    );
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 78;
    }
    throw err;
  }
  for (const warning of config.warnings) console.error(`hourglass: warning: ${warning}`);
  if (command === 'audit') {
    return runAuditCommand(rest, config, { log: console.log, error: console.error });
  }
  if (command === 'migrate')
    return runOnDb(config, async (db) => {
      const applied = await migrate(db);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date.');
      // Plaintext left by migrations before 0050 is sealed now, not at the next start.
      const vault = createVault(await openKeyring(config));
      const sealed = await sealLegacyIdentityRows(db, vault).finally(() => vault.keyring.close?.());
      if (sealed > 0) console.log(`Sealed the emails and TOTP secrets of ${sealed} rows.`);
    });
  if (command === 'keys')
    return runOnDb(config, async (db) => {
      await migrate(db);
      const vault = createVault(await openKeyring(config));
      await sealLegacyIdentityRows(db, vault);
      const code = await runKeysCommand(rest, {
        db,
        vault,
        tables: encryptedTables,
        print: (line) => console.log(line),
        audit: createAudit(db),
      }).finally(() => vault.keyring.close?.());
      if (code === 2) console.error(`hourglass: unknown arguments '${rest.join(' ')}'\n\n${usage}`);
      return code;
    });
  if (command === 'seed-demo')
    return runOnDb(config, async (db) => {
      await migrate(db);
      const vault = createVault(await openKeyring(config));
      await sealLegacyIdentityRows(db, vault);
      console.log(
        (await seedDemo(db, vault))
          ? `Added the demo clinic "${demoName}".`
          : 'The demo clinic is already there.',
      );
    });
  try {
    return await start(config);
  } catch (err) {
    // The production profile refuses a database holding demo accounts.
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 78;
    }
    throw err;
  }
}

async function runOnDb(
  config: Config,
  fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<void | number>,
) {
  const db = await openDb(config);
  try {
    return (await fn(db)) ?? 0;
  } finally {
    await db.close();
  }
}

async function start(config: Config): Promise<number> {
  if (config.keyring.kind === 'local' && (await ensureLocalKeyring(config.dataDir))) {
    console.log(`Generated a development keyring in ${config.dataDir} (demo use only).`);
  }
  const hourglass = await buildApp({ config });
  const seeded = config.demoData ? await seedDemo(hourglass.db, hourglass.vault) : false;
  await hourglass.app.listen({ host: config.host, port: config.port });
  const address = hourglass.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = config.tls ? 'https' : 'http';
  const shown =
    config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(
    `\nHourglass is running at ${scheme}://${shown}:${port}  (profile: ${config.profile})`,
  );
  console.log(
    config.databaseUrl
      ? 'Database: PostgreSQL (DATABASE_URL)'
      : `Database: embedded PGlite in ${config.dataDir} (evaluation and development only)`,
  );
  if (config.demoData) {
    console.log(
      `Demo data: "${demoName}" is DEMO DATA${seeded ? ', created just now' : ''} - not real patients.`,
    );
    console.log(
      `Demo accounts (organization "${demoSlug}"; published credentials, DEMO ONLY - add the TOTP secret to an authenticator app):`,
    );
    for (const a of demoAccounts) {
      console.log(
        `  ${a.role.padEnd(18)} ${a.email.padEnd(36)} password: ${a.password.padEnd(36)} ${a.role === 'patient' ? 'sign-in code: emailed (the demo mailbox, /dev/mail)' : `TOTP secret: ${a.totpSecret}`}`,
      );
    }
    console.log(
      'No authenticator app at hand? `npx hourglass demo-code front_desk` prints the code.',
    );
  }
  if (config.profile === 'development') {
    console.log(`Mail: copies of every message are kept in ${outboxDir(config.dataDir)}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Hourglass...`);
    await hourglass.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return await new Promise<number>(() => undefined);
}

/** What the `hourglass` binary runs (bin/hourglass.mjs): main, an unexpected failure exiting 1. */
export async function runCommand(argv: string[], env = process.env): Promise<number> {
  try {
    return await main(argv, env);
  } catch (err) {
    console.error(`hourglass: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

/**
 * `hourglass demo-code <role>`: the code a demo account's authenticator would show now. The
 * secrets are published with the demo accounts (which production refuses to run with), so this
 * tells nobody anything new; it reads no configuration and opens no database.
 */
async function demoCode(args: string[]): Promise<number> {
  const roles = demoAccounts.filter((a) => a.role !== 'patient').map((a) => a.role);
  const account = demoAccounts.find((a) => a.role === args[0] && a.role !== 'patient');
  if (!account || args.length !== 1) {
    console.error(`Usage: hourglass demo-code <${roles.join('|')}>`);
    return 2;
  }
  console.log(await totpCode(account.totpSecret, new Date()));
  return 0;
}
