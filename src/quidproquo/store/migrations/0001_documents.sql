-- Sources and what extraction found in them. Ids are stable text keys (content hashes),
-- so the same SQL serves SQLite and PostgreSQL.

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,          -- first 16 hex digits of content_hash
    content_hash  TEXT NOT NULL UNIQUE,      -- sha256 of the normalised text
    kind          TEXT NOT NULL,             -- text, html, feed, jsonl, curated
    url           TEXT,
    publisher     TEXT,
    title         TEXT,
    published     TEXT,                      -- ISO date or date-time, as the source gives it
    retrieved     TEXT NOT NULL,             -- when quidproquo read it
    language      TEXT,
    source_path   TEXT,
    text          TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'ingested',   -- ingested, extracted
    extracted_at  TEXT
);
CREATE INDEX documents_published ON documents (published);

-- One row per event as one sentence states it (a mention, not yet an incident).
CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents (id),
    type            TEXT NOT NULL,
    date_min        TEXT,
    date_max        TEXT,
    count           INTEGER,
    count_qualifier TEXT,
    actor           TEXT,
    target          TEXT,
    persons         TEXT NOT NULL DEFAULT '[]',   -- JSON list
    destination     TEXT,
    modality        TEXT NOT NULL DEFAULT 'asserted',
    instrument      TEXT,
    evidence        TEXT NOT NULL,
    sentence_start  INTEGER,
    sentence_end    INTEGER,
    status          TEXT NOT NULL DEFAULT 'candidate',  -- candidate, accepted, rejected, corrected
    created_at      TEXT NOT NULL
);
CREATE INDEX events_document ON events (document_id);
CREATE INDEX events_type_date ON events (type, date_min);

CREATE TABLE quotes (
    id              TEXT PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents (id),
    speaker         TEXT,
    text            TEXT NOT NULL,
    quote_start     INTEGER,
    quote_end       INTEGER,
    sentence_start  INTEGER,
    sentence_end    INTEGER,
    status          TEXT NOT NULL DEFAULT 'candidate',
    created_at      TEXT NOT NULL
);
CREATE INDEX quotes_document ON quotes (document_id);
