-- Documents a patient or the front desk uploads (referral letter, insurance card). The content is
-- a vault ciphertext under the organization's `documents` data key, bound to its row; only a
-- type detected from the content's magic bytes and a scan verdict of clean get this far.

create table intake_documents (
  id uuid primary key,
  organization_id uuid not null,
  patient_id uuid not null,
  kind text not null check (kind in ('referral_letter', 'insurance_card')),
  content_type text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer not null check (size_bytes > 0),
  key_version integer not null,
  content bytea not null,
  uploaded_at timestamptz not null default now(),
  uploaded_by text not null,
  foreign key (organization_id, patient_id) references patients (organization_id, id)
);
create index intake_documents_patient on intake_documents (organization_id, patient_id);
