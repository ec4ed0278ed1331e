-- Dated versions of a sanctions list and the entries each held, so that what changed between
-- two versions (removals, additions) and what was designated on a given day can be told.
CREATE TABLE list_versions (
    id            TEXT PRIMARY KEY,
    list_name     TEXT NOT NULL,
    published     TEXT NOT NULL,            -- ISO date the version was published (or observed)
    content_hash  TEXT NOT NULL,            -- sha256 of its entries, whatever the file format
    entries       INTEGER NOT NULL,
    source_path   TEXT,
    source_url    TEXT,
    retrieved     TEXT NOT NULL,
    UNIQUE (list_name, content_hash)
);
CREATE INDEX list_versions_published ON list_versions (list_name, published);

CREATE TABLE list_version_entries (
    version_id  TEXT NOT NULL REFERENCES list_versions (id),
    listing_id  TEXT NOT NULL REFERENCES listings (id),
    PRIMARY KEY (version_id, listing_id)
);
CREATE INDEX list_version_entries_listing ON list_version_entries (listing_id);

ALTER TABLE listings ADD COLUMN addresses TEXT NOT NULL DEFAULT '[]';
