-- Audit alerts, issue 6: delivery by email and signed webhooks through jobs, webhook secrets under
-- the vault, and the country of a sign-in.

-- Email to the organization's compliance officers is opt-in per rule; in-app alerts are always on.
alter table audit_alert_rules add column email boolean not null default false;
-- The webhook signing secret, encrypted by the vault (identifiers key of the organization; the row
-- id is bound into the ciphertext). The clear column is emptied at start-up (audit.webhook-secrets.ts)
-- and no longer written.
alter table audit_alert_rules add column webhook_secret_enc bytea;

-- What an email says about an alert without quoting its summary: how many, over which window.
alter table audit_alerts add column count integer;
alter table audit_alerts add column window_minutes integer;

-- ISO 3166-1 alpha-2 country of the source address, from the local GeoIP database, on sign-in and
-- other account events; never a finer location. Part of the sealed encoding when present.
alter table audit_events add column source_country text
  check (source_country is null or source_country ~ '^[A-Z]{2}$');
