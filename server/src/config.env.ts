import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The environment Hourglass reads: each variable's schema with its README documentation (the
 * configuration table is generated from here by `npm run docs`, and a test fails on drift).
 * config.ts turns the parsed variables into the app's `Config`.
 */

export const profiles = ['development', 'test', 'production'] as const;
export type Profile = (typeof profiles)[number];

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
  HOURGLASS_SMTP_POOL: z.coerce.number().int().min(0).max(50).default(0).register(envDocs, {
    meaning:
      'Keep up to this many SMTP connections open and reuse them (reminder bursts); 0: one connection per message.',
  }),
  HOURGLASS_SMTP_ALLOW_SELF_SIGNED: flag.default(false).register(envDocs, {
    meaning: 'Accept a self-signed SMTP certificate (a local relay, tests). Production refuses it.',
  }),
  HOURGLASS_SMS_API_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+$/, 'must be an origin like https://api.twilio.com (no path)')
    .optional()
    .register(envDocs, {
      meaning:
        'SMS vendor speaking the Twilio REST wire format (e.g. `https://api.twilio.com`). SMS is sent only when this, `HOURGLASS_SMS_ACCOUNT_SID`, `HOURGLASS_SMS_AUTH_TOKEN` and `HOURGLASS_SMS_FROM` are all set. Production requires https.',
    }),
  HOURGLASS_SMS_ACCOUNT_SID: z.string().min(1).max(64).optional().register(envDocs, {
    meaning: 'The SMS vendor account id (Twilio: `AC…`).',
  }),
  HOURGLASS_SMS_AUTH_TOKEN: z.string().min(16).max(128).optional().register(envDocs, {
    meaning:
      'The SMS vendor auth token: authenticates sends and checks `X-Twilio-Signature` on status callbacks and replies. A secret.',
  }),
  HOURGLASS_SMS_FROM: z
    .string()
    .regex(/^\+[0-9]{6,15}$/, 'must be an E.164 number like +15550100')
    .optional()
    .register(envDocs, {
      meaning: 'The number SMS is sent from (E.164).',
    }),
  HOURGLASS_VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (87 characters)')
    .optional()
    .register(envDocs, {
      default: 'outside production: generated at first start into `data/vapid.dev.json`',
      meaning:
        'Web Push: the VAPID public key browsers subscribe with (`npx web-push generate-vapid-keys`). Push is sent only when this, `HOURGLASS_VAPID_PRIVATE_KEY` and `HOURGLASS_VAPID_SUBJECT` are set; production without them sends no push.',
    }),
  HOURGLASS_VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (43 characters)')
    .optional()
    .register(envDocs, {
      meaning: 'Web Push: the VAPID private key that signs pushes. A secret.',
    }),
  HOURGLASS_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: contact')
    .optional()
    .register(envDocs, {
      meaning:
        'Web Push: the contact push services may reach the operator at (`mailto:ops@clinic.example`).',
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
  HOURGLASS_NOTIFICATION_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(30)
    .register(envDocs, {
      meaning:
        'Days the rendered text of a sent notification is kept (1–3650); afterwards only its metadata (when, which channel and template, status) remains.',
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
