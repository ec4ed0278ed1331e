-- Once per statement, with the rows it touched (transition tables), so bulk loads pay once.
CREATE FUNCTION claims_summaries_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM incident_summaries WHERE incident_id IN (SELECT incident_id FROM old_rows);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        DELETE FROM incident_summaries WHERE incident_id IN (SELECT incident_id FROM new_rows);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claims_insert_summary AFTER INSERT ON claims
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claims_summaries_stale();

CREATE TRIGGER claims_update_summary AFTER UPDATE ON claims
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_summaries_stale();

CREATE TRIGGER claims_delete_summary AFTER DELETE ON claims
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION claims_summaries_stale();

CREATE FUNCTION all_summaries_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM incident_summaries;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claims_truncate_summary AFTER TRUNCATE ON claims
    FOR EACH STATEMENT EXECUTE FUNCTION all_summaries_stale();

CREATE FUNCTION incidents_summaries_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM incident_summaries WHERE incident_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END;
$$;

CREATE TRIGGER incidents_delete_summary AFTER DELETE ON incidents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_summaries_stale();

CREATE FUNCTION documents_summaries_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM incident_summaries WHERE incident_id IN (
        SELECT c.incident_id FROM claims c JOIN new_rows n ON n.id = c.document_id
        JOIN old_rows o ON o.id = n.id
        WHERE n.url IS DISTINCT FROM o.url OR n.published IS DISTINCT FROM o.published);
    RETURN NULL;
END;
$$;

CREATE TRIGGER documents_update_summary AFTER UPDATE ON documents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_summaries_stale();
