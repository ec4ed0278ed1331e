-- Once per statement, with the rows it touched (transition tables), so bulk updates pay once.
CREATE FUNCTION incidents_csv_lines_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incident_summaries SET csv_line = NULL WHERE csv_line IS NOT NULL
        AND incident_id IN (SELECT id FROM old_rows UNION SELECT id FROM new_rows);
    RETURN NULL;
END;
$$;

CREATE TRIGGER incidents_update_csv_line AFTER UPDATE ON incidents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_csv_lines_stale();
