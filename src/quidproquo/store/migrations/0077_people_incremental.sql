-- The stored registry of people (0075) is kept up to date a few people at a time: a change of
-- the facts notes the incidents it touches (people_dirty, by triggers); the next read rebuilds
-- only the people of those incidents (people_incidents: which person each incident names, old
-- and new) and the people the incidents now name. Page order is kept by columns, not by a
-- position renumbered on every change: (rank of the status, folded name, key).
DROP TABLE people_registry;
DELETE FROM people_registry_state;  -- built whole on the next read

CREATE TABLE people_incidents (
    incident_id TEXT NOT NULL,
    person_key  TEXT NOT NULL,
    PRIMARY KEY (incident_id, person_key)
);
CREATE INDEX people_incidents_person ON people_incidents (person_key);

ALTER TABLE people_registry_state ADD COLUMN people_updated INTEGER NOT NULL DEFAULT 0;
