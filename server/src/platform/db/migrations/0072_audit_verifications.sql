-- Runs of the audit trail's verification (audit.verify.ts) made by the server: on a compliance
-- officer's request or on the daily schedule. The trail is one chain for the whole installation,
-- so a run is too; `organization_id` is the organization of the officer who asked.
create table audit_verifications (
  id uuid primary key default gen_random_uuid(),
  -- The order runs started in (instants can tie).
  no bigint generated always as identity unique,
  trigger text not null check (trigger in ('request', 'schedule')),
  requested_by text,
  organization_id uuid references organizations (id),
  status text not null check (status in ('running', 'finished', 'failed')),
  started_at timestamptz not null,
  finished_at timestamptz,
  -- The sequence range whose events were recomputed (the checkpoint chain is always checked whole).
  from_seq bigint,
  to_seq bigint,
  ok boolean,
  checkpoints int,
  events_checked bigint,
  failures jsonb,
  notes jsonb,
  -- Why a run could not finish (no signing key, a witness that cannot be read): never PHI.
  error text,
  check ((status = 'running') = (finished_at is null))
);
create index audit_verifications_ended on audit_verifications (finished_at desc, no desc);
