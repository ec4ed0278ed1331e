-- Once per statement, with the rows it touched (transition tables), so bulk writes pay once.
CREATE FUNCTION csv_lines_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'incident_summaries' THEN
        DELETE FROM incident_csv_lines WHERE incident_id IN (SELECT incident_id FROM old_rows);
    ELSE
        DELETE FROM incident_csv_lines WHERE incident_id IN (SELECT id FROM old_rows);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER summaries_delete_csv_line AFTER DELETE ON incident_summaries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION csv_lines_stale();

-- An update that changes an id leaves the new id without a line: none was stored for it.
CREATE TRIGGER incidents_update_csv_line AFTER UPDATE ON incidents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION csv_lines_stale();

CREATE TRIGGER incidents_delete_csv_line AFTER DELETE ON incidents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION csv_lines_stale();
