-- Patient identifiers, apart from the opaque `patients` row. Every identifier is a vault
-- ciphertext (AES-256-GCM under the organization's `identifiers` data key, bound to this table,
-- column and row); the *_bidx columns are blind indexes (truncated HMACs) for exact look-ups only.

create table patient_identity (
  patient_id uuid primary key,
  organization_id uuid not null,
  key_version integer not null check (key_version > 0),
  legal_name bytea not null,
  preferred_name bytea,
  date_of_birth bytea not null,
  sex bytea not null,
  phone bytea,
  email bytea,
  address bytea,
  mrn bytea,
  insurance_member_id bytea,
  email_bidx bytea,
  phone_bidx bytea,
  dob_family_name_bidx bytea not null,
  mrn_bidx bytea,
  updated_at timestamptz not null default now(),
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  check (phone is not null or email is not null)
);

create index patient_identity_email on patient_identity (organization_id, email_bidx)
  where email_bidx is not null;
create index patient_identity_phone on patient_identity (organization_id, phone_bidx)
  where phone_bidx is not null;
create index patient_identity_dob_family_name on patient_identity (organization_id, dob_family_name_bidx);
create unique index patient_identity_mrn on patient_identity (organization_id, mrn_bidx)
  where mrn_bidx is not null;
create index patient_identity_key_version on patient_identity (organization_id, key_version);
