-- Entries of sanctions lists (OFAC SDN, OpenSanctions/FollowTheMoney), each tied to an entity.
CREATE TABLE listings (
    id           TEXT PRIMARY KEY,
    list_name    TEXT NOT NULL,            -- e.g. "OFAC SDN"
    entry_id     TEXT NOT NULL,            -- the list's own id (ent_num, FtM id)
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,            -- person, company, organization, vessel, aircraft
    programs     TEXT NOT NULL DEFAULT '[]',   -- JSON list, e.g. ["BELARUS-EO14038"]
    aliases      TEXT NOT NULL DEFAULT '[]',   -- JSON list
    country      TEXT,
    listed_on    TEXT,
    entity_id    TEXT REFERENCES entities (id),
    source_path  TEXT,
    retrieved    TEXT NOT NULL,
    UNIQUE (list_name, entry_id)
);
CREATE INDEX listings_entity ON listings (entity_id);
