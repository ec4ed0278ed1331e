-- The latest day of the extracted prisoner counts (ledger/terms.latest_held) is found by
-- walking this index down from its top, not by reading every count.
CREATE INDEX incidents_held_day ON incidents (type, origin, (COALESCE(date_max, date_min)));
