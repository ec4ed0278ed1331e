-- An incident's row of the CSV export (export/csv.py), rendered once and kept with its
-- summary: deleted with the summary when its claims change (0065), and emptied by a
-- trigger when the incident itself changes (a review, a resolve). NULL: made by the next export.
ALTER TABLE incident_summaries ADD COLUMN csv_line TEXT;
