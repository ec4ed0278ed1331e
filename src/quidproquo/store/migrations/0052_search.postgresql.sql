CREATE TABLE search_index (
    kind         TEXT NOT NULL,
    object_id    TEXT NOT NULL,
    document_id  TEXT,
    incident_id  TEXT,
    span_start   INTEGER,
    span_end     INTEGER,
    label        TEXT,
    body         TEXT NOT NULL,
    keys         TEXT NOT NULL,
    tsv          tsvector GENERATED ALWAYS AS (
        to_tsvector('english', body) || to_tsvector('simple', keys)
    ) STORED
);
CREATE INDEX search_index_tsv ON search_index USING GIN (tsv);
CREATE INDEX search_index_object ON search_index (kind, object_id);
