-- The review queue reads candidate registry matches by status.
CREATE INDEX registry_matches_status ON registry_matches (status, created_at);
