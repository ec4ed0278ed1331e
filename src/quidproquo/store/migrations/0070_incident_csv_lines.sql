-- Each incident's row of the CSV export (export/csv.py), rendered once and kept in a narrow
-- table (an export reads 300,000 of them in incident order; the summaries' rows are wide).
-- A line is stored only beside its incident's stored summary (0065), is deleted with it when
-- the incident's claims change, and when the incident itself changes (a review, a resolve).
-- Missing: made by the next export.
CREATE TABLE incident_csv_lines (
    incident_id  TEXT PRIMARY KEY,
    line         TEXT NOT NULL
);
