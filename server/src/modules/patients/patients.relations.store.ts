import type { Queryable } from '../../platform/db/db.ts';

export interface PreferencesRow {
  patient_id: string;
  channels: string[];
  language: string;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string;
  updated_at: Date;
}

export async function findPreferences(db: Queryable, org: string, patientId: string) {
  const { rows } = await db.query<PreferencesRow>(
    `select patient_id, channels, language, quiet_start::text, quiet_end::text, time_zone, updated_at
       from patient_preferences where organization_id = $1 and patient_id = $2`,
    [org, patientId],
  );
  return rows[0];
}

/** The preferences of several patients of one organization, in one statement. */
export async function findPreferencesMany(db: Queryable, org: string, patientIds: string[]) {
  const { rows } = await db.query<PreferencesRow>(
    `select patient_id, channels, language, quiet_start::text, quiet_end::text, time_zone, updated_at
       from patient_preferences where organization_id = $1 and patient_id = any($2::uuid[])`,
    [org, patientIds],
  );
  return rows;
}

export async function upsertPreferences(
  tx: Queryable,
  org: string,
  patientId: string,
  p: {
    channels: string[];
    language: string;
    quietStart: string | null;
    quietEnd: string | null;
    timeZone: string;
  },
) {
  await tx.query(
    `insert into patient_preferences (patient_id, organization_id, channels, language, quiet_start, quiet_end, time_zone)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (patient_id) do update set channels = $3, language = $4, quiet_start = $5,
       quiet_end = $6, time_zone = $7, updated_at = now()`,
    [patientId, org, p.channels, p.language, p.quietStart, p.quietEnd, p.timeZone],
  );
}

export interface ProxyRow {
  id: string;
  organization_id: string;
  patient_id: string;
  proxy_account_id: string;
  kind: 'proxy' | 'guardian';
  scope: 'scheduling' | 'scheduling_and_messages';
  granted_by_type: 'patient' | 'user';
  granted_by_id: string;
  reason: Uint8Array | null;
  granted_at: Date;
  valid_until: Date | null;
  revoked_at: Date | null;
  revoked_by_id: string | null;
}

const proxyColumns = `id, organization_id, patient_id, proxy_account_id, kind, scope, granted_by_type,
  granted_by_id, reason, granted_at, valid_until, revoked_at, revoked_by_id`;

export async function insertProxy(
  tx: Queryable,
  row: Omit<ProxyRow, 'granted_at' | 'revoked_at' | 'revoked_by_id'>,
): Promise<void> {
  await tx.query(
    `insert into patient_proxies (id, organization_id, patient_id, proxy_account_id, kind, scope,
       granted_by_type, granted_by_id, valid_until, reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.id,
      row.organization_id,
      row.patient_id,
      row.proxy_account_id,
      row.kind,
      row.scope,
      row.granted_by_type,
      row.granted_by_id,
      row.valid_until,
      row.reason,
    ],
  );
}

export async function listProxies(db: Queryable, org: string, patientId: string) {
  const { rows } = await db.query<ProxyRow>(
    `select ${proxyColumns} from patient_proxies where organization_id = $1 and patient_id = $2
      order by granted_at, id`,
    [org, patientId],
  );
  return rows;
}

export async function findProxy(db: Queryable, org: string, id: string) {
  const { rows } = await db.query<ProxyRow>(
    `select ${proxyColumns} from patient_proxies where organization_id = $1 and id = $2`,
    [org, id],
  );
  return rows[0];
}

export async function revokeProxy(tx: Queryable, org: string, id: string, by: string) {
  const r = await tx.query(
    `update patient_proxies set revoked_at = now(), revoked_by_id = $3
      where organization_id = $1 and id = $2 and revoked_at is null`,
    [org, id, by],
  );
  return r.rowCount > 0;
}

/** Consents in force for an account on a patient at `at`. */
export async function activeProxies(
  db: Queryable,
  org: string,
  proxyAccountId: string,
  patientId: string,
  at: Date,
) {
  const { rows } = await db.query<ProxyRow>(
    `select ${proxyColumns} from patient_proxies
      where organization_id = $1 and proxy_account_id = $2 and patient_id = $3
        and revoked_at is null and granted_at <= $4 and (valid_until is null or valid_until > $4)`,
    [org, proxyAccountId, patientId, at],
  );
  return rows;
}

/** Adds or removes one channel of the patient's consent (an SMS STOP or START); false: no row. */
export async function setChannelConsent(
  q: Queryable,
  org: string,
  patientId: string,
  channel: string,
  consented: boolean,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `update patient_preferences
        set channels = case when $4 then array_append(array_remove(channels, $3), $3)
                            else array_remove(channels, $3) end,
            updated_at = now()
      where organization_id = $1 and patient_id = $2`,
    [org, patientId, channel, consented],
  );
  return rowCount > 0;
}
