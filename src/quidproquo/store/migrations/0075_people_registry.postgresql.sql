CREATE FUNCTION people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE people_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER entities_people_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON entities
    FOR EACH STATEMENT EXECUTE FUNCTION people_changed();

CREATE TRIGGER entity_aliases_people_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON entity_aliases
    FOR EACH STATEMENT EXECUTE FUNCTION people_changed();

CREATE TRIGGER registry_entries_people_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON registry_entries
    FOR EACH STATEMENT EXECUTE FUNCTION people_changed();

CREATE TRIGGER registry_matches_people_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON registry_matches
    FOR EACH STATEMENT EXECUTE FUNCTION people_changed();

CREATE TRIGGER audit_log_people_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION people_changed();
