CREATE TRIGGER incidents_update_csv_line AFTER UPDATE ON incidents
BEGIN
    UPDATE incident_summaries SET csv_line = NULL
        WHERE incident_id IN (OLD.id, NEW.id) AND csv_line IS NOT NULL;
END;
