-- Each stored ledger row keeps the span of days its release's window sees (the release's
-- dates widened by the window on each side). A change of an incident (its row, a claim of
-- it, a link touching it, a source document's address or date) drops only the stored rows
-- that can show it: the release's own row, the rows whose span meets the incident's dates
-- (old and new), and the rows of the releases linked to it (ledger/stored.py). Rows stored
-- before this migration have no span: they are dropped.
DELETE FROM ledger_rows;
ALTER TABLE ledger_rows ADD COLUMN span_low TEXT;
ALTER TABLE ledger_rows ADD COLUMN span_high TEXT;
CREATE INDEX ledger_rows_span ON ledger_rows (span_low, span_high);
