-- The PHI vault's key hierarchy: data keys per organization and data class, each stored only
-- wrapped by a key-encryption key (KEK) from the keyring. A ciphertext names its data key version;
-- a retired version has its wrapped key destroyed once no row uses it.

create table data_keys (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  data_class text not null check (data_class in ('identifiers', 'clinical', 'documents', 'index')),
  version integer not null check (version > 0),
  kek_version integer not null check (kek_version > 0),
  wrapped_key bytea check (wrapped_key is null or length(wrapped_key) between 32 and 1024),
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  unique (organization_id, data_class, version),
  check ((retired_at is null) = (wrapped_key is not null))
);
