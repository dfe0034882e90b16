-- Guest sessions: a patient without an account books with a code sent to the email they give.
-- A guest session is a row of `sessions` without an account: it acts for one patients row, and
-- may reach only the appointments it booked (guest_appointment_ids, with their types for the
-- intake form of the visit) — or, opened from a visit link, the one appointment of the link.
alter table sessions
  alter column account_id drop not null,
  add column guest_patient_id uuid,
  add column guest_scope text check (guest_scope in ('booking', 'visit')),
  add column guest_appointment_ids uuid[] not null default '{}',
  add column guest_appointment_type_ids uuid[] not null default '{}',
  add foreign key (organization_id, guest_patient_id) references patients (organization_id, id),
  add constraint sessions_account_or_guest check (
    (account_id is not null and guest_patient_id is null and guest_scope is null)
    or (account_id is null and guest_patient_id is not null and guest_scope is not null
        and stage = 'full'));

-- A visit link: emailed when a guest's booking is confirmed, tied to that one appointment, valid
-- until the appointment ends. The token is 256 random bits; only its SHA-256 is kept. Opening the
-- link asks for a code sent to the email on file before anything is shown.
create table visit_links (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  appointment_id uuid not null,
  appointment_type_id uuid not null,
  patient_id uuid not null,
  token_hash bytea not null unique,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  foreign key (organization_id, patient_id) references patients (organization_id, id)
);
