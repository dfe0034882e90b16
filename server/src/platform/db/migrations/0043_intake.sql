-- Intake: forms defined as data per appointment type (no PHI), drafts that autosave and expire,
-- and submitted answers as immutable versions. Answers are vault ciphertexts under the
-- organization's `clinical` data key, bound to their table, column and row.

create table intake_forms (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  appointment_type text not null check (appointment_type ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  version integer not null check (version > 0),
  definition jsonb not null,
  created_at timestamptz not null default now(),
  unique (organization_id, appointment_type, version),
  unique (organization_id, id)
);

create table intake_drafts (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  patient_id uuid not null,
  form_id uuid not null,
  key_version integer not null,
  answers bytea not null,
  updated_at timestamptz not null default now(),
  expires_at timestamptz not null,
  unique (organization_id, patient_id, form_id),
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  foreign key (organization_id, form_id) references intake_forms (organization_id, id)
);
create index intake_drafts_expiry on intake_drafts (expires_at);

create table intake_submissions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  patient_id uuid not null,
  form_id uuid not null,
  version integer not null check (version > 0),
  key_version integer not null,
  answers bytea not null,
  submitted_at timestamptz not null default now(),
  submitted_by text not null,
  unique (organization_id, patient_id, form_id, version),
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  foreign key (organization_id, form_id) references intake_forms (organization_id, id)
);
create index intake_submissions_patient on intake_submissions (organization_id, patient_id);

-- Submitted answers are immutable: a correction is a new version. Only re-encryption under a
-- new key version may rewrite the ciphertext (same answers, new key).
create function intake_submissions_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'intake submissions are immutable' using errcode = '42501';
  end if;
  if (new.id, new.organization_id, new.patient_id, new.form_id, new.version, new.submitted_at,
      new.submitted_by) is distinct from
     (old.id, old.organization_id, old.patient_id, old.form_id, old.version, old.submitted_at,
      old.submitted_by) or new.key_version <= old.key_version then
    raise exception 'intake submissions are immutable' using errcode = '42501';
  end if;
  return new;
end
$$;

create trigger intake_submissions_no_change before update or delete on intake_submissions
  for each row execute function intake_submissions_immutable();
