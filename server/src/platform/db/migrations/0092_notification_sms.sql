-- SMS (#13): an inbound reply is matched to the last message sent to its number. The number is
-- kept only as a keyed digest (HMAC-SHA256 under the SMS account's token), never in clear.
alter table notification_messages add column recipient_digest bytea;
create index notification_messages_recipient on notification_messages (recipient_digest, sent_at desc)
  where recipient_digest is not null;
