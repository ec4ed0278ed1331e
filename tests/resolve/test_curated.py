"""Loading the bundled curated dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from quidproquo.resolve.curated import CuratedDataError, load_curated, read_curated
from quidproquo.store import Store, from_json

TABLES = ("incidents", "claims", "incident_links", "entities", "entity_aliases", "held_counts")


def _sizes(store: Store) -> dict[str, int]:
    return {t: store.query_one(f"SELECT COUNT(*) AS n FROM {t}")["n"] for t in TABLES}


def test_loads_every_curated_event_as_an_accepted_incident(store: Store) -> None:
    _, data = read_curated()
    summary = load_curated(store)
    assert summary.incidents == summary.incidents_added == len(data["events"])
    assert summary.held_counts_added == len(data["prisoner_counts"])
    assert summary.entities_added == len(data["entities"])
    release = store.query_one("SELECT * FROM incidents WHERE id = '2025-12-13-release-123'")
    assert release is not None
    assert (release["type"], release["date_min"], release["count"]) == (
        "release",
        "2025-12-13",
        123,
    )
    assert (release["status"], release["origin"]) == ("accepted", "curated")
    assert "Maria Kalesnikava" in from_json(release["persons"])


def test_contested_claims_are_kept_one_per_source(store: Store) -> None:
    load_curated(store)
    rows = store.query(
        "SELECT value, attributed_to, source_url FROM claims"
        " WHERE incident_id = '2025-12-13-deportation-ukraine' AND property = 'count'"
    )
    assert {from_json(r["value"]) for r in rows} == {109, 114, 115}
    assert all(r["source_url"] for r in rows)
    incident = store.query_one(
        "SELECT contested, count FROM incidents WHERE id = '2025-12-13-deportation-ukraine'"
    )
    assert incident == {"contested": 1, "count": None}


def test_instruments_links_and_aliases(store: Store) -> None:
    load_curated(store)
    gl13 = store.query_one(
        "SELECT instrument, instrument_label FROM incidents"
        " WHERE id = '2025-12-15-sanctions-eased-potash-gl13'"
    )
    assert gl13 == {"instrument": "general_license", "instrument_label": "General License 13"}
    linked = store.query(
        "SELECT * FROM incident_links WHERE kind = 'linked' AND"
        " incident_id IN (:a, :b) AND other_id IN (:a, :b)",
        {"a": "2025-12-13-release-123", "b": "2025-12-13-deportation-ukraine"},
    )
    assert len(linked) == 1  # symmetric link stored once although both entries list it
    aliases = store.query("SELECT alias FROM entity_aliases WHERE entity_id = 'maria-kalesnikava'")
    assert "Kolesnikova" in {a["alias"] for a in aliases}


def test_loading_twice_changes_nothing(store: Store) -> None:
    load_curated(store)
    before = _sizes(store)
    again = load_curated(store)
    assert (again.incidents_added, again.claims_added, again.links_added) == (0, 0, 0)
    assert _sizes(store) == before


def test_bad_file_names_the_file_and_the_entry(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(
        "events:\n- id: 2026-01-01-release-x\n  type: liberation\n  date: 2026-01-01\n"
        "  sources: [https://example.org/a]\n",
        encoding="utf-8",
    )
    with pytest.raises(
        CuratedDataError, match=r"facts\.yaml: events\[0\] \(id 2026-01-01-release-x\)"
    ):
        load_curated(store, path)
    path.write_text("events: [\n", encoding="utf-8")
    with pytest.raises(CuratedDataError, match="facts.yaml: not valid YAML"):
        load_curated(store, path)
    assert _sizes(store)["incidents"] == 0
