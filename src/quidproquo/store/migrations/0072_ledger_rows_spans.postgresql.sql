-- The stored ledger rows that can show incident `changed` (dated date_min..date_max) are
-- dropped: its own row, the rows whose span meets its dates, the rows of releases linked to
-- it (directly or through one of its claims). The facts version is locked first: a page
-- storing a row built before this change waits for its commit, then stores nothing (the
-- version moved on).
CREATE FUNCTION ledger_rows_seen(changed TEXT, date_min TEXT, date_max TEXT) RETURNS void
LANGUAGE sql AS $$
    SELECT 1 FROM facts_version WHERE id = 1 FOR UPDATE;
    DELETE FROM ledger_rows WHERE release_id = changed
        OR (COALESCE(date_min, date_max) <= span_high || '~'
            AND COALESCE(date_max, date_min) >= span_low)
        OR release_id IN (SELECT l.incident_id FROM incident_links l WHERE l.other_id = changed
            OR l.other_id IN (SELECT c.id FROM claims c WHERE c.incident_id = changed))
        OR release_id IN (SELECT COALESCE(c.incident_id, l.other_id) FROM incident_links l
            LEFT JOIN claims c ON c.id = l.other_id WHERE l.incident_id = changed);
$$;

CREATE FUNCTION incident_rows_seen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM ledger_rows_seen(OLD.id, OLD.date_min, OLD.date_max);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM ledger_rows_seen(NEW.id, NEW.date_min, NEW.date_max);
    END IF;
    RETURN NULL;
END;
$$;

-- A claim's or a link's incidents, with their dates as stored now.
CREATE FUNCTION incidents_rows_seen(ids TEXT[]) RETURNS void LANGUAGE sql AS $$
    SELECT ledger_rows_seen(i.id, i.date_min, i.date_max) FROM incidents i
    WHERE i.id = ANY(ids) OR i.id IN (SELECT c.incident_id FROM claims c WHERE c.id = ANY(ids));
$$;

CREATE FUNCTION claim_rows_seen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM incidents_rows_seen(ARRAY[OLD.incident_id]);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM incidents_rows_seen(ARRAY[NEW.incident_id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION link_rows_seen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM incidents_rows_seen(ARRAY[OLD.incident_id, OLD.other_id]);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM incidents_rows_seen(ARRAY[NEW.incident_id, NEW.other_id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION document_rows_seen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM incidents_rows_seen(ARRAY(SELECT incident_id FROM claims WHERE document_id = NEW.id));
    RETURN NULL;
END;
$$;

CREATE TRIGGER incidents_rows_version AFTER INSERT OR UPDATE OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incident_rows_seen();
CREATE TRIGGER claims_rows_version AFTER INSERT OR UPDATE OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION claim_rows_seen();
CREATE TRIGGER incident_links_rows_version AFTER INSERT OR UPDATE OR DELETE ON incident_links
    FOR EACH ROW EXECUTE FUNCTION link_rows_seen();
CREATE TRIGGER documents_rows_version AFTER UPDATE OF url, published ON documents
    FOR EACH ROW EXECUTE FUNCTION document_rows_seen();

-- A table emptied at once drops every stored row.
CREATE FUNCTION all_ledger_rows_seen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM ledger_rows;
    RETURN NULL;
END;
$$;
CREATE TRIGGER incidents_truncate_rows AFTER TRUNCATE ON incidents
    FOR EACH STATEMENT EXECUTE FUNCTION all_ledger_rows_seen();
CREATE TRIGGER claims_truncate_rows AFTER TRUNCATE ON claims
    FOR EACH STATEMENT EXECUTE FUNCTION all_ledger_rows_seen();
CREATE TRIGGER incident_links_truncate_rows AFTER TRUNCATE ON incident_links
    FOR EACH STATEMENT EXECUTE FUNCTION all_ledger_rows_seen();
