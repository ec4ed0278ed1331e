DROP TRIGGER incidents_insert_rows_version;
DROP TRIGGER incidents_update_rows_version;
DROP TRIGGER incidents_delete_rows_version;
DROP TRIGGER incidents_seen_version;
DROP VIEW ledger_rows_seen;

-- Inserting an incident (id, type, dates) into this view drops the stored rows that can show
-- it: its own row, the rows whose span meets the dates of a visit or concession, the rows of
-- releases linked to it (directly or through one of its claims).
CREATE VIEW ledger_rows_seen AS
    SELECT NULL AS incident_id, NULL AS type, NULL AS date_min, NULL AS date_max;

CREATE TRIGGER ledger_rows_seen_version INSTEAD OF INSERT ON ledger_rows_seen
BEGIN
    DELETE FROM ledger_rows WHERE release_id = NEW.incident_id
        OR (NEW.type IN ('visit', 'sanctions_eased')
            AND COALESCE(NEW.date_min, NEW.date_max) <= span_high || '~'
            AND COALESCE(NEW.date_max, NEW.date_min) >= span_low)
        OR release_id IN (SELECT l.incident_id FROM incident_links l
            WHERE l.other_id = NEW.incident_id
            OR l.other_id IN (SELECT c.id FROM claims c WHERE c.incident_id = NEW.incident_id))
        OR release_id IN (SELECT COALESCE(c.incident_id, l.other_id) FROM incident_links l
            LEFT JOIN claims c ON c.id = l.other_id WHERE l.incident_id = NEW.incident_id);
END;

CREATE TRIGGER incidents_seen_version INSTEAD OF INSERT ON incidents_seen
BEGIN
    INSERT INTO ledger_rows_seen SELECT i.id, i.type, i.date_min, i.date_max FROM incidents i
        WHERE i.id IN (NEW.one, NEW.other)
        OR i.id IN (SELECT c.incident_id FROM claims c WHERE c.id IN (NEW.one, NEW.other));
END;

CREATE TRIGGER incidents_insert_rows_version AFTER INSERT ON incidents BEGIN INSERT INTO ledger_rows_seen VALUES (NEW.id, NEW.type, NEW.date_min, NEW.date_max); END;
CREATE TRIGGER incidents_update_rows_version AFTER UPDATE ON incidents BEGIN INSERT INTO ledger_rows_seen VALUES (OLD.id, OLD.type, OLD.date_min, OLD.date_max); INSERT INTO ledger_rows_seen VALUES (NEW.id, NEW.type, NEW.date_min, NEW.date_max); END;
CREATE TRIGGER incidents_delete_rows_version AFTER DELETE ON incidents BEGIN INSERT INTO ledger_rows_seen VALUES (OLD.id, OLD.type, OLD.date_min, OLD.date_max); END;
