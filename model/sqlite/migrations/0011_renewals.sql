-- Renewals: each group's renewal (the carrier's offer, the group's answer
-- and where it stands; synced in the group's scope), the carrier's renewal
-- settings and renewal rate table (data it changes without a new
-- GroupDesk), and the renewal scenarios a desktop works out (its own
-- working papers, never synced).
CREATE TABLE renewals (
    id             TEXT PRIMARY KEY,
    group_id       TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    effective_date TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('available', 'draft', 'submitted', 'in_review', 'needs_information',
                                                   'accepted', 'auto_renewed', 'effective')),
    data           TEXT NOT NULL,  -- JSON of model.Renewal
    version        INTEGER NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (group_id, effective_date)
) STRICT;

CREATE INDEX renewals_by_status ON renewals (status, effective_date);

-- One row per state and segment ('' matches any): how long before the
-- renewal date the offer comes out, the notice the law requires, and the
-- last day to answer (a day of the month before, or a number of days).
CREATE TABLE renewal_settings (
    state       TEXT NOT NULL DEFAULT '',
    segment     TEXT NOT NULL DEFAULT '' CHECK (segment IN ('', 'small', 'large')),
    lead_days   INTEGER NOT NULL CHECK (lead_days > 0),
    notice_days INTEGER NOT NULL CHECK (notice_days >= 0 AND notice_days <= lead_days),
    cutoff_day  INTEGER NOT NULL DEFAULT 0 CHECK (cutoff_day BETWEEN 0 AND 28),
    cutoff_days INTEGER NOT NULL DEFAULT 0,
    source      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (state, segment)
) STRICT;

INSERT INTO renewal_settings (state, segment, lead_days, notice_days, cutoff_day, cutoff_days, source) VALUES
    ('', '', 75, 60, 10, 0, 'Online 75 days before the renewal date (Kaiser Permanente); answers by the 10th of the month before, else auto-renewal (Kaiser Washington)'),
    ('CA', 'small', 75, 60, 10, 0, 'California HSC §1374.21: written notice at least 60 days before a small group''s renewal'),
    ('CA', 'large', 135, 120, 10, 0, 'California HSC §1374.21: written notice at least 120 days before a large group''s renewal');

-- The carrier's renewal rates: a plan's rates (and changed benefits) for
-- renewals effective on or after from_date.
CREATE TABLE renewal_rates (
    plan_id   TEXT NOT NULL,
    from_date TEXT NOT NULL,
    data      TEXT NOT NULL,  -- JSON of model.RenewalRate
    PRIMARY KEY (plan_id, from_date)
) STRICT;

CREATE TABLE renewal_scenarios (
    id         TEXT PRIMARY KEY,
    renewal_id TEXT NOT NULL REFERENCES renewals (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    data       TEXT NOT NULL,  -- JSON of model.RenewalScenario
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX renewal_scenarios_by_renewal ON renewal_scenarios (renewal_id, updated_at);
