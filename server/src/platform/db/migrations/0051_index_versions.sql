-- Blind-index key rotation: each row records the index key version its blind indexes were
-- computed under, so a re-index job can find the rows still under an older one and the old
-- version can be retired once none is left. Until now only index key version 1 existed, so every
-- existing row is version 1. (accounts and invitations have the column since 0050.)

alter table patient_identity add column index_version integer not null default 1
  check (index_version > 0);
alter table patient_identity alter column index_version drop default;
create index patient_identity_index_version on patient_identity (organization_id, index_version);
