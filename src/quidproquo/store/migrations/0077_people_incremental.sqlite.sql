CREATE TABLE people_registry (
    person_key TEXT PRIMARY KEY,
    rank       INTEGER NOT NULL,   -- the status's place in STATUSES
    sort_name  TEXT NOT NULL,      -- the name folded
    status     TEXT NOT NULL,
    person     TEXT NOT NULL       -- JSON: the person with their facts
);
CREATE INDEX people_registry_order ON people_registry (rank, sort_name, person_key);

-- Incidents changed since the registry was last brought up to date; '*' asks for a whole build.
CREATE TABLE people_dirty (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id TEXT NOT NULL
);

-- Named *_version: benchmarks/generate.py drops these during a bulk load.
CREATE TRIGGER incidents_insert_people_dirty_version AFTER INSERT ON incidents
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (NEW.id);
END;

CREATE TRIGGER incidents_update_people_dirty_version AFTER UPDATE ON incidents
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (OLD.id);
    INSERT INTO people_dirty (incident_id) SELECT NEW.id WHERE NEW.id <> OLD.id;
END;

CREATE TRIGGER incidents_delete_people_dirty_version AFTER DELETE ON incidents
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (OLD.id);
END;

CREATE TRIGGER claims_insert_people_dirty_version AFTER INSERT ON claims
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (NEW.incident_id);
END;

CREATE TRIGGER claims_update_people_dirty_version AFTER UPDATE ON claims
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (OLD.incident_id);
    INSERT INTO people_dirty (incident_id) SELECT NEW.incident_id
        WHERE NEW.incident_id <> OLD.incident_id;
END;

CREATE TRIGGER claims_delete_people_dirty_version AFTER DELETE ON claims
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (OLD.incident_id);
END;

CREATE TRIGGER incident_links_insert_people_dirty_version AFTER INSERT ON incident_links
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (NEW.incident_id), (NEW.other_id);
END;

CREATE TRIGGER incident_links_update_people_dirty_version AFTER UPDATE ON incident_links
BEGIN
    INSERT INTO people_dirty (incident_id)
        VALUES (OLD.incident_id), (OLD.other_id), (NEW.incident_id), (NEW.other_id);
END;

CREATE TRIGGER incident_links_delete_people_dirty_version AFTER DELETE ON incident_links
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (OLD.incident_id), (OLD.other_id);
END;

-- A document matters by its address only (`_source` reads no other column of it).
CREATE TRIGGER documents_update_people_dirty_version AFTER UPDATE OF url ON documents
BEGIN
    INSERT INTO people_dirty (incident_id)
        SELECT DISTINCT incident_id FROM claims WHERE document_id = NEW.id;
END;

CREATE TRIGGER documents_delete_people_dirty_version AFTER DELETE ON documents
BEGIN
    INSERT INTO people_dirty (incident_id)
        SELECT DISTINCT incident_id FROM claims WHERE document_id = OLD.id;
END;

-- A reviewer's correction of an incident changes the date it shows; no other entry of the
-- audit log changes the registry (a registry match's decision is in registry_matches).
DROP TRIGGER audit_log_insert_people_version;
DROP TRIGGER audit_log_update_people_version;
DROP TRIGGER audit_log_delete_people_version;
CREATE TRIGGER audit_log_insert_people_dirty_version AFTER INSERT ON audit_log
    WHEN NEW.object_type = 'incident' AND NEW.action = 'correct'
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES (NEW.object_id);
END;
