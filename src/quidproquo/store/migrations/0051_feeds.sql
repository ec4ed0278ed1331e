-- Watched feeds: the validators of the last fetch (conditional requests) and what was seen.
CREATE TABLE feeds (
    url            TEXT PRIMARY KEY,         -- an http(s) URL or a file path
    etag           TEXT,
    last_modified  TEXT,
    content_hash   TEXT,                     -- of the last body read
    last_polled    TEXT,
    last_status    TEXT,                     -- ok, not_modified, failed
    last_error     TEXT,
    items          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE feed_items (
    feed_url      TEXT NOT NULL,
    item_key      TEXT NOT NULL,             -- the entry's id, else its link
    content_hash  TEXT NOT NULL,             -- of the text stored for it
    document_id   TEXT,
    seen_at       TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
