-- How an organization's day runs at the desk: when check-in opens before a visit's start and
-- closes after it, and how early a telehealth visit's video may be joined. One row per
-- organization; one without a row uses the defaults in booking.visit-window.ts (60, 30, 10).
create table visit_policies (
  organization_id uuid primary key references organizations (id),
  check_in_opens_minutes_before int not null check (check_in_opens_minutes_before between 0 and 240),
  check_in_closes_minutes_after int not null check (check_in_closes_minutes_after between 0 and 240),
  video_join_opens_minutes_before int not null check (video_join_opens_minutes_before between 0 and 60),
  version int not null default 1,
  updated_at timestamptz not null,
  updated_by text not null
);
