"""Extracted values that fail validation are dropped from their event, counted and reported:
in the `qpq extract` summary, on the document's record (`qpq documents`) and in a log line
naming the document and the field."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quidproquo import batch
from quidproquo.cli import main
from quidproquo.model import Event, Extraction

# Our own test text.
TEXT = (
    "VITEBSK, May 5 (Test Wire) - A court in Vitebsk let 6 detained activists go home on"
    " Monday after months in custody, their lawyers said."
)


class SpoiledExtractor:
    """The real extractor, with one implausible event added to each document's results: a
    26-digit count, a date in year 1 and a person name made of control characters."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def extract(self, text: str, published: Any = None) -> Extraction:
        found: Extraction = self.real.extract(text, published)
        bad = Event(type="release", date_min="0001-01-01", date_max="0001-01-01",
                    count=10**25, persons=["\x01\x02", "Ales Testovich"],
                    evidence=text[:40], sentence_start=0, sentence_end=40)  # fmt: skip
        return replace(found, events=[*found.events, bad])


@pytest.fixture
def spoiled(monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch._extractor()
    monkeypatch.setitem(batch._EXTRACTORS, "default", SpoiledExtractor(real))


@pytest.mark.usefixtures("spoiled")
def test_refused_values_are_counted_recorded_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    article = tmp_path / "vitebsk.txt"
    article.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "r.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(article), "--published", "2026-05-05"])
    with caplog.at_level(logging.WARNING):
        result = runner.invoke(main, ["--db", db, "extract"])
    assert result.exit_code == 0, result.output
    assert "3 extracted values refused" in result.output

    doc = json.loads(runner.invoke(main, ["--db", db, "documents", "--json"]).output)[0]
    assert doc["refused"] == 3
    reasons = doc["refusals"].splitlines()
    assert [r.split(":")[0] for r in reasons] == ["count", "date_min", "persons"]
    table = runner.invoke(main, ["--db", db, "documents"]).output
    assert "REFUSED FIELDS" in table and "count, date_min, persons" in table

    logged = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(logged) == 3 and all(doc["id"] in m for m in logged)
    assert any("date_min" in m for m in logged)

    # The event itself is kept, with what passed.
    events = json.loads(runner.invoke(main, ["--db", db, "events", "--raw", "--json"]).output)
    kept = [e for e in events if e["persons"] == ["Ales Testovich"]]
    assert len(kept) == 1 and kept[0]["count"] is None and kept[0]["date_min"] is None
