-- No-show risk from the clinic's own history, computed where the history is: only a score per
-- upcoming appointment leaves the database. The model (docs/guides/manager.md):
--   history = the organization's appointments that started before p_now and ended completed,
--   checked_in or no_show; b = its no-show rate. For an upcoming booked appointment, five groups
--   of the history — same type; same lead-time band (booked < 1, < 7, < 30 days ahead, or more);
--   same weekday; same hour (the location's zone); same patient — each give a rate smoothed toward
--   b with 2 pseudo-visits: (no-shows + 2b) / (visits + 2). The score is their mean (0..1).
create function no_show_risks(
  p_org uuid, p_now timestamptz, p_from timestamptz, p_to timestamptz,
  p_location uuid, p_providers uuid[])
returns table (appointment_id uuid, provider_id uuid, starts_at timestamptz, ends_at timestamptz,
               score float8)
language sql stable as $$
  with feat as (
    select a.id, a.provider_id, a.starts_at, a.ends_at, a.status, a.location_id,
           a.appointment_type_id as type_id, a.patient_id,
           case when a.starts_at - a.created_at < interval '1 day' then 0
                when a.starts_at - a.created_at < interval '7 days' then 1
                when a.starts_at - a.created_at < interval '30 days' then 2 else 3 end as lead,
           extract(isodow from a.starts_at at time zone l.time_zone)::int as dow,
           extract(hour from a.starts_at at time zone l.time_zone)::int as hr
      from appointments a join locations l on l.id = a.location_id
     where a.organization_id = p_org
       and ((a.starts_at < p_now and a.status in ('completed', 'checked_in', 'no_show'))
         or (a.status = 'booked' and a.starts_at >= greatest(p_now, p_from) and a.starts_at < p_to))),
  hist as (select *, (status = 'no_show')::int as ns from feat where starts_at < p_now
             and status in ('completed', 'checked_in', 'no_show')),
  b as (select coalesce(avg(ns), 0)::float8 as rate from hist),
  by_type as (select type_id, sum(ns) as ns, count(*) as n from hist group by type_id),
  by_lead as (select lead, sum(ns) as ns, count(*) as n from hist group by lead),
  by_dow as (select dow, sum(ns) as ns, count(*) as n from hist group by dow),
  by_hr as (select hr, sum(ns) as ns, count(*) as n from hist group by hr),
  by_patient as (select patient_id, sum(ns) as ns, count(*) as n from hist
                  where patient_id is not null group by patient_id),
  up as (select * from feat where status = 'booked' and starts_at >= greatest(p_now, p_from)
           and starts_at < p_to
           and (p_location is null or location_id = p_location)
           and (p_providers is null or provider_id = any(p_providers)))
  select up.id, up.provider_id, up.starts_at, up.ends_at,
         ((coalesce(t.ns, 0) + 2 * b.rate) / (coalesce(t.n, 0) + 2)
        + (coalesce(ld.ns, 0) + 2 * b.rate) / (coalesce(ld.n, 0) + 2)
        + (coalesce(d.ns, 0) + 2 * b.rate) / (coalesce(d.n, 0) + 2)
        + (coalesce(h.ns, 0) + 2 * b.rate) / (coalesce(h.n, 0) + 2)
        + (coalesce(p.ns, 0) + 2 * b.rate) / (coalesce(p.n, 0) + 2)) / 5
    from up cross join b
    left join by_type t on t.type_id = up.type_id
    left join by_lead ld on ld.lead = up.lead
    left join by_dow d on d.dow = up.dow
    left join by_hr h on h.hr = up.hr
    left join by_patient p on p.patient_id = up.patient_id
   order by 5 desc, up.starts_at, up.id
$$;
