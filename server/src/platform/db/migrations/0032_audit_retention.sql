-- Audit retention, issue 6: the one path that may remove audit events. It removes only whole
-- sealed checkpoints (their checkpoints and leaf hashes stay, so what was removed stays sealed), in
-- a transaction that sets hourglass.audit_purge, and leaves a signed purge record here.

create table audit_purges (
  no bigint primary key check (no > 0),
  through_checkpoint bigint not null,
  through_seq bigint not null,
  event_count bigint not null,
  cutoff text not null,
  purged_at text not null,
  key_id text not null,
  signature text not null
);

create trigger audit_purges_no_update before update or delete on audit_purges
  for each row execute function audit_events_refuse_change();
create trigger audit_purges_no_truncate before truncate on audit_purges
  for each statement execute function audit_events_refuse_change();

-- Rows are still never changed and tables never truncated; a row may be deleted only by the
-- retention purge, which sets this transaction-local flag (and, on PostgreSQL, runs as the owner:
-- the application role has no DELETE privilege on audit tables at all).
create or replace function audit_events_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and tg_table_name = 'audit_events'
     and current_setting('hourglass.audit_purge', true) = 'allowed' then
    return old;
  end if;
  raise exception '% is append-only', tg_table_name using errcode = '42501';
end
$$;
