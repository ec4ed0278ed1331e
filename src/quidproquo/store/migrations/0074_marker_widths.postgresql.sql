-- The day a stored value starts with (its first ten characters, YYYY-MM-DD), or NULL when it
-- is not one: `stored_date` in SQL.
CREATE FUNCTION stored_day(value TEXT) RETURNS date LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF value ~ '^\d{4}-\d{2}-\d{2}' THEN
        RETURN substr(value, 1, 10)::date;
    END IF;
    RETURN NULL;
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$;

INSERT INTO marker_widths (incident_id, days)
    SELECT id, w FROM (SELECT id, stored_day(date_max) - stored_day(date_min) AS w
                       FROM incidents WHERE type IN ('visit', 'sanctions_eased')
                       AND date_max > date_min) s
    WHERE w > 0;

CREATE FUNCTION marker_width_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM marker_widths WHERE incident_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.type IN ('visit', 'sanctions_eased')
            AND NEW.date_max > NEW.date_min THEN
        INSERT INTO marker_widths (incident_id, days)
            SELECT NEW.id, w FROM (SELECT stored_day(NEW.date_max) - stored_day(NEW.date_min)
                                   AS w) s
            WHERE w > 0
            ON CONFLICT (incident_id) DO UPDATE SET days = excluded.days;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER incidents_marker_width
    AFTER INSERT OR DELETE OR UPDATE OF id, type, date_min, date_max ON incidents
    FOR EACH ROW EXECUTE FUNCTION marker_width_kept();

CREATE FUNCTION all_marker_widths_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM marker_widths;
    RETURN NULL;
END;
$$;
CREATE TRIGGER incidents_truncate_marker_widths AFTER TRUNCATE ON incidents
    FOR EACH STATEMENT EXECUTE FUNCTION all_marker_widths_gone();

-- Its only reader was `_widest_marker`, which now reads marker_widths.
DROP INDEX incidents_wide_markers;
