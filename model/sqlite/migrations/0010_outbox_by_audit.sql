-- An outbox operation names the audit entry of its change instead of
-- holding a second copy of the entity: the audit entry's after-image (the
-- before-image for a deletion) is the payload. Operations queued before
-- keep their own payload.
ALTER TABLE outbox ADD COLUMN audit_seq INTEGER;
