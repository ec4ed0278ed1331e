-- Any change to incidents, claims or links makes stored ledger results stale.
CREATE TRIGGER incidents_insert_version AFTER INSERT ON incidents
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER incidents_update_version AFTER UPDATE ON incidents
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER incidents_delete_version AFTER DELETE ON incidents
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER claims_insert_version AFTER INSERT ON claims
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER claims_update_version AFTER UPDATE ON claims
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER claims_delete_version AFTER DELETE ON claims
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER incident_links_insert_version AFTER INSERT ON incident_links
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER incident_links_update_version AFTER UPDATE ON incident_links
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER incident_links_delete_version AFTER DELETE ON incident_links
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;
