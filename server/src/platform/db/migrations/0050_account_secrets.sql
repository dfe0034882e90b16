-- Account emails, invitation emails and TOTP secrets leave the clear. A patient's account email is
-- PHI, and a TOTP secret is a credential: each is now a vault ciphertext under the organization's
-- `identifiers` data key, bound to its table, column and row (the version it names is read from
-- the ciphertext). Email look-ups (sign-in, registration, invitations, reset, uniqueness per
-- organization) go through `email_bidx`, a blind index; `index_version` names the index key
-- version the row's blind index was computed under (index keys rotate; see 0051).
--
-- Existing plaintext moves to legacy_* columns here; the server seals them at start (before it
-- serves a request: identity.legacy.ts) and clears them. New code never writes a legacy column.

alter table accounts rename column email to legacy_email;
alter table accounts rename column totp_secret to legacy_totp_secret;
alter table accounts rename column totp_pending_secret to legacy_totp_pending_secret;
alter table accounts drop constraint accounts_organization_id_email_key;
alter table accounts alter column legacy_email drop not null;
alter table accounts
  add column email bytea,
  add column email_bidx bytea,
  add column index_version integer check (index_version > 0),
  add column totp_secret bytea,
  add column totp_pending_secret bytea,
  -- Sealed or legacy, never neither (and never both once sealing has run; see identity.legacy.ts).
  add constraint accounts_email_present check (
    (email is not null and email_bidx is not null and index_version is not null)
    or legacy_email is not null);
create unique index accounts_email_bidx on accounts (organization_id, email_bidx)
  where email_bidx is not null;

alter table invitations rename column email to legacy_email;
alter table invitations alter column legacy_email drop not null;
alter table invitations
  add column email bytea,
  add column email_bidx bytea,
  add column index_version integer check (index_version > 0),
  add constraint invitations_email_present check (
    (email is not null and email_bidx is not null and index_version is not null)
    or legacy_email is not null);
