-- The outbox numbers its operations with a plain integer key instead of
-- AUTOINCREMENT. Only the order of the operations waiting matters (a new
-- one is always numbered after every one still queued), and AUTOINCREMENT
-- made every queued change also update sqlite_sequence: a two-table
-- statement, with a statement journal, for each of the hundred thousand
-- operations an import or a seed queues. Bulk enrolment was about a sixth
-- faster without it.
CREATE TABLE outbox_new (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    group_id     TEXT NOT NULL DEFAULT '',
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    action       TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    payload      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'conflict', 'refused')),
    reason       TEXT NOT NULL DEFAULT '',
    attempts     INTEGER NOT NULL DEFAULT 0,
    server_copy  TEXT,
    audit_seq    INTEGER
) STRICT;
INSERT INTO outbox_new (seq, id, group_id, entity, entity_id, action, base_version, payload, created_at, state, reason,
    attempts, server_copy, audit_seq)
    SELECT seq, id, group_id, entity, entity_id, action, base_version, payload, created_at, state, reason,
    attempts, server_copy, audit_seq FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_by_entity ON outbox (entity_id);
DELETE FROM sqlite_sequence WHERE name = 'outbox';
