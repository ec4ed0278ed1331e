-- A ledger row shows its sources' URLs and publication dates: a change of those changes the
-- facts version too.
CREATE TRIGGER documents_update_version AFTER UPDATE OF url, published ON documents
BEGIN
    UPDATE facts_version SET version = version + 1 WHERE id = 1;
END;
