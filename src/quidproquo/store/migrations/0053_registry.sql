-- Rights groups' registries of named prisoners, reconciled with the known entities; matches
-- the names alone cannot settle wait in the review queue (registry_matches).
CREATE TABLE registry_entries (
    id           TEXT PRIMARY KEY,
    registry     TEXT NOT NULL,              -- the registry's name
    name         TEXT NOT NULL,
    birth_year   INTEGER,
    charges      TEXT,
    sentence     TEXT,
    arrest_date  TEXT,                       -- YYYY, YYYY-MM or YYYY-MM-DD
    status       TEXT,                       -- as the registry words it
    url          TEXT,
    entity_id    TEXT,                       -- set when the name settles it (or a new entity)
    as_of        TEXT NOT NULL,              -- the day the registry lists it
    source_path  TEXT,
    source_url   TEXT,
    retrieved    TEXT NOT NULL
);
CREATE INDEX registry_entries_entity ON registry_entries (entity_id);

CREATE TABLE registry_matches (
    id          TEXT PRIMARY KEY,
    entry_id    TEXT NOT NULL REFERENCES registry_entries (id),
    entity_id   TEXT NOT NULL,               -- the known entity the entry may be
    reason      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'candidate',   -- accepted: the same person
    created_at  TEXT NOT NULL
);
CREATE INDEX registry_matches_entry ON registry_matches (entry_id);
