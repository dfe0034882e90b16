-- Whether the front desk may overbook an appointment type (the extra lane, with a reason).
-- Existing types keep today's behaviour: allowed.
alter table appointment_types add column allows_overbooking boolean not null default true;
