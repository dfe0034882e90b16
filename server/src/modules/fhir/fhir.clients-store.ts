import type { Queryable } from '../../platform/db/db.ts';

/** The SQL of SMART Backend Services: registered clients, used assertions, access tokens. */

export interface ClientRow {
  id: string;
  organization_id: string;
  jwks: { keys: Record<string, unknown>[] } | null;
  jwks_uri: string | null;
  scopes: string[];
}

export async function insertClient(
  db: Queryable,
  c: {
    organizationId: string;
    name: string;
    jwks?: object | undefined;
    jwksUri?: string | undefined;
    scopes: string[];
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into fhir_clients (organization_id, name, jwks, jwks_uri, scopes)
     values ($1, $2, $3::jsonb, $4, $5) returning id`,
    [c.organizationId, c.name, c.jwks ? JSON.stringify(c.jwks) : null, c.jwksUri ?? null, c.scopes],
  );
  return rows[0]!.id;
}

export async function findActiveClient(db: Queryable, id: string): Promise<ClientRow | undefined> {
  const { rows } = await db.query<ClientRow>(
    'select id, organization_id, jwks, jwks_uri, scopes from fhir_clients where id = $1 and active',
    [id],
  );
  return rows[0];
}

/** Counts one token request in the client's current window; the window's count so far. */
export async function countTokenRequest(
  db: Queryable,
  clientId: string,
  windowStart: Date,
): Promise<number> {
  const { rows } = await db.query<{ requests: number }>(
    `insert into fhir_token_requests (client_id, window_start, requests) values ($1, $2, 1)
     on conflict (client_id) do update set
       requests = case when fhir_token_requests.window_start = excluded.window_start
                       then fhir_token_requests.requests + 1 else 1 end,
       window_start = excluded.window_start
     returning requests`,
    [clientId, windowStart],
  );
  return rows[0]!.requests;
}

/** Records an assertion's jti; false when the client used it before (a replay). */
export async function useAssertion(
  db: Queryable,
  clientId: string,
  jti: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  await db.query('delete from fhir_client_assertions where expires_at < $1', [now]);
  const { rowCount } = await db.query(
    `insert into fhir_client_assertions (client_id, jti, expires_at) values ($1, $2, $3)
     on conflict do nothing`,
    [clientId, jti, expiresAt],
  );
  return rowCount === 1;
}

export async function insertToken(
  db: Queryable,
  t: { hash: Buffer; clientId: string; organizationId: string; scopes: string[]; expiresAt: Date },
  now: Date,
) {
  // Tokens past their expiry are of no use to anyone: each issue clears them.
  await db.query('delete from fhir_access_tokens where expires_at < $1', [now]);
  await db.query(
    `insert into fhir_access_tokens (token_hash, client_id, organization_id, scopes, expires_at)
     values ($1, $2, $3, $4, $5)`,
    [t.hash, t.clientId, t.organizationId, t.scopes, t.expiresAt],
  );
}

export async function findLiveToken(db: Queryable, hash: Buffer, now: Date) {
  const { rows } = await db.query<{ client_id: string; organization_id: string; scopes: string[] }>(
    `select t.client_id, t.organization_id, t.scopes from fhir_access_tokens t
       join fhir_clients c on c.id = t.client_id and c.active
      where t.token_hash = $1 and t.expires_at > $2`,
    [hash, now],
  );
  return rows[0];
}
