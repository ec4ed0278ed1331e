-- Keys and folded names compare by code point, as Python sorts them (collation "C").
CREATE TABLE people_registry (
    person_key TEXT COLLATE "C" PRIMARY KEY,
    rank       INTEGER NOT NULL,   -- the status's place in STATUSES
    sort_name  TEXT COLLATE "C" NOT NULL,  -- the name folded
    status     TEXT NOT NULL,
    person     TEXT NOT NULL       -- JSON: the person with their facts
);
CREATE INDEX people_registry_order ON people_registry (rank, sort_name, person_key);

-- Incidents changed since the registry was last brought up to date; '*' asks for a whole build.
CREATE TABLE people_dirty (
    seq         BIGSERIAL PRIMARY KEY,
    incident_id TEXT NOT NULL
);

CREATE FUNCTION people_dirty_incidents(ids TEXT[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO people_dirty (incident_id) SELECT DISTINCT i FROM unnest(ids) AS i
        WHERE i IS NOT NULL;
$$;

CREATE FUNCTION incident_people_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM people_dirty_incidents(ARRAY[NEW.id]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM people_dirty_incidents(ARRAY[OLD.id]);
    ELSE
        PERFORM people_dirty_incidents(ARRAY[OLD.id, NEW.id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION claim_people_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM people_dirty_incidents(ARRAY[NEW.incident_id]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM people_dirty_incidents(ARRAY[OLD.incident_id]);
    ELSE
        PERFORM people_dirty_incidents(ARRAY[OLD.incident_id, NEW.incident_id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION link_people_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM people_dirty_incidents(ARRAY[NEW.incident_id, NEW.other_id]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM people_dirty_incidents(ARRAY[OLD.incident_id, OLD.other_id]);
    ELSE
        PERFORM people_dirty_incidents(
            ARRAY[OLD.incident_id, OLD.other_id, NEW.incident_id, NEW.other_id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION document_people_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM people_dirty_incidents(ARRAY(SELECT incident_id FROM claims WHERE document_id = OLD.id));
    RETURN NULL;
END;
$$;

CREATE FUNCTION audit_people_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM people_dirty_incidents(ARRAY[NEW.object_id]);
    RETURN NULL;
END;
$$;

CREATE FUNCTION all_people_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO people_dirty (incident_id) VALUES ('*');
    RETURN NULL;
END;
$$;

-- Named *rows_version: benchmarks/generate.py disables these during a bulk load.
CREATE TRIGGER incidents_people_rows_version AFTER INSERT OR UPDATE OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incident_people_dirty();
CREATE TRIGGER claims_people_rows_version AFTER INSERT OR UPDATE OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION claim_people_dirty();
CREATE TRIGGER incident_links_people_rows_version AFTER INSERT OR UPDATE OR DELETE
    ON incident_links FOR EACH ROW EXECUTE FUNCTION link_people_dirty();
-- A document matters by its address only (`_source` reads no other column of it).
CREATE TRIGGER documents_people_rows_version AFTER UPDATE OF url OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION document_people_dirty();
-- A reviewer's correction of an incident changes the date it shows; no other entry of the
-- audit log changes the registry (a registry match's decision is in registry_matches).
DROP TRIGGER audit_log_people_version ON audit_log;
CREATE TRIGGER audit_log_people_rows_version AFTER INSERT ON audit_log FOR EACH ROW
    WHEN (NEW.object_type = 'incident' AND NEW.action = 'correct')
    EXECUTE FUNCTION audit_people_dirty();

CREATE TRIGGER incidents_people_truncated AFTER TRUNCATE ON incidents
    FOR EACH STATEMENT EXECUTE FUNCTION all_people_dirty();
CREATE TRIGGER claims_people_truncated AFTER TRUNCATE ON claims
    FOR EACH STATEMENT EXECUTE FUNCTION all_people_dirty();
CREATE TRIGGER incident_links_people_truncated AFTER TRUNCATE ON incident_links
    FOR EACH STATEMENT EXECUTE FUNCTION all_people_dirty();
CREATE TRIGGER documents_people_truncated AFTER TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION all_people_dirty();
