-- Extracted values that fail validation are dropped from their event (the event is kept);
-- the document records how many were refused and why (the first few, one per line).
ALTER TABLE documents ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN refusals TEXT;
