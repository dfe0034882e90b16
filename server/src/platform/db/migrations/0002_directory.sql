-- Directory: the organization and its locations. Public information, no PHI.

create table organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'),
  name text not null check (length(name) between 1 and 200),
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);

create table locations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  name text not null check (length(name) between 1 and 200),
  time_zone text not null,
  address_line text not null default '',
  city text not null default '',
  region text not null default '',
  postal_code text not null default '',
  country text not null default 'US' check (country ~ '^[A-Z]{2}$'),
  phone text not null default '',
  in_person boolean not null default true,
  telehealth boolean not null default false,
  created_at timestamptz not null default now(),
  unique (organization_id, name)
);

create index locations_organization on locations (organization_id);
