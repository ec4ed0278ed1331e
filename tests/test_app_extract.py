"""Extraction into the store: candidates with stable ids, reviewed facts kept, Dask batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from quidproquo.app import Quidproquo
from quidproquo.ingest import SourceMeta

REPORT = (
    "Belarus freed 18 political prisoners on Thursday, the rights group said.\n\n"
    "\"We are relieved,\" said Ina Example, whose brother was among them.\n\n"
    "Most of those freed were driven across the border into Lithuania."
)


@pytest.fixture
def qpq(tmp_path: Path) -> Quidproquo:
    qpq = Quidproquo(str(tmp_path / "x.db"))
    article = tmp_path / "report.txt"
    article.write_text(REPORT, encoding="utf-8")
    qpq.ingest([article], SourceMeta(published="2026-04-10", publisher="Example Wire"))
    return qpq


def _events(qpq: Quidproquo) -> list[dict[str, object]]:
    return qpq.store.query("SELECT * FROM events ORDER BY id")


def test_extract_stores_candidates_pointing_at_their_sentence(qpq: Quidproquo) -> None:
    report = qpq.extract()
    assert report.documents == 1 and report.events >= 1 and report.quotes == 1
    doc = qpq.store.query_one("SELECT text, status FROM documents")
    assert doc is not None and doc["status"] == "extracted"
    releases = [e for e in _events(qpq) if e["type"] == "release" and e["count"] == 18]
    assert releases and releases[0]["status"] == "candidate"
    start, end = releases[0]["sentence_start"], releases[0]["sentence_end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert doc["text"][start:end] == releases[0]["evidence"]
    assert qpq.extract().documents == 0  # nothing new to extract


def test_re_extraction_keeps_what_a_reviewer_decided(qpq: Quidproquo) -> None:
    qpq.extract()
    first = _events(qpq)
    chosen = first[0]["id"]
    qpq.store.execute("UPDATE events SET status = 'rejected' WHERE id = :i", {"i": chosen})
    report = qpq.extract(again=True)
    again = {e["id"]: e for e in _events(qpq)}
    assert set(again) == {e["id"] for e in first}  # same ids: stable
    assert again[chosen]["status"] == "rejected"
    assert report.kept_reviewed == 1


def test_dask_batch_gives_the_same_results(qpq: Quidproquo, tmp_path: Path) -> None:
    other = Quidproquo(str(tmp_path / "y.db"))
    other.ingest([tmp_path / "report.txt"], SourceMeta(published="2026-04-10"))
    qpq.extract()
    other.extract(workers=2)
    keep = ("id", "type", "count", "date_min", "date_max", "destination", "evidence")
    assert [{k: e[k] for k in keep} for e in _events(qpq)] == [
        {k: e[k] for k in keep} for e in _events(other)
    ]
