"""Corpus results as Parquet partitions (`qpq extract --corpus --parquet`) and `qpq load`."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from quidproquo.app import Quidproquo, extract_corpus_to_parquet
from quidproquo.cli import main
from test_extract_stream import _corpus

FACTS = "SELECT e.id, e.type, e.count, e.evidence, e.sentence_start, e.sentence_end, d.source_id" \
    " FROM events e JOIN documents d ON d.id = e.document_id ORDER BY e.id"  # fmt: skip


def _rows(qpq: Quidproquo, sql: str) -> list[dict[str, object]]:
    return qpq.store.query(sql)


def test_partitions_written_on_dask_load_as_the_direct_run_stores(tmp_path: Path) -> None:
    records = _corpus(tmp_path / "corpus")
    out = tmp_path / "results"
    written = extract_corpus_to_parquet([tmp_path / "corpus"], out, workers=2, part_bytes=600)
    files = sorted(out.glob("*.parquet"))
    # one file per partition: the JSON Lines file in 600-byte ranges, the Parquet by row group
    assert len(files) > 5 and not list(out.glob("*.part"))
    assert written.documents == len(records) and len(written.errors) == 1
    assert "invalid JSON" in written.errors[0] and "a.jsonl" in written.errors[0]

    loaded = Quidproquo(str(tmp_path / "loaded.db"))
    report = loaded.load([out], batch_size=7)
    direct = Quidproquo(str(tmp_path / "direct.db"))
    direct.extract_corpus([tmp_path / "corpus"], part_bytes=600)
    assert (report.documents, report.events) == (len(records), written.events)
    assert len(report.errors) == 1 and "invalid JSON" in report.errors[0]  # kept in its file
    assert _rows(loaded, FACTS) == _rows(direct, FACTS) and len(_rows(loaded, FACTS)) > 10

    # loading the same files again changes nothing
    again = loaded.load([out])
    assert (again.documents, again.unchanged) == (0, len(records))
    assert _rows(loaded, FACTS) == _rows(direct, FACTS)


def test_a_bad_partition_is_named_and_skipped(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    out = tmp_path / "results"
    extract_corpus_to_parquet([tmp_path / "corpus"], out, part_bytes=100_000)
    good = sorted(out.glob("*.parquet"))
    (out / "broken.parquet").write_bytes(b"PAR1 this is not a parquet file")
    pq.write_table(pa.Table.from_pylist([{"id": "x", "text": "no results here"}]),
                   out / "other.parquet")  # fmt: skip
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(main, ["load", str(out), "--db", db, "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output[result.output.index("{"):])
    assert report["documents"] == 40 and len(good) == 5  # a.jsonl whole, b.parquet's 4 groups
    problems = [e for e in report["errors"] if "skipped" in e]
    assert len(problems) == 2
    assert any("broken.parquet" in e for e in problems)
    assert any("other.parquet" in e and "no column" in e for e in problems)


def test_cli_writes_partitions_without_a_database_and_loads_them(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    out, db = tmp_path / "results", tmp_path / "x.db"
    runner = CliRunner()
    result = runner.invoke(main, ["extract", "--corpus", str(tmp_path / "corpus"),
                                  "--parquet", str(out), "--db", str(db)])  # fmt: skip
    assert result.exit_code == 1  # the unreadable record, named
    assert "invalid JSON" in result.output and f"qpq load {out}" in result.output
    assert not db.exists()
    result = runner.invoke(main, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 1  # the record unreadable in the corpus is named again
    assert "invalid JSON" in result.output and "record 26" in result.output
    assert "40 documents: 14 events" in result.output
    assert runner.invoke(main, ["extract", "--parquet", str(out)]).exit_code == 2
