-- Seams that several modules meet at. Each is extended by the module that owns it:
-- providers by the scheduling directory, patients by the PHI vault (identifiers live encrypted in
-- patient_identity, never here). Both hold opaque ids only.

create table providers (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  display_name text not null check (length(display_name) between 1 and 200),
  created_at timestamptz not null default now(),
  unique (organization_id, id)
);

create table patients (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  created_at timestamptz not null default now(),
  unique (organization_id, id)
);
