-- Any change to incidents, claims or links makes stored ledger results stale (once per
-- statement, so bulk loads pay once).
CREATE FUNCTION facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER incidents_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incidents
    FOR EACH STATEMENT EXECUTE FUNCTION facts_changed();

CREATE TRIGGER claims_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON claims
    FOR EACH STATEMENT EXECUTE FUNCTION facts_changed();

CREATE TRIGGER incident_links_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_links
    FOR EACH STATEMENT EXECUTE FUNCTION facts_changed();
