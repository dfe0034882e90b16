-- Scheduling directory: providers, resources, appointment types and the rules of working time.
-- Public information, no PHI. Local times are wall-clock times in the location's IANA zone.

alter table providers
  add column credentials text not null default '' check (length(credentials) <= 100),
  add column specialties text[] not null default '{}',
  add column languages text[] not null default '{}',
  add column accepting_new_patients boolean not null default true,
  add column bio text not null default '' check (length(bio) <= 2000),
  add column active boolean not null default true;

alter table locations add unique (organization_id, id);

create table provider_locations (
  organization_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  primary key (provider_id, location_id),
  foreign key (organization_id, provider_id) references providers (organization_id, id),
  foreign key (organization_id, location_id) references locations (organization_id, id)
);

create table resources (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  location_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind ~ '^[a-z][a-z0-9_-]{0,39}$'),
  created_at timestamptz not null default now(),
  unique (organization_id, id),
  unique (location_id, name),
  foreign key (organization_id, location_id) references locations (organization_id, id)
);

create table appointment_types (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  name text not null check (length(name) between 1 and 200),
  description text not null default '' check (length(description) <= 2000),
  instructions text not null default '' check (length(instructions) <= 4000),
  duration_minutes int not null check (duration_minutes between 5 and 720),
  buffer_before_minutes int not null default 0 check (buffer_before_minutes between 0 and 240),
  buffer_after_minutes int not null default 0 check (buffer_after_minutes between 0 and 240),
  min_notice_minutes int not null default 0 check (min_notice_minutes between 0 and 525600),
  horizon_days int not null default 90 check (horizon_days between 1 and 730),
  slot_interval_minutes int not null check (slot_interval_minutes between 5 and 720),
  modalities text[] not null check (modalities <@ array['in_person', 'telehealth'] and cardinality(modalities) > 0),
  required_resource_kinds text[] not null default '{}',
  eligibility text not null default 'any' check (eligibility in ('any', 'new', 'established')),
  min_age_years int check (min_age_years between 0 and 150),
  max_age_years int check (max_age_years between 0 and 150),
  prerequisites jsonb not null default '[]',
  cancel_cutoff_hours int not null default 24 check (cancel_cutoff_hours between 0 and 720),
  reschedule_cutoff_hours int not null default 24 check (reschedule_cutoff_hours between 0 and 720),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (organization_id, id),
  unique (organization_id, name),
  check (min_age_years is null or max_age_years is null or min_age_years <= max_age_years)
);

-- Provider scope: who may perform a type where.
create table appointment_type_scope (
  organization_id uuid not null,
  appointment_type_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  primary key (appointment_type_id, provider_id, location_id),
  foreign key (organization_id, appointment_type_id) references appointment_types (organization_id, id) on delete cascade,
  foreign key (organization_id, provider_id) references providers (organization_id, id),
  foreign key (organization_id, location_id) references locations (organization_id, id)
);

-- Weekly working hours: several rows per day allowed; weekday is ISO (1 = Monday).
create table working_hours (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  weekday smallint not null check (weekday between 1 and 7),
  start_time time not null,
  end_time time not null,
  effective_from date,
  effective_to date,
  check (end_time > start_time),
  check (effective_from is null or effective_to is null or effective_from <= effective_to),
  foreign key (organization_id, provider_id) references providers (organization_id, id),
  foreign key (organization_id, location_id) references locations (organization_id, id)
);
create index working_hours_provider on working_hours (provider_id, location_id);

-- A date override replaces the weekly hours of that date at that location: extra or other hours,
-- or (with no start/end) a closed day.
create table date_overrides (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  on_date date not null,
  start_time time,
  end_time time,
  check ((start_time is null) = (end_time is null)),
  check (end_time is null or end_time > start_time),
  foreign key (organization_id, provider_id) references providers (organization_id, id),
  foreign key (organization_id, location_id) references locations (organization_id, id)
);
create index date_overrides_provider on date_overrides (provider_id, on_date);

create table time_off (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  provider_id uuid not null,
  during tstzrange not null check (not isempty(during)),
  reason_code text not null default 'other' check (reason_code in ('vacation', 'sick', 'training', 'admin', 'other')),
  foreign key (organization_id, provider_id) references providers (organization_id, id)
);
create index time_off_provider on time_off using gist (provider_id, during);

-- Organization holidays: a local date, closed at every location of the organization.
create table holidays (
  organization_id uuid not null references organizations (id),
  on_date date not null,
  name text not null check (length(name) between 1 and 200),
  primary key (organization_id, on_date)
);
