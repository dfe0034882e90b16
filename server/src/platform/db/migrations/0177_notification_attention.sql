-- Notifications: the desk's list of messages that reached no patient (failed, or a carrier's final
-- "undelivered"), by organization and visit time. Partial: such messages are few.
create index notification_messages_attention
  on notification_messages (organization_id, appointment_start)
  where status = 'failed' or delivery_status in ('undelivered', 'failed');
