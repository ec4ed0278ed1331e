-- The stored ledger rows that can show an incident are dropped by inserting it (id and dates)
-- into the view ledger_rows_seen: its own row, the rows whose span meets its dates, the rows
-- of releases linked to it (directly or through one of its claims).
CREATE VIEW ledger_rows_seen AS SELECT NULL AS incident_id, NULL AS date_min, NULL AS date_max;

CREATE TRIGGER ledger_rows_seen_version INSTEAD OF INSERT ON ledger_rows_seen
BEGIN
    DELETE FROM ledger_rows WHERE release_id = NEW.incident_id
        OR (COALESCE(NEW.date_min, NEW.date_max) <= span_high || '~'
            AND COALESCE(NEW.date_max, NEW.date_min) >= span_low)
        OR release_id IN (SELECT l.incident_id FROM incident_links l
            WHERE l.other_id = NEW.incident_id
            OR l.other_id IN (SELECT c.id FROM claims c WHERE c.incident_id = NEW.incident_id))
        OR release_id IN (SELECT COALESCE(c.incident_id, l.other_id) FROM incident_links l
            LEFT JOIN claims c ON c.id = l.other_id WHERE l.incident_id = NEW.incident_id);
END;

-- Incidents named by id, or through a claim's id (a claim, a link's ends), as stored now.
CREATE VIEW incidents_seen AS SELECT NULL AS one, NULL AS other;

CREATE TRIGGER incidents_seen_version INSTEAD OF INSERT ON incidents_seen
BEGIN
    INSERT INTO ledger_rows_seen SELECT i.id, i.date_min, i.date_max FROM incidents i
        WHERE i.id IN (NEW.one, NEW.other)
        OR i.id IN (SELECT c.incident_id FROM claims c WHERE c.id IN (NEW.one, NEW.other));
END;

-- Named *_version: benchmarks/generate.py drops these during a bulk load, like 0022's.
-- One line each: an update notes the incident as it was and as it is.
CREATE TRIGGER incidents_insert_rows_version AFTER INSERT ON incidents BEGIN INSERT INTO ledger_rows_seen VALUES (NEW.id, NEW.date_min, NEW.date_max); END;
CREATE TRIGGER claims_insert_rows_version AFTER INSERT ON claims BEGIN INSERT INTO incidents_seen VALUES (NEW.incident_id, NULL); END;
CREATE TRIGGER incident_links_insert_rows_version AFTER INSERT ON incident_links BEGIN INSERT INTO incidents_seen VALUES (NEW.incident_id, NEW.other_id); END;
CREATE TRIGGER incidents_update_rows_version AFTER UPDATE ON incidents BEGIN INSERT INTO ledger_rows_seen VALUES (OLD.id, OLD.date_min, OLD.date_max); INSERT INTO ledger_rows_seen VALUES (NEW.id, NEW.date_min, NEW.date_max); END;
CREATE TRIGGER claims_update_rows_version AFTER UPDATE ON claims BEGIN INSERT INTO incidents_seen VALUES (OLD.incident_id, NULL); INSERT INTO incidents_seen VALUES (NEW.incident_id, NULL); END;
CREATE TRIGGER incident_links_update_rows_version AFTER UPDATE ON incident_links BEGIN INSERT INTO incidents_seen VALUES (OLD.incident_id, OLD.other_id); INSERT INTO incidents_seen VALUES (NEW.incident_id, NEW.other_id); END;
CREATE TRIGGER incidents_delete_rows_version AFTER DELETE ON incidents BEGIN INSERT INTO ledger_rows_seen VALUES (OLD.id, OLD.date_min, OLD.date_max); END;
CREATE TRIGGER claims_delete_rows_version AFTER DELETE ON claims BEGIN INSERT INTO incidents_seen VALUES (OLD.incident_id, NULL); END;
CREATE TRIGGER incident_links_delete_rows_version AFTER DELETE ON incident_links BEGIN INSERT INTO incidents_seen VALUES (OLD.incident_id, OLD.other_id); END;
CREATE TRIGGER documents_update_rows_version AFTER UPDATE OF url, published ON documents
BEGIN
    INSERT INTO incidents_seen SELECT incident_id, NULL FROM claims WHERE document_id = NEW.id;
END;
