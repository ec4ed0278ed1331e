CREATE TRIGGER claims_insert_summary AFTER INSERT ON claims
BEGIN
    DELETE FROM incident_summaries WHERE incident_id = NEW.incident_id;
END;

CREATE TRIGGER claims_update_summary AFTER UPDATE ON claims
BEGIN
    DELETE FROM incident_summaries WHERE incident_id IN (OLD.incident_id, NEW.incident_id);
END;

CREATE TRIGGER claims_delete_summary AFTER DELETE ON claims
BEGIN
    DELETE FROM incident_summaries WHERE incident_id = OLD.incident_id;
END;

CREATE TRIGGER incidents_delete_summary AFTER DELETE ON incidents
BEGIN
    DELETE FROM incident_summaries WHERE incident_id = OLD.id;
END;

CREATE TRIGGER documents_update_summary AFTER UPDATE OF url, published ON documents
BEGIN
    DELETE FROM incident_summaries
        WHERE incident_id IN (SELECT incident_id FROM claims WHERE document_id = NEW.id);
END;
