-- Quote and enroll: rating areas and custom age curves (the rest of the plan
-- catalog), saved quote scenarios (this desktop's own, never synced) and
-- enrollment applications of new groups (synced in the applicant's scope).
CREATE TABLE rating_areas (
    id         TEXT PRIMARY KEY,
    state      TEXT NOT NULL,
    zips       TEXT NOT NULL,  -- JSON array of ZIPs and three-digit prefixes
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE age_curves (
    name       TEXT PRIMARY KEY,
    factors    TEXT NOT NULL,  -- JSON array of 65 factors, ages 0-64
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE quote_scenarios (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    group_id   TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL,  -- JSON of model.QuoteScenario
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE applications (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'needs_information', 'approved', 'active')),
    legal_name TEXT NOT NULL,
    data       TEXT NOT NULL,  -- JSON of model.Application
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX applications_by_owner ON applications (owner_id, updated_at);
