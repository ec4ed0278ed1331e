-- The width in days (date_max - date_min) of every visit and concession spanning more than one
-- day, kept up to date by triggers on incidents (one row per such incident). The ledger reads
-- the widest (ledger/links.py `_widest_marker`) to know how far before a page a marker can
-- start and still reach it: one look-up in this index instead of reading every wide marker
-- after each change of the facts. A bound that is not a readable day counts as the other one
-- (width 0), as `Interval.parse` reads it.
CREATE TABLE marker_widths (
    incident_id  TEXT PRIMARY KEY,
    days         INTEGER NOT NULL
);
CREATE INDEX marker_widths_days ON marker_widths (days);
