-- The latest day of the extracted prisoner counts (ledger/terms.latest_held) is found by
-- walking this index down from its top, not by reading every count. It is led by the origin:
-- led by the type, like incidents_type_sort (type, page order, id), SQLite took it for the
-- pages of one type (the ledger's releases) and sorted them whole (160 ms at 1M, not 0.2).
CREATE INDEX incidents_held_day ON incidents (origin, type, (COALESCE(date_max, date_min)));
