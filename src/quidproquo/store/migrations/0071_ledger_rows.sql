-- Each row of the ledger page (a release with its visits, concessions and denials) as the
-- page shows it (HTML) or as its JSON gives it (each made when first asked for), per window
-- and review setting, made on facts version `version` (facts_version, 0022) and shown while
-- that version holds; a row of an older version is made again when a page shows it
-- (ledger/stored.py).
CREATE TABLE ledger_rows (
    release_id     TEXT NOT NULL,
    window_days    INTEGER NOT NULL,
    accepted_only  INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    html           TEXT,
    json           TEXT,
    computed_at    TEXT NOT NULL,
    PRIMARY KEY (release_id, window_days, accepted_only)
);
