"""What a new user attacking the system tried, each fixed: bad corrections, bad curated files,
loosely typed dates. Every case ends in a clear message naming the field (or the file and
entry), never in a traceback or a stored bad value."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidproquo.app import Quidproquo
from quidproquo.cli import main

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

RELEASE = "2025-02-12-release-3"  # curated, dated 2025-02-12


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("attacks") / "a.db"
    Quidproquo(str(db)).load_curated()
    return db


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_one_end_of_a_date_range_is_checked_against_the_stored_other(curated: Path) -> None:
    code, out = _run(curated, "review", "correct", RELEASE, "--reviewer", "t",
                     "--set", "date_max=2020-01-01")  # fmt: skip
    assert code == 1 and "date_max: is before date_min 2025-02-12" in out
    row = Quidproquo(str(curated)).store.query_one(
        "SELECT date_max FROM incidents WHERE id = :i", {"i": RELEASE}
    )
    assert row == {"date_max": "2025-02-12"}


def test_an_empty_correction_says_how_to_clear_a_field(curated: Path) -> None:
    code, out = _run(curated, "review", "correct", RELEASE, "--reviewer", "t", "--set", "count=")
    assert code == 1 and "--set count: no value (write count=null to clear it)" in out


def test_dates_typed_without_leading_zeros_are_dates_everywhere(curated: Path) -> None:
    _, loose = _run(curated, "ledger", "--period", "2025-6-1")
    _, strict = _run(curated, "ledger", "--period", "2025-06-01")
    assert "period 2025-06-01" in loose and loose == strict
    code, out = _run(curated, "events", "--since", "2026-1-1", "--until", "2025-01-01")
    assert code == 2 and "--since 2026-01-01 is after --until 2025-01-01" in out
    code, out = _run(curated, "ledger", "--period", "2026-02-31")
    assert code == 1 and "'2026-02-31' (day is out of range for month)" in out
    from quidproquo.web import create_app

    client = TestClient(create_app(str(curated)), base_url="http://localhost")
    loose_page, strict_page = (client.get(f"/?since={d}").text for d in ("2025-6-1", "2025-06-01"))
    table = '<table id="incidents">'
    assert table in strict_page and loose_page.split(table)[1] == strict_page.split(table)[1]
    refused = client.get("/?since=2026-02-31")
    assert refused.status_code == 400 and "day is out of range" in refused.text
    assert client.get("/documents?status=lost").status_code == 400


SOURCES = "  sources: [https://news.example.org/a]"
BAD_CURATED = {
    "impossible YAML date": ("events:\n- id: x\n  type: release\n  date: 2026-02-31\n" + SOURCES,
                             "a date that is not a day of the calendar"),
    "id used twice": ("events:\n" + ("- id: x\n  type: release\n  date: 2025-02-01\n" + SOURCES
                                     + "\n") * 2, "events[1] (id x): id used twice"),
    "linked_to not a list": ("events:\n- id: x\n  type: release\n  date: 2025-02-01\n"
                             "  linked_to: 5\n" + SOURCES, "linked_to must be a list of ids"),
    "claims not a list": ("events:\n- id: x\n  type: release\n  date: 2025-02-01\n  claims: 5\n"
                          + SOURCES, "claims must be a list of mappings"),
    "claimed persons not names": (
        "events:\n- id: x\n  type: release\n  date: 2025-02-01\n  claims: [{field: persons,"
        " value: 5, sources: [https://news.example.org/b]}]\n" + SOURCES,
        "persons: must be a list of names"),
    "range in reverse": ("events:\n- id: x\n  type: release\n  date_min: 2025-02-05\n"
                         "  date_max: 2025-02-01\n" + SOURCES, "date_max: is before date_min"),
    "id not text": ("events:\n- id: [1, 2]\n  type: release\n  date: 2025-02-01\n" + SOURCES,
                    "id must be text"),
    "contested not a flag": ("events:\n- id: x\n  type: release\n  date: 2025-02-01\n"
                             "  contested: maybe\n" + SOURCES, "contested: must be 0 or 1"),
    "sources not a list": ("events:\n- id: x\n  type: release\n  date: 2025-02-01\n  sources: 5",
                           "sources must be a list of URLs"),
    "entities not a list": ("entities: 5\nevents: []", "entities must be a list"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_CURATED))
def test_a_bad_curated_file_is_refused_naming_file_and_entry(tmp_path: Path, case: str) -> None:
    text, message = BAD_CURATED[case]
    path = tmp_path / "facts.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    code, out = _run(db, "resolve", "--curated", str(path))
    assert code == 1 and out.startswith(f"error: {path}: ") and message in out, out
    assert "Traceback" not in out
    rows = Quidproquo(str(db)).store.query("SELECT id FROM incidents")
    assert rows == []  # nothing of a refused file is stored
