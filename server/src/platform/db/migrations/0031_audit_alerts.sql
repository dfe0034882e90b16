-- Audit alerts, issue 6: rules per organization over the sealed event stream, the alerts they
-- raise (in-app), and where the engine has got to.

create table audit_alert_rules (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  kind text not null check (kind in ('bulk_patient_reads', 'new_device_bulk_reads',
    'repeated_denials', 'export_outside_hours', 'break_glass', 'verification_failure')),
  params jsonb not null default '{}',
  -- Delivered as a signed POST besides the in-app alert; the secret signs the body (HMAC-SHA256).
  webhook_url text,
  webhook_secret text,
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);
create index audit_alert_rules_org on audit_alert_rules (organization_id) where enabled;

create table audit_alerts (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  rule_id uuid not null references audit_alert_rules (id),
  kind text not null,
  -- Who the alert is about (a user id or job), never a name.
  subject text,
  summary text not null,
  -- The audit events behind the alert.
  event_ids uuid[] not null,
  -- One alert per rule, subject and window: re-running the engine never raises it twice.
  dedupe_key text not null unique,
  raised_at timestamptz not null default now(),
  webhook_status text
);
create index audit_alerts_org on audit_alerts (organization_id, raised_at);

create table audit_alert_cursor (
  id integer primary key check (id = 1),
  last_seq bigint not null
);
insert into audit_alert_cursor (id, last_seq) values (1, 0);
