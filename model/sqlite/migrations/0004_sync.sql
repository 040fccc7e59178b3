-- Sync with the account service.
--
-- On the account service: the change feed (one row per entity holding its
-- latest state, so a reader catching up gets each entity once; deletions stay
-- as tombstones) and the answers to the operations it applied, kept so that
-- a retried operation gets the same answer and is applied once.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id  TEXT NOT NULL DEFAULT '',
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL UNIQUE,
    version   INTEGER NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    data      TEXT,
    at        TEXT NOT NULL
) STRICT;

CREATE INDEX changes_by_group ON changes (group_id, seq);

CREATE TABLE applied_ops (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    result     TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;

-- On the desktop: the server's copy of an entity whose operation met a
-- conflict, kept beside the local copy until the user decides.
ALTER TABLE outbox ADD COLUMN server_copy TEXT;
