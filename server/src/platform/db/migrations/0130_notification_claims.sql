-- Notifications (#13), the remaining gaps: batched claims and the type's channel order.
-- The appointment type a message was planned for (its plan's channel order is used at delivery;
-- older rows without it use the organization's). Never rendered: templates cannot name a type.
alter table notification_messages add column appointment_type_id uuid;
-- When a worker claimed the message (`sending`); shown in staff's message log.
alter table notification_messages add column claimed_at timestamptz;
-- Workers claim due messages in batches, oldest first (`for update skip locked`), on the
-- partial index `notification_messages_due` of 0090.
