-- Notifications (#13): what is sent about an appointment, when, on which channel, and what
-- happened to it. Rows hold opaque ids, reason codes and the rendered text (no identifier, no
-- appointment type: the templates cannot name one); the text is cleared after the retention
-- window, the metadata stays.

-- The plan: one row per organization (appointment_type_id null), overridden per appointment type.
create table notification_plans (
  organization_id uuid not null references organizations (id),
  appointment_type_id uuid references appointment_types (id),
  confirmations boolean not null default true,
  reminder_lead_hours integer not null default 72 check (reminder_lead_hours between 48 and 72),
  nudge_lead_minutes integer default 120 check (nudge_lead_minutes between 15 and 720),
  channel_order text[] not null default array['email', 'sms', 'push']
    check (channel_order <@ array['email', 'sms', 'push']),
  updated_by text not null,
  updated_at timestamptz not null default now()
);
create unique index notification_plans_scope on notification_plans
  (organization_id, coalesce(appointment_type_id, '00000000-0000-0000-0000-000000000000'));

-- Every message: planned (scheduled), claimed for sending (sending), then sent, failed,
-- cancelled (its appointment changed) or skipped (staff). `sending` is never retried blindly.
create table notification_messages (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  appointment_id uuid not null references appointments (id),
  patient_id uuid not null,
  kind text not null
    check (kind in ('confirmation', 'reschedule', 'cancellation', 'reminder', 'nudge')),
  status text not null default 'scheduled'
    check (status in ('scheduled', 'sending', 'sent', 'failed', 'cancelled', 'skipped')),
  due_at timestamptz not null,
  -- False for the answer to the patient's own action (sent at once, quiet hours or not).
  respects_quiet boolean not null default true,
  reason_code text check (reason_code ~ '^[a-z_]{1,40}$'),
  -- What the message is about, as the appointment was when it was planned (a change of time
  -- or place cancels the message and plans new ones, so this never goes stale).
  appointment_start timestamptz not null,
  location_id uuid not null,
  modality text not null,
  idempotency_key text not null unique,
  job_id uuid,
  channel text check (channel in ('portal', 'email', 'sms', 'push')),
  template_key text,
  template_version integer,
  language text,
  subject text,
  body text,
  body_purged_at timestamptz,
  vendor_id text,
  delivery_status text,
  response text,
  attempts integer not null default 0,
  sent_at timestamptz,
  read_at timestamptz,
  resend_of uuid references notification_messages (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index notification_messages_appointment on notification_messages (appointment_id, created_at);
create index notification_messages_inbox on notification_messages (organization_id, patient_id, sent_at desc)
  where status = 'sent';
create index notification_messages_due on notification_messages (due_at) where status = 'scheduled';
create index notification_messages_retention on notification_messages (sent_at)
  where body is not null and status = 'sent';

-- Staff's hand on a message: send now, skip, resend, with who and why.
create table notification_overrides (
  id uuid primary key default gen_random_uuid(),
  message_id uuid not null references notification_messages (id),
  action text not null check (action in ('send_now', 'skip', 'resend')),
  actor_id text not null,
  reason text not null check (reason ~ '^[a-z_]{1,40}$'),
  at timestamptz not null default now()
);

-- A clinic's own wording of a template, linted at save; the shipped one applies otherwise.
create table notification_templates (
  organization_id uuid not null references organizations (id),
  kind text not null,
  channel text not null,
  language text not null,
  subject text not null default '',
  body text not null,
  version integer not null default 1,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (organization_id, kind, channel, language)
);
