-- The visits and concessions spanning more than one day, read after every change of the facts
-- by the ledger (its widest marker, ledger/links.py `_widest_marker`): a few thousand entries
-- of this index instead of a scan of every incident.
CREATE INDEX incidents_wide_markers ON incidents (type, date_min, date_max)
    WHERE date_max > date_min;
