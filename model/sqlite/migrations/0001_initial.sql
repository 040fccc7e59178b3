-- GroupDesk local database: groups, plans, members, access, audit log, outbox.
-- Civil dates are TEXT 'YYYY-MM-DD' ('' when unset); instants are TEXT
-- RFC 3339 in UTC; money is INTEGER cents.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE groups (
    id             TEXT PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    sort_key       TEXT NOT NULL,
    fein           TEXT NOT NULL DEFAULT '',
    industry       TEXT NOT NULL DEFAULT '',
    segment        TEXT NOT NULL CHECK (segment IN ('small', 'large')),
    addr_line1     TEXT NOT NULL DEFAULT '',
    addr_line2     TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL DEFAULT '',
    zip            TEXT NOT NULL DEFAULT '',
    rating_area    TEXT NOT NULL DEFAULT '',
    effective_date TEXT NOT NULL,
    renewal_date   TEXT NOT NULL DEFAULT '',
    delivery       TEXT NOT NULL DEFAULT 'online' CHECK (delivery IN ('online', 'paper')),
    autopay        INTEGER NOT NULL DEFAULT 0,
    billing_units  TEXT NOT NULL DEFAULT '[]',
    contact_name   TEXT NOT NULL DEFAULT '',
    contact_email  TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE plans (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    metal      TEXT NOT NULL,
    year       INTEGER NOT NULL DEFAULT 0,
    benefits   TEXT NOT NULL,  -- JSON of model.Benefits
    rating     TEXT NOT NULL,  -- JSON of model.Rating
    successor  TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE members (
    rowid              INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    group_id           TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    subscriber_id      TEXT REFERENCES members (id) ON DELETE CASCADE,
    employee_id        TEXT NOT NULL,
    relationship       TEXT NOT NULL CHECK (relationship IN ('employee', 'spouse', 'domestic_partner', 'child', 'other')),
    first_name         TEXT NOT NULL,
    middle_name        TEXT NOT NULL DEFAULT '',
    last_name          TEXT NOT NULL,
    sort_key           TEXT NOT NULL,  -- folded "last first" for sorting by name
    date_of_birth      TEXT NOT NULL,
    gender             TEXT NOT NULL DEFAULT 'U',
    ssn                TEXT NOT NULL DEFAULT '',
    ssn_last4          TEXT NOT NULL DEFAULT '',
    tobacco            INTEGER NOT NULL DEFAULT 0,
    email              TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    addr_line1         TEXT NOT NULL DEFAULT '',
    addr_line2         TEXT NOT NULL DEFAULT '',
    city               TEXT NOT NULL DEFAULT '',
    state              TEXT NOT NULL DEFAULT '',
    zip                TEXT NOT NULL DEFAULT '',
    hire_date          TEXT NOT NULL DEFAULT '',
    employment_status  TEXT NOT NULL DEFAULT '',
    hours_weekly       INTEGER NOT NULL DEFAULT 0,
    department         TEXT NOT NULL DEFAULT '',
    salary_cents       INTEGER NOT NULL DEFAULT 0,
    plan_id            TEXT NOT NULL DEFAULT '',
    tier               TEXT NOT NULL CHECK (tier IN ('EE', 'ES', 'EC', 'FAM')),
    status             TEXT NOT NULL CHECK (status IN ('active', 'pending', 'cobra', 'terminated')),
    effective_date     TEXT NOT NULL,
    termination_date   TEXT NOT NULL DEFAULT '',
    termination_reason TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX members_by_name ON members (group_id, sort_key);
CREATE INDEX members_by_employee ON members (group_id, employee_id);
CREATE INDEX members_by_birth ON members (group_id, date_of_birth);
CREATE INDEX members_by_subscriber ON members (subscriber_id);

-- Full-text search over names, employee IDs and the last four of the SSN.
-- Names are indexed in their folded form (sort_key: lower case, diacritics
-- and letters such as Ł and Ø folded, so Lukasz finds Łukasz and Muller finds
-- Müller); 1-3 character prefixes are indexed so search-as-you-type stays
-- fast from the first keystroke.
CREATE VIRTUAL TABLE member_search USING fts5 (
    name, employee_id, ssn_last4,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE TRIGGER members_search_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_search (rowid, name, employee_id, ssn_last4)
    VALUES (new.rowid, new.sort_key, new.employee_id, new.ssn_last4);
END;

CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN
    DELETE FROM member_search WHERE rowid = old.rowid;
END;

CREATE TRIGGER members_search_update AFTER UPDATE OF sort_key, employee_id, ssn_last4 ON members BEGIN
    DELETE FROM member_search WHERE rowid = old.rowid;
    INSERT INTO member_search (rowid, name, employee_id, ssn_last4)
    VALUES (new.rowid, new.sort_key, new.employee_id, new.ssn_last4);
END;

CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('employer', 'broker', 'carrier')),
    firm       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE grants (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id   TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    granted_by TEXT NOT NULL DEFAULT '',
    granted_at TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (user_id, group_id)
) STRICT;

-- The audit log: one row per change, hash-chained (hash covers prev_hash and
-- every other column), never updated.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    actor_id  TEXT NOT NULL,
    group_id  TEXT NOT NULL DEFAULT '',
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    summary   TEXT NOT NULL DEFAULT '',
    before    TEXT,
    after     TEXT,
    batch     TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

CREATE INDEX audit_by_entity ON audit (entity_id, seq);

-- Local changes waiting to reach the account service, in push order. The id
-- is the idempotency key.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
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
    attempts     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX outbox_by_entity ON outbox (entity_id);
