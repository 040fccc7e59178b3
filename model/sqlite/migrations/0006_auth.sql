-- The account service's sign-in: passwords, OAuth clients, authorization
-- requests and codes, access and refresh tokens, device authorizations,
-- access codes and the outgoing mail. A desktop database keeps these tables
-- empty.
--
-- Secrets (authorization codes, tokens, device codes, access codes) are
-- stored only as the hex SHA-256 of their value. Instants are TEXT in a
-- fixed-width UTC form ('2006-01-02T15:04:05.000000000Z', '' when unset) so
-- that comparing the text compares the instants.

CREATE TABLE credentials (
    user_id      TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    hash         TEXT NOT NULL,            -- argon2id, PHC string format
    failures     INTEGER NOT NULL DEFAULT 0,
    retry_at     TEXT NOT NULL DEFAULT '',  -- no attempt before this instant
    locked_until TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE oauth_clients (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    app_type      TEXT NOT NULL CHECK (app_type IN ('native', 'web')),
    redirect_uris TEXT NOT NULL,  -- JSON array; loopback ones match any port
    grant_types   TEXT NOT NULL,  -- JSON array
    scopes        TEXT NOT NULL   -- JSON array of the scopes beyond OpenID's
) STRICT;

-- The desktop app: a public native client (RFC 8252) that signs in through
-- the system browser with a loopback redirect, or with a device code.
INSERT INTO oauth_clients (id, name, app_type, redirect_uris, grant_types, scopes) VALUES (
    'groupdesk-desktop', 'GroupDesk', 'native',
    '["http://127.0.0.1/callback","http://[::1]/callback"]',
    '["authorization_code","refresh_token","urn:ietf:params:oauth:grant-type:device_code"]',
    '["sync"]');

CREATE TABLE auth_requests (
    id              TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    redirect_uri    TEXT NOT NULL,
    scopes          TEXT NOT NULL,  -- JSON array
    state           TEXT NOT NULL DEFAULT '',
    nonce           TEXT NOT NULL DEFAULT '',
    response_type   TEXT NOT NULL,
    response_mode   TEXT NOT NULL DEFAULT '',
    code_challenge  TEXT NOT NULL,
    code_method     TEXT NOT NULL CHECK (code_method = 'S256'),
    user_id         TEXT NOT NULL DEFAULT '',
    auth_time       TEXT NOT NULL DEFAULT '',
    code_hash       TEXT UNIQUE,
    code_at         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
) STRICT;

-- Refresh tokens rotate: each use marks the token used and issues the next
-- one of the same family. A used token presented again revokes the family.
CREATE TABLE refresh_tokens (
    id         TEXT PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    family_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    amr        TEXT NOT NULL DEFAULT '[]',
    auth_time  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT NOT NULL DEFAULT '',
    revoked_at TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);

CREATE TABLE access_tokens (
    id         TEXT PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    family_id  TEXT NOT NULL DEFAULT '',  -- the refresh family it came with
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX access_tokens_by_family ON access_tokens (family_id);

-- RFC 8628: the device polls with its device code while the person enters
-- the user code on the service's page.
CREATE TABLE device_authorizations (
    id               TEXT PRIMARY KEY,
    device_code_hash TEXT NOT NULL UNIQUE,
    user_code        TEXT NOT NULL UNIQUE,
    client_id        TEXT NOT NULL,
    scopes           TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'denied', 'issued')),
    user_id          TEXT NOT NULL DEFAULT '',
    auth_time        TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL
) STRICT;

CREATE TABLE access_codes (
    id         TEXT PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('pga', 'invite')),
    group_id   TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    email      TEXT NOT NULL,
    name       TEXT NOT NULL,
    firm       TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT NOT NULL DEFAULT '',
    used_by    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX access_codes_by_group ON access_codes (group_id);

CREATE TABLE mail (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT NOT NULL DEFAULT ''
) STRICT;

-- Keys the service generates at first start: the RSA key that signs ID
-- tokens and the AES key that seals authorization codes and access tokens.
CREATE TABLE auth_keys (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL UNIQUE CHECK (kind IN ('rsa', 'aes')),
    secret     BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
