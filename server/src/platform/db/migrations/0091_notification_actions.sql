-- Action links in notifications (#13): confirm, cancel or reschedule from a message. The token is
-- 256 random bits, kept only as its SHA-256; single purpose, expiring at the appointment's start,
-- single use (used_at). The link carries nothing else.
create table notification_action_tokens (
  token_hash bytea primary key,
  organization_id uuid not null references organizations (id),
  message_id uuid not null references notification_messages (id),
  appointment_id uuid not null,
  patient_id uuid not null,
  purpose text not null check (purpose in ('confirm', 'cancel', 'reschedule')),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index notification_action_tokens_message on notification_action_tokens (message_id);
