-- The registry of people (resolve/people.py) as the people page, `qpq people` and the people
-- export show it, stored whole in page order (status, then name) with each person's facts,
-- built on the facts version (facts_version, 0022), the people version (below) and the day
-- its statuses hold on (people_registry_state); shown while those hold, built again when one
-- moves. Pages read it by keyset on `position`.
CREATE TABLE people_registry (
    position    INTEGER PRIMARY KEY,
    person_key  TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL,
    person      TEXT NOT NULL          -- JSON: the person with their facts
);
CREATE INDEX people_registry_status ON people_registry (status, position);

CREATE TABLE people_registry_state (
    id             INTEGER PRIMARY KEY,
    facts_version  INTEGER NOT NULL,
    people_version INTEGER NOT NULL,
    day            TEXT NOT NULL,
    built_at       TEXT NOT NULL
);

-- Bumped by triggers whenever what the registry reads besides the facts changes: entities and
-- their aliases (names and how they are matched), imported registries and their matches, the
-- audit log (a reviewer's dates and decisions).
CREATE TABLE people_version (
    id       INTEGER PRIMARY KEY,
    version  INTEGER NOT NULL
);
INSERT INTO people_version (id, version) VALUES (1, 0);
