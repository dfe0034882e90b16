-- Patient search the way a front desk searches: by date of birth with a family name that may be
-- misspelled or typed in part. Three more blind indexes (truncated HMACs under their own
-- HKDF-derived keys), each over the date of birth paired with a key of the family name, never a
-- name key alone: the first three normalized letters, and the primary and alternate Double
-- Metaphone codes. No plaintext name, prefix or sound code is stored. docs/security/encryption.md
-- ("Search") weighs what they reveal.
--
-- Rows stored before this migration have none yet: the server indexes them at start-up, through
-- the vault, before it serves (patients.keys.ts, indexForSearch). New rows always carry all three.

alter table patient_identity
  add column dob_family_prefix_bidx bytea,
  add column dob_family_phonetic_bidx bytea,
  add column dob_family_phonetic_alt_bidx bytea;

create index patient_identity_dob_family_prefix
  on patient_identity (organization_id, dob_family_prefix_bidx);
create index patient_identity_dob_family_phonetic
  on patient_identity (organization_id, dob_family_phonetic_bidx);
create index patient_identity_dob_family_phonetic_alt
  on patient_identity (organization_id, dob_family_phonetic_alt_bidx);
-- The start-up backfill finds the rows it still has to index without reading the table.
create index patient_identity_unindexed on patient_identity (patient_id)
  where dob_family_prefix_bidx is null;
