-- The waitlist (#15): patients waiting for an earlier or any time of a type, and the offers of
-- freed slots made to them. Opaque ids, local dates and minutes of the day only: no PHI.

-- One entry per patient and wish. Empty provider/location lists mean "any". Windows are minutes
-- of the local day [from, to) in the location's zone, as pairs; empty means any time.
create table waitlist_entries (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  patient_id uuid not null,
  appointment_type_id uuid not null,
  provider_ids uuid[] not null default '{}',
  location_ids uuid[] not null default '{}',
  modality text check (modality in ('in_person', 'telehealth')),
  from_date date not null,
  to_date date not null,
  windows int[] not null default '{}' check (cardinality(windows) % 2 = 0 and cardinality(windows) <= 14),
  -- The booked appointment the patient would move earlier, cancelled when an offer is accepted.
  move_appointment_id uuid,
  -- Clinical priority, set by staff: higher first; then the longest waiting.
  priority smallint not null default 0 check (priority between 0 and 3),
  status text not null default 'waiting' check (status in ('waiting', 'booked', 'withdrawn')),
  booked_appointment_id uuid,
  created_by text not null check (created_by in ('patient', 'staff')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (to_date >= from_date),
  foreign key (organization_id, patient_id) references patients (organization_id, id),
  foreign key (organization_id, appointment_type_id) references appointment_types (organization_id, id)
);
create index waitlist_entries_match on waitlist_entries (organization_id, appointment_type_id, priority desc, created_at)
  where status = 'waiting';
create index waitlist_entries_patient on waitlist_entries (patient_id, created_at);

-- A slot that became free (a cancellation), waiting for the offer job. Written in the
-- transaction of the change that freed it; the job takes it with SKIP LOCKED.
create table waitlist_freed_slots (
  id bigint generated always as identity primary key,
  organization_id uuid not null references organizations (id),
  appointment_type_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  modality text not null,
  starts_at timestamptz not null,
  processed_at timestamptz,
  created_at timestamptz not null default now()
);
create index waitlist_freed_slots_pending on waitlist_freed_slots (id) where processed_at is null;

-- An offer of a held slot to one entry. Several offers of a batch share one hold; the first
-- acceptance to claim the hold wins (booking's conditional update decides).
create table waitlist_offers (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  entry_id uuid not null references waitlist_entries (id),
  hold_appointment_id uuid not null,
  appointment_type_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  modality text not null,
  starts_at timestamptz not null,
  status text not null default 'sent'
    check (status in ('sent', 'opened', 'accepted', 'declined', 'expired', 'taken')),
  token_hash bytea unique,
  expires_at timestamptz not null,
  sent_at timestamptz not null,
  opened_at timestamptz,
  closed_at timestamptz,
  -- For an accepted offer that moved an appointment: how much sooner, in days.
  days_sooner numeric(8, 2),
  created_at timestamptz not null default now()
);
create index waitlist_offers_entry on waitlist_offers (entry_id, created_at);
create index waitlist_offers_hold on waitlist_offers (hold_appointment_id);
create index waitlist_offers_open on waitlist_offers (expires_at) where status in ('sent', 'opened');
create index waitlist_offers_report on waitlist_offers (organization_id, sent_at);

-- Per clinic: how many candidates one freed slot is offered to at once, and how long it is held.
create table waitlist_settings (
  organization_id uuid primary key references organizations (id),
  batch_size smallint not null default 1 check (batch_size between 1 and 5),
  offer_minutes smallint not null default 30 check (offer_minutes between 5 and 1440),
  updated_at timestamptz not null default now()
);

-- Offers go out through the notifications module, as messages about the hold appointment.
alter table notification_messages drop constraint notification_messages_kind_check;
alter table notification_messages add constraint notification_messages_kind_check
  check (kind in ('confirmation', 'reschedule', 'cancellation', 'reminder', 'nudge', 'waitlist_offer'));
