-- Billing: each group's monthly invoices (synced in the group's scope;
-- their lines stay where the invoice was made and are fetched when
-- wanted), payments (made on a desktop, drawn by the account service),
-- each group's billing account, the billing rules (grace periods and the
-- billing calendar, as data), and the account service's record of how it
-- last billed each family, which the next invoice compares with.

CREATE TABLE invoices (
    id         TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    unit       TEXT NOT NULL DEFAULT '',
    period     TEXT NOT NULL,  -- YYYY-MM, the coverage month billed
    status     TEXT NOT NULL CHECK (status IN ('open', 'partially_paid', 'paid', 'past_due', 'in_grace', 'cancelled_nonpayment')),
    issued_on  TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    data       TEXT NOT NULL,  -- JSON of model.Invoice without its lines
    lines      TEXT,           -- JSON of the lines and retroactive lines; NULL until fetched
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (group_id, unit, period)
) STRICT;

CREATE INDEX invoices_by_due ON invoices (due_on, status);

-- On a desktop the bank account number is masked; the full number travels
-- only in the outbox operation that sends a payment, and stays on the
-- account service, which draws it.
CREATE TABLE payments (
    id           TEXT PRIMARY KEY,
    group_id     TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    invoice_id   TEXT NOT NULL,
    unit         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('scheduled', 'processed', 'returned', 'cancelled')),
    pay_on       TEXT NOT NULL,
    processed_on TEXT NOT NULL DEFAULT '',
    data         TEXT NOT NULL,  -- JSON of model.Payment
    version      INTEGER NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX payments_by_group ON payments (group_id, unit, pay_on);
CREATE INDEX payments_by_status ON payments (status, pay_on);
CREATE INDEX payments_by_day ON payments (processed_on);

CREATE TABLE billing_accounts (
    id         TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL UNIQUE REFERENCES groups (id) ON DELETE CASCADE,
    data       TEXT NOT NULL,  -- JSON of model.BillingAccount
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- One row per carrier and state ('' matches any): the grace period, and
-- the days of the month before coverage the invoice is issued and due.
CREATE TABLE billing_rules (
    carrier    TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL DEFAULT '',
    grace_days INTEGER NOT NULL CHECK (grace_days BETWEEN 1 AND 90),
    issue_day  INTEGER NOT NULL CHECK (issue_day BETWEEN 1 AND 28),
    due_day    INTEGER NOT NULL CHECK (due_day BETWEEN issue_day AND 28),
    source     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (carrier, state)
) STRICT;

INSERT INTO billing_rules (carrier, state, grace_days, issue_day, due_day, source) VALUES
    ('', '', 30, 1, 20, 'Default: a 30-day grace period; invoices on the 1st, due the 20th of the month before coverage'),
    ('', 'CA', 30, 1, 20, 'California: grace period of at least 30 days after the last day of paid coverage (HSC §1365(a)(1)(A), 28 CCR §1300.65.2, 10 CCR §2274.53)'),
    ('', 'WA', 10, 1, 20, 'Washington: Kaiser Permanente group agreement, premium subject to a grace period of 10 days');

-- The account service's record of each family as it last billed it
-- (model.BillingSnapshot) with a digest of its roster then: a family whose
-- digest still matches needs no retroactive lines.
CREATE TABLE billing_snapshots (
    subscriber_id TEXT PRIMARY KEY,
    group_id      TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    unit          TEXT NOT NULL DEFAULT '',
    fingerprint   INTEGER NOT NULL,
    data          TEXT NOT NULL
) STRICT;

CREATE INDEX billing_snapshots_by_unit ON billing_snapshots (group_id, unit);
