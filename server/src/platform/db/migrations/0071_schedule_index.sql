-- The staff console's schedule of one location: the appointments and live holds that start in a
-- date range, in (start, id) order for keyset paging. The exclusion index answers by provider;
-- this one answers by location, and carries what the schedule's filters and its ETag read
-- (provider, status, hold expiry, version), so those are answered from the index alone.
create index appointments_schedule on appointments (location_id, starts_at, id)
  include (organization_id, provider_id, status, hold_expires_at, version)
  where status in ('held', 'booked', 'checked_in', 'completed', 'no_show');
