-- An incident's claims in the order its page lists them, so that a page of a large incident
-- reads its rows from the index instead of sorting all of them.
CREATE INDEX claims_incident_listed ON claims (incident_id, property, value, id);
