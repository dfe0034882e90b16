-- Patient registration collects the identity booking and intake need, and the account's display
-- name leaves the clear.
--
-- display_name: a patient's display name is their name (PHI), so it becomes a vault ciphertext
-- under the organization's `identifiers` key, bound to the account row, like the email (0050).
-- Existing names move to legacy_display_name; the server seals them at start, before it serves
-- (identity.keys.ts sealLegacyIdentityRows), and clears them. New code never writes the legacy
-- column.
alter table accounts rename column display_name to legacy_display_name;
alter table accounts alter column legacy_display_name drop not null;
alter table accounts
  add column display_name bytea,
  add constraint accounts_display_name_present check (
    display_name is not null or legacy_display_name is not null);

-- pending_identity: what a patient gave at registration (legal name, date of birth, sex, phone,
-- email), sealed like the email, kept only until the email is verified. Verification turns it
-- into a patients row with an identity in the vault (or links an existing one) and clears it.
-- A pending patient account therefore has no patients row yet.
alter table accounts
  add column pending_identity bytea,
  add column language text check (language in ('en', 'es')),
  drop constraint accounts_check,
  add constraint accounts_kind_shape check (
    (kind = 'workforce' and cardinality(roles) > 0 and patient_id is null
      and pending_identity is null)
    or (kind = 'patient' and cardinality(roles) = 0 and provider_id is null
      and (patient_id is not null or status = 'pending')));

-- One account per patient record: a record is claimed by at most one account.
create unique index accounts_patient_once on accounts (organization_id, patient_id)
  where patient_id is not null;
