"""Values are checked where they enter: corrections, curated facts, extracted events, lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from quidproquo.app import ExtractReport, Quidproquo
from quidproquo.batch import Outcome
from quidproquo.cli import main
from quidproquo.model import Event, Extraction
from quidproquo.resolve.curated import CuratedDataError
from quidproquo.validate import (
    InvalidValue,
    check_count,
    check_date,
    check_fields,
    check_names,
    checked_event,
    stored_count,
    stored_date,
    stored_names,
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("13/12/2025", "date: must be a date written YYYY-MM-DD"),
        ("2026-02-31", "date: is not a day of the calendar"),
        ("1925-06-01", "date: is before 1991"),
        ("9999-12-31", "date: is after"),
        ("0001-01-01", "date: is before 1991"),
    ],
)
def test_bad_dates_are_refused_naming_the_field(value: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        check_date(value, "date")


def test_dates_are_bounded_by_the_publication_and_a_configurable_earliest_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert check_date("2025-12-13", "date") == "2025-12-13"
    assert check_date("2026-06-01", "date", published="2025-06-30T10:00:00+00:00")
    with pytest.raises(InvalidValue, match="after 2026-07-01"):
        check_date("2026-07-02", "date", published="2025-06-30")
    monkeypatch.setenv("QPQ_EARLIEST_YEAR", "1920")
    assert check_date("1925-06-01", "date") == "1925-06-01"
    for bad in ("long ago", "99999", "0"):
        monkeypatch.setenv("QPQ_EARLIEST_YEAR", bad)
        with pytest.raises(InvalidValue, match="QPQ_EARLIEST_YEAR"):
            check_date("2025-01-01", "date")


@pytest.mark.parametrize("value", [-123, "-1", "many", 10**26, "1e9", True, 2.5])
def test_counts_are_whole_non_negative_and_bounded(value: object) -> None:
    with pytest.raises(InvalidValue, match="^count: "):
        check_count(value, "count")


def test_good_values_come_back_in_their_stored_form() -> None:
    assert check_count("122", "count") == 122
    assert check_names('["Ales Bialiatski", "Maria Kalesnikava"]', "persons") == [
        "Ales Bialiatski",
        "Maria Kalesnikava",
    ]
    assert check_fields({"date_min": "2025-01-02", "count_qualifier": "about"}) == {
        "date_min": "2025-01-02",
        "count_qualifier": "about",
    }
    with pytest.raises(InvalidValue, match="date_max: is before date_min"):
        check_fields({"date_min": "2025-01-02", "date_max": "2025-01-01"})


@pytest.mark.parametrize(
    "value", ["Ales, Maria", '{"name": "Ales"}', "[1, 2]", '["ok", null]', '["bad\\u0000"]']
)
def test_malformed_persons_are_refused(value: str) -> None:
    with pytest.raises(InvalidValue, match="^persons: "):
        check_names(value, "persons")


def test_stored_readers_never_raise() -> None:
    assert stored_date("13/12/2025") is None and stored_date("2026-02-31") is None
    assert stored_date("2025-12-13T10:00:00") is not None
    assert stored_count("abc") is None and stored_count(-4) is None and stored_count(7) == 7
    assert stored_names("not json") == [] and stored_names('{"a": 1}') == []
    assert stored_names('["A", null, 3]') == ["A", "3"]


def _corrected(tmp_path: Path, *sets: str) -> tuple[int, str, Quidproquo]:
    db = tmp_path / "v.db"
    qpq = Quidproquo(str(db))
    qpq.load_curated()
    qpq.resolve()
    incident = qpq.store.query("SELECT id FROM incidents ORDER BY id LIMIT 1")[0]["id"]
    args = ["--db", str(db), "review", "correct", incident, "--reviewer", "rita"]
    for pair in sets:
        args += ["--set", pair]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output, qpq


@pytest.mark.parametrize(
    ("pair", "field"),
    [
        ("date=13/12/2025", "date"),
        ("count=-123", "count"),
        ("count=100000000000000000000000000", "count"),
        ("persons=Ales and Maria", "persons"),
        ('persons={"a": 1}', "persons"),
        ("count_qualifier=roughly", "count_qualifier"),
    ],
)
def test_review_correct_refuses_a_bad_value_and_changes_nothing(
    tmp_path: Path, pair: str, field: str
) -> None:
    code, out, qpq = _corrected(tmp_path, pair)
    assert code == 1
    assert f"{field}: " in out and "Traceback" not in out
    assert qpq.store.query("SELECT * FROM audit_log") == []
    assert qpq.store.query("SELECT id FROM incidents WHERE status = 'corrected'") == []


def test_review_correct_accepts_good_values(tmp_path: Path) -> None:
    code, out, qpq = _corrected(tmp_path, "count=18", 'persons=["Ales Bialiatski"]')
    assert code == 0, out
    row = qpq.store.query("SELECT count, persons FROM incidents WHERE status = 'corrected'")[0]
    assert row["count"] == 18 and json.loads(row["persons"]) == ["Ales Bialiatski"]


def test_extracted_values_out_of_range_are_dropped_before_storing(tmp_path: Path) -> None:
    event = Event(
        type="release",
        date_min="0001-01-01",
        date_max="0001-01-01",
        count=10**26,
        count_qualifier="about",
        persons=["Ales Bialiatski", "x\x00y"],
        evidence="They freed many.",
    )
    clean = checked_event(event)
    assert (clean.count, clean.count_qualifier, clean.date_min) == (None, None, None)
    assert clean.persons == ["Ales Bialiatski"]

    qpq = Quidproquo(str(tmp_path / "e.db"))
    qpq.ingest([_text(tmp_path, "They freed many.")])
    doc_id = qpq.documents()[0]["id"]
    qpq._commit([Outcome(doc_id, Extraction(events=[event]))], ExtractReport(), replace=True)
    stored = qpq.store.query("SELECT count, date_min FROM events")
    assert stored == [{"count": None, "date_min": None}]


def _text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_curated_file_with_an_implausible_value_is_refused(tmp_path: Path) -> None:
    entry = {
        "id": "x-1", "type": "release", "date": "2025-06-01", "count": 10**26,
        "sources": ["https://example.org/a"],
    }  # fmt: skip
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"events": [entry]}), encoding="utf-8")
    qpq = Quidproquo(str(tmp_path / "c.db"))
    with pytest.raises(CuratedDataError, match=r"events\[0\] \(id x-1\): count: must be between"):
        qpq.load_curated(path)
    entry |= {"count": 5, "date": "1850-01-01"}
    path.write_text(yaml.safe_dump({"events": [entry]}), encoding="utf-8")
    with pytest.raises(CuratedDataError, match="date_min: is before 1991"):
        qpq.load_curated(path)
    assert qpq.store.query("SELECT id FROM incidents") == []


def test_sanctions_entry_with_a_bad_date_is_an_error_and_the_rest_go_in(tmp_path: Path) -> None:
    entities = [
        {"id": "ok", "schema": "Company",
         "properties": {"name": ["Good Mill"], "topics": ["sanction"]}},
        {"id": "s-ok", "schema": "Sanction",
         "properties": {"entity": ["ok"], "startDate": ["2021-12"]}},
        {"id": "bad", "schema": "Company", "properties": {"name": ["Odd Mill"]}},
        {"id": "s-bad", "schema": "Sanction",
         "properties": {"entity": ["bad"], "startDate": ["2025-02-30"]}},
    ]  # fmt: skip
    path = tmp_path / "list.json"
    path.write_text(json.dumps(entities), encoding="utf-8")
    report = Quidproquo(str(tmp_path / "l.db")).ingest_lists([path])
    assert report.added == 1
    assert [e.reason for e in report.errors] == [
        "entry bad: listed_on: is not a day of the calendar (day is out of range for month)"
        " (got '2025-02-30')"
    ]
