-- Extraction runs in batches: a document that fails is marked 'failed' with its reason, and a
-- killed run resumes from the documents still 'ingested' (found by this index, in id order).
ALTER TABLE documents ADD COLUMN failure TEXT;
CREATE INDEX documents_status_id ON documents (status, id);
