CREATE TRIGGER summaries_delete_csv_line AFTER DELETE ON incident_summaries
BEGIN
    DELETE FROM incident_csv_lines WHERE incident_id = OLD.incident_id;
END;

CREATE TRIGGER incidents_update_csv_line AFTER UPDATE ON incidents
BEGIN
    DELETE FROM incident_csv_lines WHERE incident_id IN (OLD.id, NEW.id);
END;

CREATE TRIGGER incidents_delete_csv_line AFTER DELETE ON incidents
BEGIN
    DELETE FROM incident_csv_lines WHERE incident_id = OLD.id;
END;
