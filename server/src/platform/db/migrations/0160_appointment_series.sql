-- Recurring series (issue 15): a rule (RFC 5545 RRULE subset) expanded in the location's zone from
-- an anchor (the first occurrence's start). Each occurrence is an ordinary appointment carrying the
-- series id; the exclusion constraint on appointments still decides every occurrence. "This and
-- following" ends a series with an UNTIL and starts a new one (split_from) for the rest.
create table appointment_series (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  patient_id uuid not null,
  appointment_type_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  modality text not null check (modality in ('in_person', 'telehealth')),
  rule text not null check (length(rule) between 10 and 200),
  time_zone text not null,
  anchor timestamptz not null,
  split_from uuid references appointment_series (id),
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, id),
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  foreign key (organization_id, appointment_type_id) references appointment_types (organization_id, id),
  foreign key (organization_id, provider_id) references providers (organization_id, id),
  foreign key (organization_id, location_id) references locations (organization_id, id)
);
create index appointment_series_patient on appointment_series (organization_id, patient_id);

alter table appointments add column series_id uuid references appointment_series (id);
create index appointments_series on appointments (series_id, starts_at) where series_id is not null;
