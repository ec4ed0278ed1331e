-- The id a source gives a document (a JSON Lines "id", a feed entry id, a file name).
ALTER TABLE documents ADD COLUMN source_id TEXT;
