-- Full-text search: which rows are in the search index (the index itself differs by database:
-- FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL; see 0052_search.<dialect>.sql).
CREATE TABLE search_sources (
    kind       TEXT NOT NULL,               -- document, claim, quote, entity, incident
    object_id  TEXT NOT NULL,
    stamp      TEXT NOT NULL,               -- what the indexed text was made from, to see it change
    PRIMARY KEY (kind, object_id)
);
