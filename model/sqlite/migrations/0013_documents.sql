-- Contracts and the document vault.
--
-- A group's contract versions are the carrier's, synced to desktops in the
-- group's scope for whoever holds documents.view and never changed there.
CREATE TABLE contracts (
    id         TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL CHECK (number > 0),
    starts     TEXT NOT NULL,
    data       TEXT NOT NULL,  -- JSON of model.Contract
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (group_id, number)
) STRICT;

-- A document's metadata travels through the outbox and the change feed;
-- words is what search finds besides the title (the kind, tags, file names
-- and the names of the records it is linked to). The rowid is declared so
-- that VACUUM keeps it: the search index refers to it.
CREATE TABLE documents (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    group_id   TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    words      TEXT NOT NULL,
    data       TEXT NOT NULL,  -- JSON of model.Document
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX documents_by_group ON documents (group_id, kind);

-- A vault holds a few hundred documents a group, so the index is kept by
-- triggers (the statement journal they cost is small here), which also
-- follow a group's documents deleted with it.
CREATE VIRTUAL TABLE document_search USING fts5 (title, words, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO document_search (rowid, title, words) VALUES (new.rowid, new.title, new.words);
END;
CREATE TRIGGER documents_search_update AFTER UPDATE OF title, words ON documents BEGIN
    DELETE FROM document_search WHERE rowid = old.rowid;
    INSERT INTO document_search (rowid, title, words) VALUES (new.rowid, new.title, new.words);
END;
CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
    DELETE FROM document_search WHERE rowid = old.rowid;
END;

-- File content, kept in the database itself in chunks of 1 MiB, named by
-- the group and the SHA-256 of the whole file: a document and its content
-- are written in one transaction (nothing half-kept after a crash), a
-- download stores each chunk as it comes (a restart goes on from
-- received), and the database stays the one file to back up or move. Each
-- group keeps its own copy, so nobody learns whether another group holds a
-- file. On a desktop, uploaded says the account service has the content.
CREATE TABLE document_content (
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    sha256   TEXT NOT NULL,
    size     INTEGER NOT NULL CHECK (size > 0),
    received INTEGER NOT NULL DEFAULT 0 CHECK (received BETWEEN 0 AND size),
    complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
    uploaded INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1)),
    PRIMARY KEY (group_id, sha256)
) STRICT;

CREATE INDEX document_content_to_send ON document_content (uploaded, complete);

CREATE TABLE document_chunks (
    group_id TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    n        INTEGER NOT NULL CHECK (n >= 0),
    data     BLOB NOT NULL,
    PRIMARY KEY (group_id, sha256, n),
    FOREIGN KEY (group_id, sha256) REFERENCES document_content (group_id, sha256) ON DELETE CASCADE
) STRICT;
