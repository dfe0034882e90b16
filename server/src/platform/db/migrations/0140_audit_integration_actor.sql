-- An integration client (SMART Backend Services) is its own kind of actor in the audit trail:
-- a system acting with a bearer token, told apart from a person's account.
alter table audit_events drop constraint audit_events_actor_type_check;
alter table audit_events add constraint audit_events_actor_type_check
  check (actor_type in ('anonymous', 'user', 'patient', 'system', 'integration'));
