-- Every list is read a page at a time by keyset on a stable order, never sorted whole.
-- Incidents: by first known day, undated last, then id (ledger.links.SORT_DATE).
CREATE INDEX incidents_sort ON incidents ((COALESCE(date_min, date_max, '9999')), id);
CREATE INDEX incidents_type_sort ON incidents (type, (COALESCE(date_min, date_max, '9999')), id);
-- The review queue, one index per kind of candidate (resolve.review.QUEUE).
CREATE INDEX incidents_queue ON incidents (status, origin, (1 - contested), (COALESCE(date_min, '')), id);
CREATE INDEX claims_queue ON claims (status, first_seen, id);
CREATE INDEX events_queue ON events (status, (COALESCE(date_min, '')), id);
CREATE INDEX quotes_queue ON quotes (status, created_at, id);
-- Claims and mentions by document and by incident (document and entity pages).
CREATE INDEX claims_document ON claims (document_id);
CREATE INDEX entity_mentions_incident ON entity_mentions (incident_id);
CREATE INDEX entity_mentions_event ON entity_mentions (event_id);
CREATE INDEX entity_mentions_quote ON entity_mentions (quote_id);
