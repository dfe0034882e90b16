-- The clinic's overbooking policy, enforced by the database. A policy row per provider: the
-- provider's default (appointment_type_id null) and per-type overrides. Without a row a provider
-- keeps the old behaviour: one extra lane, no hourly or daily cap. A type switched off
-- (appointment_types.allows_overbooking) is never overbooked, whatever the provider's policy.
create table overbook_policies (
  organization_id uuid not null,
  provider_id uuid not null,
  appointment_type_id uuid,
  allowed boolean not null,
  -- Extra bookings at the same instant: lanes 1..max_at_once.
  max_at_once smallint not null check (max_at_once between 1 and 5),
  -- Overbookings starting in one clock hour / on one day of the location's zone; null: no cap.
  max_per_hour smallint check (max_per_hour between 1 and 50),
  max_per_day smallint check (max_per_day between 1 and 200),
  version int not null default 1,
  updated_at timestamptz not null,
  updated_by text,
  unique nulls not distinct (organization_id, provider_id, appointment_type_id),
  foreign key (organization_id, provider_id) references providers (organization_id, id),
  foreign key (organization_id, appointment_type_id) references appointment_types (organization_id, id),
  check (max_per_day is null or max_per_hour is null or max_per_hour <= max_per_day)
);

-- Lanes: 0 the normal one, 1..5 overbookings (the policy's max_at_once is the cap per provider).
alter table appointments drop constraint appointments_lane_check;
alter table appointments add constraint appointments_lane_check check (lane between 0 and 5);

-- The policy in force for a provider and type, and how much of it is used around one start:
-- the lowest lane free over `during`, and the overbookings starting in the same local hour and day.
create function overbook_allowance(
  p_org uuid, p_provider uuid, p_type uuid, p_location uuid, p_start timestamptz, p_during tstzrange,
  out allowed boolean, out max_at_once int, out free_lane int,
  out max_per_hour int, out used_hour int, out max_per_day int, out used_day int)
language plpgsql volatile as $$
declare
  tz text;
  local_start timestamp;
begin
  select coalesce(p.allowed, true) and t.allows_overbooking, coalesce(p.max_at_once, 1),
         p.max_per_hour, p.max_per_day
    into allowed, max_at_once, max_per_hour, max_per_day
    from appointment_types t
    left join lateral (
      select * from overbook_policies o
       where o.organization_id = p_org and o.provider_id = p_provider
         and (o.appointment_type_id = p_type or o.appointment_type_id is null)
       order by o.appointment_type_id nulls last limit 1) p on true
   where t.organization_id = p_org and t.id = p_type;
  allowed := coalesce(allowed, false);
  select time_zone into tz from locations where id = p_location;
  local_start := p_start at time zone coalesce(tz, 'UTC');
  select min(l) into free_lane from generate_series(1, max_at_once) l
   where not exists (
     select 1 from appointments a
      where a.organization_id = p_org and a.provider_id = p_provider and a.lane = l
        and a.during && p_during
        and a.status in ('held', 'booked', 'checked_in', 'completed', 'no_show'));
  select count(*) filter (where date_trunc('hour', a.starts_at at time zone coalesce(tz, 'UTC'))
                                = date_trunc('hour', local_start)),
         count(*)
    into used_hour, used_day
    from appointments a
   where a.organization_id = p_org and a.provider_id = p_provider and a.lane > 0
     and a.status in ('held', 'booked', 'checked_in', 'completed', 'no_show')
     and a.starts_at >= (date_trunc('day', local_start) at time zone coalesce(tz, 'UTC')) - interval '1 day'
     and a.starts_at < (date_trunc('day', local_start) at time zone coalesce(tz, 'UTC')) + interval '2 days'
     and date_trunc('day', a.starts_at at time zone coalesce(tz, 'UTC')) = date_trunc('day', local_start);
end $$;

-- Every overbooking (lane > 0) passes here before the row exists. One lock per provider and local
-- day serializes that provider's overbookings of the day, so the counts below see every committed
-- one (each statement of a volatile function takes a fresh snapshot): N simultaneous overbookings
-- over a cap leave exactly the cap. The lane asked for is replaced by the lowest free one; the
-- exclusion constraint (provider, lane, during) still refuses two bookings in one lane.
create function appointments_overbook_cap() returns trigger
language plpgsql as $$
declare
  r record;
  tz text;
begin
  if new.lane = 0 then return new; end if;
  select time_zone into tz from locations where id = new.location_id;
  perform pg_advisory_xact_lock(hashtextextended(
    'overbook:' || new.provider_id::text || ':'
      || (date_trunc('day', new.starts_at at time zone coalesce(tz, 'UTC')))::date::text, 0));
  select * into r from overbook_allowance(new.organization_id, new.provider_id,
    new.appointment_type_id, new.location_id, new.starts_at, new.during);
  if not r.allowed then
    raise exception 'overbook-not-allowed' using errcode = 'HGOB1', detail = 'not_allowed';
  end if;
  if r.free_lane is null then
    raise exception 'overbook-cap-reached' using errcode = 'HGOB2', detail = 'at_once';
  end if;
  if r.max_per_hour is not null and r.used_hour >= r.max_per_hour then
    raise exception 'overbook-cap-reached' using errcode = 'HGOB2', detail = 'per_hour';
  end if;
  if r.max_per_day is not null and r.used_day >= r.max_per_day then
    raise exception 'overbook-cap-reached' using errcode = 'HGOB2', detail = 'per_day';
  end if;
  new.lane := r.free_lane;
  return new;
end $$;

create trigger appointments_overbook_cap
  before insert on appointments
  for each row execute function appointments_overbook_cap();
