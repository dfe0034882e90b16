-- Identity: accounts, sessions, MFA, single-use tokens, invitations and sign-in throttling.
-- Secrets are stored as hashes (passwords: argon2id; tokens and recovery codes: SHA-256 of 128+
-- random bits). Emails are stored lowercased for sign-in look-up and carry no clinical data.

create table accounts (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  kind text not null check (kind in ('workforce', 'patient')),
  email text not null check (email = lower(email) and length(email) between 3 and 254),
  display_name text not null check (length(display_name) between 1 and 200),
  password_hash text,
  status text not null default 'active' check (status in ('pending', 'active', 'disabled')),
  email_verified_at timestamptz,
  roles text[] not null default '{}'
    check (roles <@ array['front_desk', 'clinician', 'manager', 'admin', 'compliance_officer']),
  location_ids uuid[] not null default '{}',
  provider_id uuid,
  patient_id uuid,
  totp_secret text,
  totp_pending_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (organization_id, email),
  unique (organization_id, id),
  foreign key (organization_id, provider_id) references providers (organization_id, id),
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  check ((kind = 'workforce' and cardinality(roles) > 0 and patient_id is null)
      or (kind = 'patient' and cardinality(roles) = 0 and patient_id is not null
          and provider_id is null))
);

-- Automatic logoff policy per organization, within safe bounds.
create table organization_session_policy (
  organization_id uuid primary key references organizations (id),
  workforce_idle_minutes int not null default 15 check (workforce_idle_minutes between 2 and 15),
  workforce_absolute_hours int not null default 12 check (workforce_absolute_hours between 1 and 12),
  patient_idle_minutes int not null default 30 check (patient_idle_minutes between 2 and 30),
  patient_absolute_hours int not null default 24 check (patient_absolute_hours between 1 and 24)
);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  account_id uuid not null,
  token_hash bytea not null unique,
  stage text not null check (stage in ('enroll', 'mfa', 'full')),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  idle_seconds int not null check (idle_seconds > 0),
  expires_at timestamptz not null,
  stepped_up_at timestamptz,
  device_label text not null default 'Unknown device',
  coarse_location text not null default 'Unknown',
  ended_at timestamptz,
  end_reason text check (end_reason in ('sign_out', 'idle', 'expired', 'revoked', 'disabled',
    'password_changed', 'rotated')),
  foreign key (organization_id, account_id) references accounts (organization_id, id)
);

create index sessions_account on sessions (account_id) where ended_at is null;

create table recovery_codes (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  code_hash bytea not null unique,
  used_at timestamptz
);

create index recovery_codes_account on recovery_codes (account_id);

-- Single-use links: email verification and password reset.
create table account_tokens (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  purpose text not null check (purpose in ('verify_email', 'password_reset')),
  token_hash bytea not null unique,
  expires_at timestamptz not null,
  used_at timestamptz
);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  email text not null check (email = lower(email)),
  display_name text not null check (length(display_name) between 1 and 200),
  roles text[] not null
    check (cardinality(roles) > 0
      and roles <@ array['front_desk', 'clinician', 'manager', 'admin', 'compliance_officer']),
  location_ids uuid[] not null default '{}',
  provider_id uuid,
  token_hash bytea not null unique,
  created_by uuid not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  account_id uuid,
  foreign key (organization_id, provider_id) references providers (organization_id, id)
);

-- Failed attempts per key (an account's email hash, or a source address) and kind.
create table auth_throttle (
  key text not null,
  kind text not null check (kind in ('sign_in', 'mfa', 'reset')),
  failures int not null,
  last_failure_at timestamptz not null,
  primary key (key, kind)
);
