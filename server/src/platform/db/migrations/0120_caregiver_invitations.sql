-- A patient's invitation to a caregiver who has no account yet: the link's token hash, what the
-- consent will cover, and whether it was used. The caregiver's email is not kept: the link goes
-- to it once and the accepting account is the caregiver.

create table caregiver_invitations (
  id uuid primary key,
  organization_id uuid not null,
  patient_id uuid not null,
  token_hash bytea not null unique,
  scope text not null check (scope in ('scheduling', 'scheduling_and_messages')),
  valid_until timestamptz,
  invited_by_id text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by_id text,
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  check (expires_at > created_at),
  check ((accepted_at is null) = (accepted_by_id is null))
);

create index caregiver_invitations_patient on caregiver_invitations (organization_id, patient_id);
