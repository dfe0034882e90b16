-- SMART Backend Services: systems registered with their public keys and the scopes they may ask
-- for, the client assertions already used (replay protection on jti), and the short-lived access
-- tokens issued (only a SHA-256 digest of each token is stored).

create table fhir_clients (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  name text not null check (length(name) between 1 and 200),
  jwks jsonb not null,
  scopes text[] not null,
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table fhir_client_assertions (
  client_id uuid not null references fhir_clients (id),
  jti text not null check (length(jti) between 1 and 200),
  expires_at timestamptz not null,
  primary key (client_id, jti)
);

create table fhir_access_tokens (
  token_hash bytea primary key,
  client_id uuid not null references fhir_clients (id),
  organization_id uuid not null references organizations (id),
  scopes text[] not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);

create index fhir_access_tokens_expiry on fhir_access_tokens (expires_at);
create index fhir_client_assertions_expiry on fhir_client_assertions (expires_at);
