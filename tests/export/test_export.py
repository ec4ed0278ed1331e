"""CSV and JSON Lines exports of incidents, claims, events, quotes, entities and the ledger."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from export_builders import QUOTE, REPORTS

from quidproquo.export import KINDS, ExportError, export
from quidproquo.export.ledger_rows import csv_row
from quidproquo.ledger import build_ledger
from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.views import list_incidents
from quidproquo.store import Store

DEPORTATION = "2025-12-13-deportation-ukraine"
RELEASE = "2025-12-13-release-123"


def run(store: Store, kind: str, fmt: str, **options: Any) -> str:
    out = io.StringIO()
    export(store, kind, fmt, out, **options)
    return out.getvalue()


def csv_rows(store: Store, kind: str, **options: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(store, kind, "csv", **options))))


def jsonl(store: Store, kind: str, **options: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in run(store, kind, "jsonl", **options).splitlines()]


def parse_claims(text: str) -> dict[str, int]:
    """'109 (3 sources); 114 (1 source)' -> {'109': 3, '114': 1}"""
    found = re.findall(r"([^;]+?) \((\d+) sources?\)(?:; |$)", text)
    return {value.strip(): int(n) for value, n in found}


def test_csv_incident_row_carries_every_count_claim(curated_store: Store) -> None:
    rows = {r["id"]: r for r in csv_rows(curated_store, "incidents")}
    row = rows[DEPORTATION]
    assert row["date"] == "2025-12-13" and row["type"] == "deportation"
    assert parse_claims(row["count_claims"]) == {"109": 3, "114": 1, "115": 1}
    assert row["count"] == ""  # the sources give no consensus figure
    assert row["contested"] == "true"
    assert rows[RELEASE]["count"] == "123" and rows[RELEASE]["contested"] == "false"


def test_csv_never_shows_one_value_of_a_disputed_property(curated_store: Store) -> None:
    incidents = {i["id"]: i for i in list_incidents(curated_store)}
    rows = csv_rows(curated_store, "incidents")
    assert len(rows) == len(incidents)
    disputed = 0
    for row in rows:
        for prop, values in incidents[row["id"]]["claims"].items():
            column = row.get(f"{prop}_claims")
            if column is None:
                continue
            assert len(parse_claims(column)) == len(values), (row["id"], prop, column)
            disputed += len(values) > 1
    assert disputed >= 5


def test_csv_claims_parse_back_with_their_sources(curated_store: Store) -> None:
    rows = [r for r in csv_rows(curated_store, "claims") if r["incident_id"] == DEPORTATION]
    counts = [r for r in rows if r["property"] == "count"]
    assert sorted(r["value"] for r in counts) == ["109", "109", "109", "114", "115"]
    assert all(r["source_url"].startswith("https://") for r in counts)
    assert {r["attributed_to"] for r in counts if r["value"] == "115"} == {
        "Office of Sviatlana Tsikhanouskaya"
    }


def test_jsonl_incident_lists_every_claim_with_its_source(curated_store: Store) -> None:
    lines = {line["id"]: line for line in jsonl(curated_store, "incidents")}
    incident = lines[DEPORTATION]
    counts = [c for c in incident["claims"] if c["property"] == "count"]
    assert sorted(c["value"] for c in counts) == [109, 109, 109, 114, 115]
    assert all(c["source_url"].startswith("https://") for c in counts)
    assert incident["claim_sets"]["count"][0] == {"value": 109, "sources": 3}
    assert incident["contested"] is True
    assert {"kind": "linked", "id": RELEASE} in [
        {"kind": lk["kind"], "id": lk["id"]} for lk in incident["links"]
    ]


def test_jsonl_extracted_claims_keep_document_and_evidence(news_store: Store) -> None:
    incident = next(i for i in jsonl(news_store, "incidents") if i["id"] == RELEASE)
    extracted = [c for c in incident["claims"] if c["document_id"] and c["property"] == "count"]
    assert {(c["value"], c["source_url"], c["evidence"]) for c in extracted} == {
        (count, url, sentence) for url, _, _, sentence, count in REPORTS if count != 9
    }
    assert incident["contested"] is True


def test_accepted_only_keeps_reviewed_incidents_and_claims(news_store: Store) -> None:
    every = jsonl(news_store, "incidents")
    reviewed = jsonl(news_store, "incidents", accepted_only=True)
    candidates = {i["id"] for i in every if i["status"] == "candidate"}
    assert len(candidates) == 1 and candidates.pop().startswith("inc-")
    assert len(reviewed) == len(every) - 1
    release = next(i for i in reviewed if i["id"] == RELEASE)
    assert all(c["status"] in ("accepted", "corrected") for c in release["claims"])
    assert not any(c["document_id"] for c in release["claims"])
    every_row = next(r for r in csv_rows(news_store, "incidents") if r["id"] == RELEASE)
    reviewed_row = next(
        r for r in csv_rows(news_store, "incidents", accepted_only=True) if r["id"] == RELEASE
    )
    assert parse_claims(every_row["count_claims"])["121"] == 1
    assert every_row["contested"] == "true"
    assert list(parse_claims(reviewed_row["count_claims"])) == ["123"]  # the 121 is unreviewed
    assert reviewed_row["contested"] == "false"
    claims = csv_rows(news_store, "claims", accepted_only=True)
    assert claims and not any(r["status"] == "candidate" for r in claims)


def test_events_and_quotes_carry_their_sentence_and_url(news_store: Store) -> None:
    events = csv_rows(news_store, "events")
    assert len(events) == 3
    nine = next(e for e in events if e["count"] == "9")
    assert (nine["source_url"], nine["evidence"]) == (REPORTS[2][0], REPORTS[2][3])
    [quote] = jsonl(news_store, "quotes")
    assert quote["speaker"] == "Natalia Eismont" and quote["text"] == QUOTE
    assert quote["source_url"] == "https://radio.example/statement"


def test_entities_with_aliases(curated_store: Store) -> None:
    rows = {r["id"]: r for r in csv_rows(curated_store, "entities")}
    assert rows["john-coale"]["kind"] == "person"
    assert set(rows["john-coale"]["aliases"].split("; ")) == {"Coale", "John Cole"}
    lines = {e["id"]: e for e in jsonl(curated_store, "entities")}
    assert lines["john-coale"]["aliases"] == ["Coale", "John Cole"]


@pytest.mark.parametrize("window", [7, 14])
def test_ledger_rows_are_build_ledger_rows(curated_store: Store, window: int) -> None:
    ledger = build_ledger(curated_store, window)
    rows = csv_rows(curated_store, "ledger", window_days=window)
    expected = [
        {k: "" if v is None else str(v) for k, v in csv_row(r).items()} for r in ledger.rows
    ]
    assert rows == expected
    lines = jsonl(curated_store, "ledger", window_days=window)
    assert lines == json.loads(json.dumps([r.to_dict() for r in ledger.rows], default=str))


def test_ledger_window_changes_links(curated_store: Store) -> None:
    def concessions(window: int) -> str:
        rows = csv_rows(curated_store, "ledger", window_days=window)
        return next(r for r in rows if r["release_id"] == "2025-12-28-release-22")["concessions"]

    assert "General License 13" in concessions(14)
    assert "General License 13" not in concessions(7)


@pytest.mark.parametrize(
    ("kind", "fmt", "options", "message"),
    [
        ("prisoners", "csv", {}, "unknown export"),
        ("incidents", "xml", {}, "unknown format"),
        ("claims", "ftm", {}, "ftm exports incidents and entities only"),
        ("incidents", "csv", {"window_days": 7}, "--window applies to the ledger"),
        ("ledger", "csv", {"window_days": -1}, "0 days or more"),
        ("entities", "jsonl", {"accepted_only": True}, "no review status"),
    ],
)
def test_bad_requests_say_why(
    curated_store: Store, kind: str, fmt: str, options: dict[str, Any], message: str
) -> None:
    out = io.StringIO()
    with pytest.raises(ExportError, match=message):
        export(curated_store, kind, fmt, out, **options)
    assert out.getvalue() == ""


@pytest.mark.postgres
def test_postgresql_exports_the_same_rows(curated_store: Store, postgres_url: str) -> None:
    stores = (curated_store, Store(postgres_url))
    load_curated(stores[1])
    combos = [(k, f) for k in KINDS for f in ("csv", "jsonl")] + [
        ("incidents", "ftm"),
        ("entities", "ftm"),
    ]
    loaded_at = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")  # differs per load
    for kind, fmt in combos:
        here, there = (loaded_at.sub("T", run(s, kind, fmt)).splitlines() for s in stores)
        assert sorted(here) == sorted(there), (kind, fmt)
        assert here[:1] == there[:1], (kind, fmt)  # same header, same first record
