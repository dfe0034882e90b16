-- Web Push subscriptions (#13): one per patient account and browser. The endpoint is a capability
-- URL (whoever holds it can push to the browser), so it and the keys are kept encrypted by the
-- vault (identifiers class) and found by a keyed digest, never in clear.
create table push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  patient_id uuid not null,
  account_id uuid not null,
  -- SHA-256 of the endpoint (a long random URL, so the digest reveals nothing): one row per browser.
  endpoint_digest bytea not null unique,
  -- The vault's ciphertext of {endpoint, keys: {p256dh, auth}} as JSON.
  subscription bytea not null,
  created_at timestamptz not null
);
create index push_subscriptions_patient on push_subscriptions (organization_id, patient_id);
