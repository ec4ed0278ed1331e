-- Resolution: incidents (one happening, many mentions), their claims, links between them,
-- entities with aliases, the held-prisoner stock series and the review audit log.
-- Portable SQL (SQLite and PostgreSQL); triggers live in 0002_resolve_audit.<dialect>.sql.

CREATE TABLE incidents (
    id               TEXT PRIMARY KEY,      -- curated: YAML id; machine-made: 'inc-' + short hash
    type             TEXT NOT NULL,
    date_min         TEXT,
    date_max         TEXT,
    count            INTEGER,               -- consensus value; show with its agreement count
    count_qualifier  TEXT,
    instrument       TEXT,                  -- general_license, sdn_removal, permit, announcement, ...
    instrument_label TEXT,                  -- as the source words it, e.g. 'General License 13'
    actor            TEXT,
    target           TEXT,
    destination      TEXT,
    persons          TEXT NOT NULL DEFAULT '[]',   -- JSON list
    contested        INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'candidate',  -- candidate, accepted, rejected, corrected
    origin           TEXT NOT NULL,         -- curated, extracted
    notes            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX incidents_type_date ON incidents (type, date_min);

-- Every value of every property of an incident, with where it was stated.
CREATE TABLE claims (
    id              TEXT PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    property        TEXT NOT NULL,          -- date, count, destination, persons, actor, target, instrument
    value           TEXT,                   -- JSON; dates as {"min": .., "max": ..}
    qualifier       TEXT,
    attributed_to   TEXT,
    document_id     TEXT REFERENCES documents (id),
    event_id        TEXT REFERENCES events (id),
    source_url      TEXT,
    evidence        TEXT,
    sentence_start  INTEGER,
    sentence_end    INTEGER,
    status          TEXT NOT NULL DEFAULT 'candidate',
    origin          TEXT NOT NULL DEFAULT 'extracted',  -- curated, extracted
    as_of           TEXT,                   -- when the source's figure held, if it says
    note            TEXT,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL
);
CREATE INDEX claims_incident ON claims (incident_id, property);
CREATE INDEX claims_event ON claims (event_id);

CREATE TABLE incident_links (
    incident_id  TEXT NOT NULL,
    other_id     TEXT NOT NULL,             -- an incident id, or a claim id for 'denies'
    kind         TEXT NOT NULL,             -- linked, denies, reviewer
    source       TEXT,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (incident_id, other_id, kind)
);
CREATE INDEX incident_links_other ON incident_links (other_id);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- person, organization, company, government_body, place, country
    role        TEXT,
    attributes  TEXT NOT NULL DEFAULT '{}', -- JSON
    origin      TEXT NOT NULL               -- curated, extracted
);

CREATE TABLE entity_aliases (
    entity_id  TEXT NOT NULL REFERENCES entities (id),
    alias      TEXT NOT NULL,
    alias_key  TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_key ON entity_aliases (alias_key);

CREATE TABLE entity_mentions (
    entity_id    TEXT NOT NULL REFERENCES entities (id),
    incident_id  TEXT,
    event_id     TEXT,
    quote_id     TEXT,
    role         TEXT NOT NULL,             -- actor, target, person, speaker, destination
    mention      TEXT                       -- the name as written
);
CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id);

CREATE TABLE held_counts (
    id             TEXT PRIMARY KEY,
    as_of_min      TEXT,
    as_of_max      TEXT,
    count          INTEGER,
    qualifier      TEXT,
    attributed_to  TEXT,
    sources        TEXT NOT NULL DEFAULT '[]',  -- JSON list of URLs
    notes          TEXT,
    origin         TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'candidate'
);

-- Append-only and hash-chained: hash = sha256(prev_hash + canonical JSON of the row).
CREATE TABLE audit_log (
    seq          INTEGER NOT NULL UNIQUE,
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    object_type  TEXT NOT NULL,             -- event, quote, incident, claim, link
    object_id    TEXT NOT NULL,
    action       TEXT NOT NULL,             -- accept, reject, correct, link
    before       TEXT,
    after        TEXT,
    note         TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
