-- julianday() reads the same days as `stored_date` (the first ten characters, YYYY-MM-DD) and
-- gives NULL for what is not a date; a day Python refuses (2013-02-30) it may still read, which
-- can only widen the bound the ledger reads.
INSERT INTO marker_widths (incident_id, days)
    SELECT id, w FROM (SELECT id, CAST(julianday(substr(date_max, 1, 10))
                                       - julianday(substr(date_min, 1, 10)) AS INTEGER) AS w
                       FROM incidents WHERE type IN ('visit', 'sanctions_eased')
                       AND date_max > date_min)
    WHERE w > 0;

CREATE TRIGGER incidents_insert_marker_width AFTER INSERT ON incidents
    WHEN NEW.type IN ('visit', 'sanctions_eased') AND NEW.date_max > NEW.date_min
BEGIN
    INSERT OR REPLACE INTO marker_widths (incident_id, days)
        SELECT NEW.id, w FROM (SELECT CAST(julianday(substr(NEW.date_max, 1, 10))
                                           - julianday(substr(NEW.date_min, 1, 10)) AS INTEGER) AS w)
        WHERE w > 0;
END;

CREATE TRIGGER incidents_update_marker_width AFTER UPDATE OF id, type, date_min, date_max
    ON incidents
BEGIN
    DELETE FROM marker_widths WHERE incident_id = OLD.id;
    INSERT OR REPLACE INTO marker_widths (incident_id, days)
        SELECT NEW.id, w FROM (SELECT CAST(julianday(substr(NEW.date_max, 1, 10))
                                           - julianday(substr(NEW.date_min, 1, 10)) AS INTEGER) AS w)
        WHERE w > 0 AND NEW.type IN ('visit', 'sanctions_eased');
END;

CREATE TRIGGER incidents_delete_marker_width AFTER DELETE ON incidents
BEGIN
    DELETE FROM marker_widths WHERE incident_id = OLD.id;
END;

-- Its only reader was `_widest_marker`, which now reads marker_widths.
DROP INDEX incidents_wide_markers;
