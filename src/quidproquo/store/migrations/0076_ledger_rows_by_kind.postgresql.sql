CREATE FUNCTION ledger_rows_seen(changed TEXT, kind TEXT, date_min TEXT, date_max TEXT)
RETURNS void LANGUAGE sql AS $$
    SELECT 1 FROM facts_version WHERE id = 1 FOR UPDATE;
    DELETE FROM ledger_rows WHERE release_id = changed
        OR (kind IN ('visit', 'sanctions_eased')
            AND COALESCE(date_min, date_max) <= span_high || '~'
            AND COALESCE(date_max, date_min) >= span_low)
        OR release_id IN (SELECT l.incident_id FROM incident_links l WHERE l.other_id = changed
            OR l.other_id IN (SELECT c.id FROM claims c WHERE c.incident_id = changed))
        OR release_id IN (SELECT COALESCE(c.incident_id, l.other_id) FROM incident_links l
            LEFT JOIN claims c ON c.id = l.other_id WHERE l.incident_id = changed);
$$;

CREATE OR REPLACE FUNCTION incident_rows_seen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM ledger_rows_seen(OLD.id, OLD.type, OLD.date_min, OLD.date_max);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM ledger_rows_seen(NEW.id, NEW.type, NEW.date_min, NEW.date_max);
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION incidents_rows_seen(ids TEXT[]) RETURNS void LANGUAGE sql AS $$
    SELECT ledger_rows_seen(i.id, i.type, i.date_min, i.date_max) FROM incidents i
    WHERE i.id = ANY(ids) OR i.id IN (SELECT c.incident_id FROM claims c WHERE c.id = ANY(ids));
$$;

DROP FUNCTION ledger_rows_seen(TEXT, TEXT, TEXT);
