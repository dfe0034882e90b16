-- Availability reads every occupying appointment of the asked providers in a window, through the
-- exclusion constraint's index. With the columns those reads also need in the index (the status
-- and hold expiry that tell an expired hold, the id a reschedule excludes), PostgreSQL answers
-- them from the index alone instead of visiting one heap page per appointment (appointments of
-- one provider and fortnight lie on as many pages as they were booked at different times).
alter table appointments drop constraint appointments_no_double_booking;
alter table appointments add constraint appointments_no_double_booking exclude using gist
  (provider_id with =, lane with =, during with &&) include (status, hold_expires_at, id)
  where (status in ('held', 'booked', 'checked_in', 'completed', 'no_show'));
