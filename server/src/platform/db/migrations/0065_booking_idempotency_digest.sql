-- An Idempotency-Key remembers which request it was first sent with: a SHA-256 digest of the
-- parsed body. A retry with the same body gets the first answer again; the same key with another
-- body is refused (422 idempotency-key-reused). Keys saved before this migration have no digest
-- and keep answering as they did.
alter table booking_idempotency add column request_digest text;
