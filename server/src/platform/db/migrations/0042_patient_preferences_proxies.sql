-- A patient's messaging preferences, and the proxies and guardians who act for them.
-- Preferences hold no identifier. A guardian's recorded reason is free text and so is a vault
-- ciphertext (identifiers class), bound to its row.

create table patient_preferences (
  patient_id uuid primary key,
  organization_id uuid not null,
  channels text[] not null default '{}' check (channels <@ array['email', 'sms', 'voice']),
  language text not null default 'en' check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  quiet_start time,
  quiet_end time,
  time_zone text not null,
  updated_at timestamptz not null default now(),
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  check ((quiet_start is null) = (quiet_end is null))
);

create table patient_proxies (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  patient_id uuid not null,
  proxy_account_id text not null check (length(proxy_account_id) between 1 and 100),
  kind text not null check (kind in ('proxy', 'guardian')),
  scope text not null check (scope in ('scheduling', 'scheduling_and_messages')),
  granted_by_type text not null check (granted_by_type in ('patient', 'user')),
  granted_by_id text not null,
  reason bytea,
  granted_at timestamptz not null default now(),
  valid_until timestamptz,
  revoked_at timestamptz,
  revoked_by_id text,
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  check (kind = 'proxy' or reason is not null),
  check (valid_until is null or valid_until > granted_at)
);

create index patient_proxies_patient on patient_proxies (organization_id, patient_id);
create index patient_proxies_account on patient_proxies (organization_id, proxy_account_id)
  where revoked_at is null;
