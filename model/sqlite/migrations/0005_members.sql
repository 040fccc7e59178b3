-- Member maintenance: the rules table (life-event windows and effective-date
-- rules, retro-termination limits) kept as data so that it can be edited
-- without a release; the life events reported for families; and the
-- imports applied, so that the last one can be undone.

-- A rule with an empty state or segment applies to any; the most specific
-- rule wins (model.Rules.EventFor).
CREATE TABLE event_rules (
    state          TEXT NOT NULL DEFAULT '',
    segment        TEXT NOT NULL DEFAULT '' CHECK (segment IN ('', 'small', 'large')),
    event          TEXT NOT NULL,
    window_days    INTEGER NOT NULL CHECK (window_days > 0),
    effective_rule TEXT NOT NULL CHECK (effective_rule IN ('event_date', 'first_of_month_after_request', 'first_of_month_after_event')),
    source         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (state, segment, event)
) STRICT;

-- HIPAA special enrollment minimums (DOMAIN.md §2.4): 30 days, 60 for
-- Medicaid/CHIP; birth, adoption and placement effective on the event,
-- the others on the first of the month after the request.
INSERT INTO event_rules (event, window_days, effective_rule, source) VALUES
    ('marriage', 30, 'first_of_month_after_request', 'HIPAA special enrollment (federal minimum)'),
    ('domestic_partner', 30, 'first_of_month_after_request', 'Plan terms (federal minimum applied)'),
    ('birth', 30, 'event_date', 'HIPAA special enrollment (federal minimum)'),
    ('adoption', 30, 'event_date', 'HIPAA special enrollment (federal minimum)'),
    ('placement', 30, 'event_date', 'HIPAA special enrollment (federal minimum)'),
    ('loss_of_coverage', 30, 'first_of_month_after_request', 'HIPAA special enrollment (federal minimum)'),
    ('court_order', 30, 'first_of_month_after_request', 'HIPAA special enrollment (federal minimum)'),
    ('medicaid_chip_loss', 60, 'first_of_month_after_request', 'CHIPRA 2009: 60 days for Medicaid/CHIP events'),
    ('medicaid_chip_assistance', 60, 'first_of_month_after_request', 'CHIPRA 2009: 60 days for Medicaid/CHIP events');

-- California small group: 60 days for every triggering event (Kaiser
-- Permanente small business enrollment form, 2017).
INSERT INTO event_rules (state, segment, event, window_days, effective_rule, source)
    SELECT 'CA', 'small', event, 60, effective_rule, 'California small group: 60 days for every triggering event'
    FROM event_rules WHERE state = '' AND segment = '';

CREATE TABLE retro_rules (
    carrier TEXT NOT NULL DEFAULT '',
    state   TEXT NOT NULL DEFAULT '',
    kind    TEXT NOT NULL CHECK (kind IN ('first_of_current_month', 'days', 'none')),
    days    INTEGER NOT NULL DEFAULT 0 CHECK (days >= 0),
    source  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (carrier, state)
) STRICT;

INSERT INTO retro_rules (kind, source) VALUES
    ('first_of_current_month', 'Default: no termination before the first of the month the request is made in (DOMAIN.md §2.5)');

CREATE TABLE life_events (
    id            TEXT PRIMARY KEY,
    group_id      TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    subscriber_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    member_id     TEXT NOT NULL DEFAULT '',
    event         TEXT NOT NULL,
    event_date    TEXT NOT NULL,
    reported_on   TEXT NOT NULL,
    window_closes TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'enrolled')),
    note          TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX life_events_by_group ON life_events (group_id, status, window_closes);
CREATE INDEX life_events_by_subscriber ON life_events (subscriber_id);

-- An applied import: its audit entries are the rows of the audit log from
-- first_seq to last_seq with its batch ID, holding the before-images an
-- undo restores.
CREATE TABLE import_batches (
    id         TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    file       TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    actor      TEXT NOT NULL,
    adds       INTEGER NOT NULL,
    changes    INTEGER NOT NULL,
    terms      INTEGER NOT NULL,
    first_seq  INTEGER NOT NULL,
    last_seq   INTEGER NOT NULL,
    undone_at  TEXT NOT NULL DEFAULT '',
    undo_batch TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX import_batches_by_group ON import_batches (group_id, applied_at);
