-- Results computed from all the facts (the chance test) are stored with the facts version
-- they were computed on; triggers bump the version whenever incidents, claims or links
-- change, so a stored result is used until the facts it rests on change.
CREATE TABLE facts_version (
    id       INTEGER PRIMARY KEY,
    version  INTEGER NOT NULL
);
INSERT INTO facts_version (id, version) VALUES (1, 0);

CREATE TABLE ledger_results (
    name           TEXT NOT NULL,          -- chance_tests
    window_days    INTEGER NOT NULL,
    accepted_only  INTEGER NOT NULL,
    version        INTEGER NOT NULL,       -- facts_version when computed
    result         TEXT,                   -- JSON
    computed_at    TEXT NOT NULL,
    PRIMARY KEY (name, window_days, accepted_only)
);
