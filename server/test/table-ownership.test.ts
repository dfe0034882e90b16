import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The lint (boundaries.test.ts) catches one module importing another's store; this catches the
 * other way across a boundary: SQL in one module that names a table another module owns. Every
 * table the migrations create has one owner below (a new table without one fails here), and no
 * module's or platform part's source names another owner's table after `from`, `join`, `into`,
 * `update` or `table`. Tests and their helpers (`*.test.ts`, `*.fixtures.ts`, `*.testkit.ts`,
 * `*.test-input.ts`, as in eslint.config.js) may read and write any table: they are the proof.
 */
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
const migrations = path.join(src, 'platform/db/migrations');

const owners: Record<string, readonly string[]> = {
  directory: [
    'organizations',
    'locations',
    'providers',
    'provider_locations',
    'appointment_types',
    'appointment_type_scope',
    'working_hours',
    'date_overrides',
    'time_off',
    'holidays',
    'resources',
    'visit_guides',
    'setup_versions',
  ],
  booking: [
    'appointments',
    'appointment_events',
    'appointment_resources',
    'booking_idempotency',
    'visit_policies',
    'overbook_policies',
    'appointment_series',
  ],
  identity: [
    'accounts',
    'sessions',
    'account_tokens',
    'recovery_codes',
    'auth_throttle',
    'invitations',
    'one_time_codes',
    'organization_session_policy',
    'visit_links',
  ],
  patients: [
    'patients',
    'patient_identity',
    'patient_preferences',
    'patient_proxies',
    'caregiver_invitations',
    'patient_search_budget',
    'emergency_access',
  ],
  intake: ['intake_forms', 'intake_drafts', 'intake_submissions', 'intake_documents'],
  audit: [
    'audit_events',
    'audit_checkpoints',
    'audit_purges',
    'audit_alert_rules',
    'audit_alerts',
    'audit_alert_cursor',
    'audit_verifications',
  ],
  notifications: [
    'notification_plans',
    'notification_templates',
    'notification_messages',
    'notification_overrides',
    'notification_action_tokens',
    'vendor_agreements',
    'push_subscriptions',
  ],
  fhir: ['fhir_clients', 'fhir_client_assertions', 'fhir_access_tokens', 'fhir_token_requests'],
  waitlist: ['waitlist_entries', 'waitlist_freed_slots', 'waitlist_offers', 'waitlist_settings'],
  'platform/crypto': ['data_keys'],
};

/** Files allowed to name another owner's table, each with its reason. Empty: none needs it. */
const allowed: Record<string, string> = {};

const ownerOf = new Map(
  Object.entries(owners).flatMap(([owner, tables]) => tables.map((t) => [t, owner] as const)),
);

function createdTables(): string[] {
  return readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .flatMap((f) =>
      [
        ...readFileSync(path.join(migrations, f), 'utf8').matchAll(
          /\bcreate\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi,
        ),
      ].map((m) => m[1]!.toLowerCase()),
    );
}

/** The tables `code` names in SQL position (comments left out: prose may say "from locations"). */
export function tablesNamed(code: string, tables: readonly string[]): string[] {
  const bare = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const sql = new RegExp(`\\b(?:from|join|into|update|table)\\s+(${tables.join('|')})\\b`, 'gi');
  return [...new Set([...bare.matchAll(sql)].map((m) => m[1]!.toLowerCase()))];
}

const testCode = /\.(test|fixtures|testkit|test-input)\.ts$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(full);
    return e.name.endsWith('.ts') && !testCode.test(e.name) ? [full] : [];
  });
}

/** The owner a source file speaks for: its module, or its platform part. */
function ownerOfFile(file: string): string {
  const [top, part] = path.relative(src, file).split(path.sep);
  return top === 'modules' ? part! : `${top}/${part}`;
}

describe('table ownership', () => {
  it('gives every table the migrations create exactly one owner', () => {
    const created = [...new Set(createdTables())].sort();
    expect(created.filter((t) => !ownerOf.has(t))).toEqual([]);
    expect([...ownerOf.keys()].filter((t) => !created.includes(t))).toEqual([]);
    expect(ownerOf.size).toBe(Object.values(owners).flat().length);
  });

  it("finds no module's SQL naming a table another module owns", () => {
    const tables = [...ownerOf.keys()];
    const crossings: string[] = [];
    for (const file of sources(src)) {
      const rel = path.relative(src, file);
      if (rel in allowed) continue;
      const owner = ownerOfFile(file);
      for (const t of tablesNamed(readFileSync(file, 'utf8'), tables)) {
        if (ownerOf.get(t) !== owner) crossings.push(`${rel} → ${t} (${ownerOf.get(t)}'s)`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('would see a join across the boundary, and not prose in a comment', () => {
    const tables = [...ownerOf.keys()];
    const joined = `const q = \`select a.id from appointments a
      join locations l on l.id = a.location_id\`;`;
    expect(tablesNamed(joined, tables)).toEqual(['appointments', 'locations']);
    expect(tablesNamed('// reads from locations\n/* into providers */\n', tables)).toEqual([]);
    expect(tablesNamed("db.query('insert into audit_events (id) values ($1)')", tables)).toEqual([
      'audit_events',
    ]);
  });

  it('keeps its allow-list to files that exist', () => {
    const files = new Set(sources(src).map((f) => path.relative(src, f)));
    expect(Object.keys(allowed).filter((f) => !files.has(f))).toEqual([]);
  });
});
