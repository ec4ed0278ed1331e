-- Each audit-log row is signed: HMAC-SHA256 of its hash under the server's audit key.
-- Rows written before this migration keep a NULL signature (see resolve/review.py).
ALTER TABLE audit_log ADD COLUMN signature TEXT;
