CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED, object_id UNINDEXED, document_id UNINDEXED, incident_id UNINDEXED,
    span_start UNINDEXED, span_end UNINDEXED, label UNINDEXED, body, keys,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
