"""The registry of people is stored (migration 0075) and read a page at a time by keyset; what
is shown is always what building the registry now gives, after each kind of change it rests on:
a new person, an alias, an entity's name, a review, an imported registry and its reviewed
match. SQLite and PostgreSQL. The names and facts are invented for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from quidproquo.ingest.registry import RegistryEntry
from quidproquo.resolve import review
from quidproquo.resolve.names import name_key
from quidproquo.resolve.people import (
    build_registry,
    import_registry,
    named_held,
    people,
    people_page,
)
from quidproquo.resolve.rows import add_link, insert_claim, insert_incident
from quidproquo.store import Store


def _fresh(store: Store, day: str | None = None) -> list[dict[str, Any]]:
    """The registry built from the store now, as `people` gives it."""
    return [p.to_dict() for p in build_registry(store, day or date.today().isoformat())]


def _shown(store: Store, **filters: Any) -> list[dict[str, Any]]:
    return [p.to_dict() for p in people(store, **filters)]


def _walk(store: Store, limit: int, status: str | None = None) -> list[str]:
    """Every key, following the keyset from the first page."""
    keys: list[str] = []
    after = None
    for _ in range(100):
        page, after = people_page(store, status=status, after=after, limit=limit)
        keys += [p.key for p in page]
        if after is None:
            return keys
    raise AssertionError("more than 100 pages")


def _add(store: Store, id: str, type: str, day: str, persons: list[str]) -> None:
    with store.transaction() as conn:
        insert_incident(store, conn, {"id": id, "type": type, "date_min": day, "date_max": day,
                                      "persons": persons, "origin": "curated"})  # fmt: skip


def _stored_version(store: Store) -> tuple[int, int]:
    row = store.query_one(
        "SELECT facts_version, people_version FROM people_registry_state WHERE id = 1"
    )
    assert row is not None
    return row["facts_version"], row["people_version"]


def _updated(store: Store) -> int:
    """How many people the last bringing up to date of the stored registry wrote."""
    row = store.query_one("SELECT people_updated FROM people_registry_state WHERE id = 1")
    assert row is not None
    return int(row["people_updated"])


def _incremental(store: Store, rewritten: int) -> list[dict[str, Any]]:
    """What is shown now: it must be what a whole build gives, though only `rewritten` people
    were written again."""
    shown = _shown(store)
    assert shown == _fresh(store)
    assert _updated(store) == rewritten
    return shown


@pytest.fixture
def store(db_url: str) -> Store:
    store = Store(db_url)
    _add(store, "inc-det-orlik", "detention", "2021-04-02", ["Yanka Orlik", "Zmitser Hvost"])
    _add(store, "inc-rel-orlik", "release", "2023-08-19", ["Yanka Orlik"])
    _add(store, "inc-det-brava", "detention", "2022-11-30", ["Alesia Brava"])
    _add(store, "inc-det-sokal", "detention", "2020-01-15", ["Paval Sokal"])
    return store


def test_the_stored_registry_pages_by_keyset(store: Store) -> None:
    everyone = _shown(store)
    assert everyone == _fresh(store) and len(everyone) == 4
    stored = store.query_one("SELECT COUNT(*) AS n FROM people_registry")
    assert stored is not None and stored["n"] == 4
    assert _walk(store, 1) == _walk(store, 3) == [p["key"] for p in everyone]
    held = [p["key"] for p in everyone if p["status"] == "held"]
    assert _walk(store, 1, "held") == held and len(held) == 3
    assert named_held(store) == 3
    past = "2022-01-01"
    assert _shown(store, as_of=past) == _fresh(store, past)
    assert named_held(store, past) == 3  # Orlik, Hvost and Sokal held; Brava not yet
    with pytest.raises(ValueError, match="continue after"):
        people_page(store, after="name:nobody at all", limit=2)


def test_the_stored_registry_follows_every_change(store: Store) -> None:
    assert _shown(store) == _fresh(store)

    # a new person
    _add(store, "inc-det-pilnik", "detention", "2024-06-01", ["Kastus Pilnik"])
    shown = _shown(store)
    assert shown == _fresh(store) and "name:kastus pilnik" in {p["key"] for p in shown}

    # an alias: the name now denotes a known entity (the version of the facts does not move)
    facts_before = _stored_version(store)[0]
    store.execute("INSERT INTO entities (id, name, kind, role, attributes, origin) VALUES"
                  " ('kanstantsin-pilnik', 'Kanstantsin Pilnik', 'person', NULL, '{}',"
                  " 'curated')")  # fmt: skip
    store.execute("INSERT INTO entity_aliases (entity_id, alias, alias_key) VALUES"
                  " ('kanstantsin-pilnik', 'Kastus Pilnik', :k)",
                  {"k": name_key("Kastus Pilnik")})  # fmt: skip
    shown = _shown(store)
    assert shown == _fresh(store) and _stored_version(store)[0] == facts_before
    pilnik = next(p for p in shown if p["key"] == "kanstantsin-pilnik")
    assert pilnik["name"] == "Kanstantsin Pilnik"

    # the entity's name
    store.execute("UPDATE entities SET name = 'K. Pilnik' WHERE id = 'kanstantsin-pilnik'")
    shown = _shown(store)
    assert shown == _fresh(store)
    assert {p["name"] for p in shown if p["key"] == "kanstantsin-pilnik"} == {"K. Pilnik"}

    # a review: a corrected date, a rejected incident
    review.correct(store, "incident", "inc-det-brava", {"date": "2022-12-05"}, "ana")
    shown = _shown(store)
    assert shown == _fresh(store)
    brava = next(p for p in shown if p["name"] == "Alesia Brava")
    assert brava["facts"][0]["date_min"] == "2022-12-05"
    review.reject(store, "incident", "inc-det-sokal", "ana")
    shown = _shown(store)
    assert shown == _fresh(store) and "Paval Sokal" not in {p["name"] for p in shown}

    # an imported registry whose loose match waits for a reviewer, then the reviewer's yes
    store.execute("INSERT INTO entities (id, name, kind, role, attributes, origin) VALUES"
                  " ('yanka-orlik', 'Yanka Orlik', 'person', NULL, '{}', 'curated')")
    store.execute("INSERT INTO entity_aliases (entity_id, alias, alias_key) VALUES"
                  " ('yanka-orlik', 'Yanka Orlik', :k)", {"k": name_key("Yanka Orlik")})
    entry = RegistryEntry(line=2, name="Orlik", birth_year=1979, arrest_date="2021-04")
    import_registry(store, "testlist", [entry], "2025-01-10", None, None)
    shown = _shown(store)
    assert shown == _fresh(store) and "testlist" in {r for p in shown for r in p["registries"]}
    match = store.query_one("SELECT id FROM registry_matches WHERE status = 'candidate'")
    assert match is not None  # the surname alone is a loose match
    before = _shown(store)
    review.accept(store, "registry_match", match["id"], "ana")
    shown = _shown(store)
    assert shown == _fresh(store) and shown != before
    assert _walk(store, 2) == [p["key"] for p in _shown(store)]


def test_a_change_of_the_facts_rewrites_only_the_people_it_touches(store: Store) -> None:
    everyone = _shown(store)
    assert _updated(store) == len(everyone) == 4  # the first read builds it whole

    # a new incident naming a new person and one known already
    _add(store, "inc-det-lutsk", "detention", "2024-03-10", ["Ales Lutsk", "Alesia Brava"])
    shown = _incremental(store, 2)
    assert {"name:ales lutsk", "name:alesia brava"} <= {p["key"] for p in shown}

    # a claim naming one more person in an incident of two (the other two are read again)
    with store.transaction() as conn:
        store.execute("INSERT INTO documents (id, content_hash, kind, url, retrieved, text)"
                      " VALUES ('doc-lutsk', 'h-lutsk', 'text', 'https://example.org/a',"
                      " '2024-03-11', 'invented')", conn=conn)  # fmt: skip
        insert_claim(store, conn, {"id": "clm-lutsk", "incident_id": "inc-det-lutsk",
                                   "property": "persons", "value": ["Mikola Dzed"],
                                   "document_id": "doc-lutsk", "origin": "extracted",
                                   "evidence": "sentenced on Friday to six years in a colony"})
    shown = _incremental(store, 3)
    dzed = next(p for p in shown if p["key"] == "name:mikola dzed")
    assert dzed["facts"][0]["kind"] == "sentenced" and dzed["facts"][0]["sources"] == [
        "https://example.org/a"
    ]

    # the document's address: its incident's people show the new one
    store.execute("UPDATE documents SET url = 'https://example.org/b' WHERE id = 'doc-lutsk'")
    shown = _incremental(store, 3)
    assert "https://example.org/b" in next(p for p in shown if p["key"] == "name:mikola dzed")[
        "facts"][0]["sources"]  # fmt: skip

    # a release and a deportation linked: the release's person is freed and expelled
    _add(store, "inc-rel-brava", "release", "2025-01-20", ["Alesia Brava"])
    _incremental(store, 1)
    with store.transaction() as conn:
        insert_incident(store, conn, {"id": "inc-dep-brava", "type": "deportation",
                                      "date_min": "2025-01-20", "date_max": "2025-01-20",
                                      "destination": "Lithuania", "origin": "curated"})
        add_link(store, conn, "inc-rel-brava", "inc-dep-brava", "linked")
    shown = _incremental(store, 1)
    assert next(p for p in shown if p["key"] == "name:alesia brava")["status"] == (
        "freed and expelled"
    )

    # a reviewer's date, then a rejected incident: its only person is gone
    review.correct(store, "incident", "inc-det-sokal", {"date": "2020-02-01"}, "ana")
    shown = _incremental(store, 1)
    assert next(p for p in shown if p["key"] == "name:paval sokal")["facts"][0]["date"].startswith(
        "2020-02-01")  # fmt: skip
    review.reject(store, "incident", "inc-det-sokal", "ana")
    shown = _incremental(store, 1)
    assert "name:paval sokal" not in {p["key"] for p in shown}

    # a name corrected in place: the old spelling's person goes, the new one comes
    store.execute("UPDATE incidents SET persons = '[\"Alesia Bravaya\"]'"
                  " WHERE id = 'inc-det-brava'")  # fmt: skip
    shown = _incremental(store, 2)
    assert "name:alesia bravaya" in {p["key"] for p in shown}

    # an entity's name is not a fact: the registry is built whole
    store.execute("INSERT INTO entities (id, name, kind, role, attributes, origin) VALUES"
                  " ('ales-lutsk', 'Ales Lutsk', 'person', NULL, '{}', 'curated')")
    shown = _shown(store)
    assert shown == _fresh(store) and _updated(store) == len(shown)
    assert _walk(store, 2) == [p["key"] for p in shown]
