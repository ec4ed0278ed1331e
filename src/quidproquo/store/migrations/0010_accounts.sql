-- Accounts for the web app and the API (issue 11). Secrets are never stored: passwords and
-- API-token secrets as argon2id hashes, sessions as the SHA-256 of a 256-bit random token.
CREATE TABLE accounts (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL,              -- reviewer or admin
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,             -- the public part of the token
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    secret_hash  TEXT NOT NULL,
    label        TEXT,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,              -- sha256 of the cookie value
    account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX api_tokens_account ON api_tokens (account_id);
