-- Audit trail, issue 6: richer events and signed Merkle checkpoints that seal them.

-- Which records a list or search returned, and a digest of the caller's user-agent (never the
-- string itself: it can identify a device).
alter table audit_events add column resource_ids text[];
alter table audit_events add column user_agent_digest text;

-- One row per sealed batch: the contiguous sequence range it covers (gaps from rolled-back
-- transactions included), the RFC 6962 Merkle root over the events' canonical encodings, the hash
-- of the previous checkpoint, and an Ed25519 signature over all of that. leaf_hashes holds the
-- 32-byte leaf hashes in order, so verification can name the exact event that changed.
create table audit_checkpoints (
  no bigint primary key check (no > 0),
  first_seq bigint not null unique,
  last_seq bigint not null check (last_seq >= first_seq),
  event_count integer not null check (event_count > 0),
  root text not null,
  prev_hash text not null,
  sealed_at text not null,
  key_id text not null,
  signature text not null,
  hash text not null unique,
  leaf_hashes bytea not null,
  unique (prev_hash)
);

create trigger audit_checkpoints_no_update before update or delete on audit_checkpoints
  for each row execute function audit_events_refuse_change();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
  for each statement execute function audit_events_refuse_change();

-- Compliance searches by resource and by action.
create index audit_events_resource on audit_events (resource_type, resource_id);
create index audit_events_org_time on audit_events (organization_id, occurred_at);
