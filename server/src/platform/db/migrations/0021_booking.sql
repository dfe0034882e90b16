-- Appointments and holds. The database refuses double booking: every appointment or live hold
-- carries `during` (its time including buffers) under exclusion constraints per provider and per
-- resource. Only the statuses that occupy time are in the constraints; a hold past its expiry is
-- turned into `expired` (in the booking transaction and by the sweeper) before it could block.

create table appointments (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  appointment_type_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  patient_id uuid,
  modality text not null check (modality in ('in_person', 'telehealth')),
  status text not null check (status in ('held', 'booked', 'checked_in', 'completed', 'no_show', 'cancelled', 'expired')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  during tstzrange not null,
  -- 0: the normal lane. 1: an overbooking, taken only with a logged reason. The check is the cap.
  lane smallint not null default 0 check (lane between 0 and 1),
  overbook_reason text check (overbook_reason in ('urgent', 'provider_request', 'follow_up', 'other')),
  hold_expires_at timestamptz,
  cancel_reason text check (cancel_reason in ('patient_request', 'provider_unavailable', 'rescheduled', 'clinic_closed', 'duplicate', 'other')),
  cancelled_by text,
  rescheduled_from uuid references appointments (id),
  video_room text,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (lower(during) <= starts_at and upper(during) >= ends_at),
  check ((lane = 0) = (overbook_reason is null)),
  check (status <> 'held' or hold_expires_at is not null),
  unique (organization_id, id),
  foreign key (organization_id, appointment_type_id) references appointment_types (organization_id, id),
  foreign key (organization_id, provider_id) references providers (organization_id, id),
  foreign key (organization_id, location_id) references locations (organization_id, id),
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  constraint appointments_no_double_booking exclude using gist
    (provider_id with =, lane with =, during with &&)
    where (status in ('held', 'booked', 'checked_in', 'completed', 'no_show'))
);

create index appointments_patient on appointments (patient_id, starts_at) where patient_id is not null;
create index appointments_held on appointments (hold_expires_at) where status = 'held';

-- Resources an appointment occupies. A row exists only while its appointment occupies time.
create table appointment_resources (
  appointment_id uuid not null references appointments (id),
  resource_id uuid not null references resources (id),
  during tstzrange not null,
  primary key (appointment_id, resource_id),
  constraint appointment_resources_no_double_booking exclude using gist
    (resource_id with =, during with &&)
);

-- Every state change of an appointment, with who, why (reason codes, never notes) and any
-- staff override of a rule. The audit trail records the same change; this is the booking's history.
create table appointment_events (
  id bigint generated always as identity primary key,
  appointment_id uuid not null references appointments (id),
  occurred_at timestamptz not null default now(),
  actor_type text not null,
  actor_id text,
  from_status text,
  to_status text not null,
  reason_code text,
  override_reason text check (override_reason in ('patient_called', 'clinical_need', 'clinic_error', 'other'))
);
create index appointment_events_appointment on appointment_events (appointment_id, id);

-- Retried booking requests return the first result.
create table booking_idempotency (
  organization_id uuid not null references organizations (id),
  key text not null check (length(key) between 8 and 200),
  actor_id text not null,
  appointment_id uuid not null references appointments (id),
  created_at timestamptz not null default now(),
  primary key (organization_id, actor_id, key)
);
