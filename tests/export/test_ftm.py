"""FollowTheMoney export: valid entity lines, resolvable references, honest sanction dates."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from quidproquo.export import export
from quidproquo.export.ftm import FtmMappingError, interval_dates, load_mapping, single_date
from quidproquo.store import Store

KNOWN_SCHEMATA = {"Person", "Organization", "Company", "PublicBody", "Event", "Sanction"}
REFERENCE_PROPERTIES = ("involved", "organizer", "entity")


def ftm_lines(store: Store, kind: str, **options: Any) -> list[dict[str, Any]]:
    out = io.StringIO()
    written = export(store, kind, "ftm", out, **options)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == written
    return lines


def by_record(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Incident id -> its FtM entity."""
    return {p["properties"]["recordId"][0]: p for p in lines if "recordId" in p["properties"]}


@pytest.mark.parametrize("kind", ["incidents", "entities"])
def test_lines_are_ftm_entities_with_known_schemata(curated_store: Store, kind: str) -> None:
    lines = ftm_lines(curated_store, kind)
    assert lines
    for proxy in lines:
        assert set(proxy) == {"id", "schema", "properties"}
        assert proxy["schema"] in KNOWN_SCHEMATA
        for values in proxy["properties"].values():
            assert values and all(isinstance(v, str) and v for v in values)
    ids = [p["id"] for p in lines]
    assert len(ids) == len(set(ids))


def test_references_point_at_entities_written_before(curated_store: Store) -> None:
    seen: set[str] = set()
    references = 0
    for proxy in ftm_lines(curated_store, "incidents"):
        for prop in REFERENCE_PROPERTIES:
            for ref in proxy["properties"].get(prop, []):
                assert ref in seen, (proxy["id"], prop, ref)
                references += 1
        seen.add(proxy["id"])
    assert references > 50


def test_every_incident_is_an_event_or_sanction(curated_store: Store) -> None:
    records = by_record(ftm_lines(curated_store, "incidents"))
    incidents = curated_store.query("SELECT id, type FROM incidents")
    assert set(records) == {i["id"] for i in incidents}
    for incident in incidents:
        schema = records[incident["id"]]["schema"]
        assert schema == "Event" or incident["type"].startswith("sanctions_")


def test_a_general_licence_is_not_an_end_date(curated_store: Store) -> None:
    records = by_record(ftm_lines(curated_store, "incidents"))
    instruments = {
        r["id"]: r["instrument"]
        for r in curated_store.query("SELECT id, instrument FROM incidents")
    }
    sanctions = {i: p for i, p in records.items() if p["schema"] == "Sanction"}
    licences = [i for i in sanctions if instruments[i] == "general_license"]
    assert len(licences) >= 2
    for incident_id, proxy in sanctions.items():
        ends = "endDate" in proxy["properties"]
        assert ends == (instruments[incident_id] == "sdn_removal"), incident_id
    gl13 = sanctions["2025-12-15-sanctions-eased-potash-gl13"]["properties"]
    assert gl13["provisions"] == ["General License 13"]
    assert set(gl13["date"]) == {"2025-12-15", "2025-12-12"}  # both claimed dates kept
    removal = sanctions["2025-11-04-sanctions-eased-belavia-sdn-removal"]["properties"]
    assert removal["endDate"] == ["2025-11-04"]
    imposed = sanctions["2023-08-sanctions-imposed-belavia"]["properties"]
    assert imposed["startDate"] == ["2023-08"] and imposed["entity"] == ["qpq-entity-belavia"]


def test_event_keeps_every_claimed_count(curated_store: Store) -> None:
    lines = ftm_lines(curated_store, "incidents")
    event = by_record(lines)["2025-12-13-deportation-ukraine"]["properties"]
    assert "count: 109 (3 sources) | 114 (1 source) | 115 (1 source)" in event["description"]
    assert event["location"] == ["Ukraine"] and event["country"] == ["ua"]
    assert event["date"] == ["2025-12-13"]
    assert len(event["sourceUrl"]) == 5
    names = {p["id"]: p["properties"]["name"][0] for p in lines if p["schema"] == "Person"}
    assert {names[i] for i in event["involved"] if i in names} >= {
        "Maria Kalesnikava",
        "Viktar Babaryka",
    }


def test_entities_keep_aliases_and_role(curated_store: Store) -> None:
    entities = {p["id"]: p for p in ftm_lines(curated_store, "entities")}
    coale = entities["qpq-entity-john-coale"]
    assert coale["schema"] == "Person"
    assert set(coale["properties"]["alias"]) == {"Coale", "John Cole"}
    assert entities["qpq-entity-us-treasury-ofac"]["schema"] == "PublicBody"


def test_accepted_only_leaves_out_candidate_incidents(news_store: Store) -> None:
    every = by_record(ftm_lines(news_store, "incidents"))
    reviewed = by_record(ftm_lines(news_store, "incidents", accepted_only=True))
    assert set(every) - set(reviewed) == {i for i in every if i.startswith("inc-")}
    assert len(every) == len(reviewed) + 1


def test_interval_dates() -> None:
    assert interval_dates("2025-12-13", "2025-12-13") == {"date": ["2025-12-13"]}
    assert interval_dates("2023-08-01", "2023-08-31") == {"date": ["2023-08"]}
    assert interval_dates("2024-01-01", "2024-12-31") == {"date": ["2024"]}
    assert interval_dates("2026-03-20", "2026-03-31") == {
        "startDate": ["2026-03-20"],
        "endDate": ["2026-03-31"],
    }
    assert interval_dates("2024-07-30", None) == {"startDate": ["2024-07-30"]}
    assert single_date("2026-03-20", "2026-03-31") == "2026-03"
    assert single_date("2025-11-20", "2026-01-10") == "2025-11-20"


def test_bad_mapping_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text("id_prefix: {entity: e-, incident: i-, name: n-}\n", encoding="utf-8")
    with pytest.raises(FtmMappingError, match=f"{path}: missing mapping 'entity_schemata'"):
        load_mapping(path)
    path.write_text("id_prefix: [", encoding="utf-8")
    with pytest.raises(FtmMappingError, match="not valid YAML"):
        load_mapping(path)
    with pytest.raises(FtmMappingError, match="cannot read"):
        load_mapping(tmp_path / "missing.yaml")
