-- Notifications (#13): messages planned before migration 0130 carry no appointment type. Their
-- appointment's type is theirs too (a reschedule plans new messages, so a message's appointment
-- never changes type): with it, their action links get the one-time code path and delivery uses
-- the type's channel order, as for every later message.
update notification_messages m
   set appointment_type_id = a.appointment_type_id
  from appointments a
 where a.id = m.appointment_id
   and m.appointment_type_id is null;
