-- A counter per organization that every change to its scheduling setup bumps, in the change's own
-- transaction (a trigger on each table the availability engine reads rules from). Availability
-- keys its cached answers by it, so a manager's change shows at once, in every process.

create table setup_versions (
  organization_id uuid primary key references organizations (id),
  version bigint not null default 0
);

create function setup_versions_bump() returns trigger language plpgsql as $$
declare
  org uuid;
begin
  if tg_op = 'DELETE' then
    org := old.organization_id;
  else
    org := new.organization_id;
  end if;
  insert into setup_versions as v (organization_id, version) values (org, 1)
    on conflict (organization_id) do update set version = v.version + 1;
  -- A row moved to another organization (never done today) changes both.
  if tg_op = 'UPDATE' and old.organization_id is distinct from new.organization_id then
    insert into setup_versions as v (organization_id, version) values (old.organization_id, 1)
      on conflict (organization_id) do update set version = v.version + 1;
  end if;
  return null;
end $$;

create trigger locations_setup_version after insert or update or delete on locations
  for each row execute function setup_versions_bump();
create trigger providers_setup_version after insert or update or delete on providers
  for each row execute function setup_versions_bump();
create trigger provider_locations_setup_version after insert or update or delete on provider_locations
  for each row execute function setup_versions_bump();
create trigger resources_setup_version after insert or update or delete on resources
  for each row execute function setup_versions_bump();
create trigger appointment_types_setup_version after insert or update or delete on appointment_types
  for each row execute function setup_versions_bump();
create trigger appointment_type_scope_setup_version after insert or update or delete on appointment_type_scope
  for each row execute function setup_versions_bump();
create trigger working_hours_setup_version after insert or update or delete on working_hours
  for each row execute function setup_versions_bump();
create trigger date_overrides_setup_version after insert or update or delete on date_overrides
  for each row execute function setup_versions_bump();
create trigger time_off_setup_version after insert or update or delete on time_off
  for each row execute function setup_versions_bump();
create trigger holidays_setup_version after insert or update or delete on holidays
  for each row execute function setup_versions_bump();
