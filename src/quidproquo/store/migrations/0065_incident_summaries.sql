-- Each incident's claims summed up (ledger/summaries.py): claim sets, whether the sources
-- disagree, source URLs, the ledger's values of each property, the latest publication date.
-- A row is deleted by triggers whenever the incident's claims (or a document they cite)
-- change, and made again by the next read.
CREATE TABLE incident_summaries (
    incident_id   TEXT PRIMARY KEY,
    claim_sets    TEXT NOT NULL,      -- JSON: property -> [{"value", "sources"}]
    disputed      INTEGER NOT NULL,   -- the sources disagree (is_contested)
    claim_count   INTEGER NOT NULL,
    urls          TEXT NOT NULL,      -- JSON list of the source URLs
    claim_values  TEXT NOT NULL,      -- JSON: property -> the ledger's values (ClaimValue)
    published     TEXT,
    computed_at   TEXT NOT NULL
);
