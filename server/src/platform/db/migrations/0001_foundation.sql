-- Foundation: extensions every later module relies on, and the append-only audit trail.

create extension if not exists btree_gist;

create table audit_events (
  seq bigint generated always as identity primary key,
  id uuid not null unique default gen_random_uuid(),
  occurred_at timestamptz not null default now(),
  organization_id uuid,
  actor_type text not null check (actor_type in ('anonymous', 'user', 'patient', 'system')),
  actor_id text,
  actor_role text,
  action text not null,
  resource_type text not null,
  resource_id text,
  patient_id uuid,
  outcome text not null check (outcome in ('success', 'denied', 'failed')),
  request_id text,
  source_ip text
);

create index audit_events_occurred_at on audit_events (occurred_at);
create index audit_events_patient on audit_events (patient_id, occurred_at) where patient_id is not null;
create index audit_events_actor on audit_events (actor_id, occurred_at) where actor_id is not null;

-- Append-only in the database too: no row is ever changed or removed through a normal path.
create function audit_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only' using errcode = '42501';
end
$$;

create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_refuse_change();
