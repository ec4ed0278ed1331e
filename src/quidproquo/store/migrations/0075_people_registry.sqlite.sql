-- Named *_version: benchmarks/generate.py drops these during a bulk load, like 0022's.
CREATE TRIGGER entities_insert_people_version AFTER INSERT ON entities
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER entities_update_people_version AFTER UPDATE ON entities
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER entities_delete_people_version AFTER DELETE ON entities
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER entity_aliases_insert_people_version AFTER INSERT ON entity_aliases
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER entity_aliases_update_people_version AFTER UPDATE ON entity_aliases
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER entity_aliases_delete_people_version AFTER DELETE ON entity_aliases
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER registry_entries_insert_people_version AFTER INSERT ON registry_entries
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER registry_entries_update_people_version AFTER UPDATE ON registry_entries
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER registry_entries_delete_people_version AFTER DELETE ON registry_entries
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER registry_matches_insert_people_version AFTER INSERT ON registry_matches
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER registry_matches_update_people_version AFTER UPDATE ON registry_matches
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER registry_matches_delete_people_version AFTER DELETE ON registry_matches
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER audit_log_insert_people_version AFTER INSERT ON audit_log
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER audit_log_update_people_version AFTER UPDATE ON audit_log
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER audit_log_delete_people_version AFTER DELETE ON audit_log
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
END;
