-- A ledger row shows its sources' URLs and publication dates: a change of those changes the
-- facts version too (facts_changed, 0022).
CREATE TRIGGER documents_version AFTER UPDATE OF url, published ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION facts_changed();
