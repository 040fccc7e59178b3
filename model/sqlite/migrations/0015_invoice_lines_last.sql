-- An invoice's lines (one per billed family, megabytes for a large group)
-- move to the end of its row. SQLite keeps a long value in a chain of
-- overflow pages and reads the columns after it by walking that chain, so
-- every read of an invoice's version or time of change went through all
-- its lines: a group's invoices (what the billing screens and the billing
-- job read) took tens of milliseconds to list where the headers alone
-- take one.
CREATE TABLE invoices_new (
    id         TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    unit       TEXT NOT NULL DEFAULT '',
    period     TEXT NOT NULL,  -- YYYY-MM, the coverage month billed
    status     TEXT NOT NULL CHECK (status IN ('open', 'partially_paid', 'paid', 'past_due', 'in_grace', 'cancelled_nonpayment')),
    issued_on  TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    data       TEXT NOT NULL,  -- JSON of model.Invoice without its lines
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    lines      TEXT,           -- JSON of the lines and retroactive lines; NULL until fetched
    UNIQUE (group_id, unit, period)
) STRICT;
INSERT INTO invoices_new (id, group_id, unit, period, status, issued_on, due_on, data, version, updated_at, lines)
    SELECT id, group_id, unit, period, status, issued_on, due_on, data, version, updated_at, lines FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_new RENAME TO invoices;
CREATE INDEX invoices_by_due ON invoices (due_on, status);
