"""`qpq extract` streams: batches committed as they finish, failures isolated, kill -9 resumes,
and a partitioned corpus runs on a local dask.distributed cluster."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from quidproquo import batch
from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.extract import Extractor
from quidproquo.model import Event, Extraction

ON_TOPIC = (
    "The authorities in Minsk let {n} detainees go on {day} March, a monitoring group reported. "
    "Relatives of the {n} waited at the border crossing into Lithuania."
)
OFF_TOPIC = "Ticket sales for the autumn harbour festival number {n} so far, organisers say."


def _text(n: int) -> str:
    return (ON_TOPIC if n % 3 == 0 else OFF_TOPIC).format(n=n + 10, day=1 + n % 27)


def _ingest(qpq: Quidproquo, folder: Path, count: int) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / "docs.jsonl"
    lines = [json.dumps({"id": f"d{n}", "text": _text(n), "published": "2026-03-30"})
             for n in range(count)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert qpq.ingest([path]).ok


def _statuses(qpq: Quidproquo) -> dict[str, int]:
    rows = qpq.store.query("SELECT status, COUNT(*) AS n FROM documents GROUP BY status")
    return {r["status"]: r["n"] for r in rows}


def test_documents_are_read_and_committed_in_batches(tmp_path: Path) -> None:
    qpq = Quidproquo(str(tmp_path / "x.db"))
    _ingest(qpq, tmp_path / "in", 7)
    done: list[int] = []
    report = qpq.extract(batch_size=3, progress=done.append)
    assert done == [3, 3, 1]
    assert report.documents == 7 and report.failed == 0
    assert _statuses(qpq) == {"extracted": 7}
    releases = qpq.store.query("SELECT count FROM events WHERE type = 'release' ORDER BY count")
    assert [r["count"] for r in releases] == [10, 13, 16]
    assert qpq.extract().documents == 0  # nothing left to do


def test_limit_takes_the_first_documents_only(tmp_path: Path) -> None:
    qpq = Quidproquo(str(tmp_path / "x.db"))
    _ingest(qpq, tmp_path / "in", 5)
    assert qpq.extract(batch_size=2, limit=3).documents == 3
    assert _statuses(qpq) == {"extracted": 3, "ingested": 2}


def test_a_failing_document_is_marked_failed_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qpq = Quidproquo(str(tmp_path / "x.db"))
    _ingest(qpq, tmp_path / "in", 7)
    real = Extractor.extract

    def fragile(self: Extractor, text: str, published: str | None = None) -> Extraction:
        if "13 detainees" in text:
            raise RecursionError("maximum recursion depth exceeded")
        if "16 detainees" in text:  # a count no column can hold: dropped before storing
            return Extraction(events=[Event(type="release", count=10**26, evidence=text)])
        return real(self, text, published)

    monkeypatch.setattr(Extractor, "extract", fragile)
    monkeypatch.setattr(batch, "_EXTRACTORS", {})
    report = qpq.extract(batch_size=4)
    assert (report.documents, report.failed) == (6, 1)
    failed = {r["id"]: r["failure"] for r in qpq.documents(status="failed")}
    assert len(failed) == 1
    assert next(iter(failed.values())).startswith("RecursionError: maximum recursion")
    # the good documents of both batches are stored, the failed ones hold no events
    assert _statuses(qpq) == {"extracted": 6, "failed": 1}
    counts = {r["count"] for r in qpq.store.query("SELECT count FROM events")}
    assert counts == {10, None}

    result = CliRunner().invoke(
        main, ["documents", "--status", "failed", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 0, result.output
    assert "RecursionError" in result.output and "FAILURE" in result.output
    assert "extracted" not in result.output


def test_a_run_killed_mid_way_resumes_where_it_stopped(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    qpq = Quidproquo(str(db))
    total = 400
    _ingest(qpq, tmp_path / "in", total)
    qpq_bin = Path(sys.executable).with_name("qpq")
    command = [str(qpq_bin), "extract", "--db", str(db), "--batch-size", "5", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        done = _statuses(qpq).get("extracted", 0)
        if done >= 10:
            break
        time.sleep(0.02)
    if process.poll() is not None:
        stderr = process.stderr.read().decode() if process.stderr else ""
        raise AssertionError(f"the run ended before it could be killed ({done} done): {stderr}")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = _statuses(qpq).get("extracted", 0)
    assert 10 <= done < total
    assert done % 5 == 0  # whole batches only: nothing half-written
    events_before = qpq.store.query_one("SELECT COUNT(*) AS n FROM events")

    report = qpq.extract(batch_size=50)
    assert report.documents == total - done  # the committed batches are not done again
    assert _statuses(qpq) == {"extracted": total}
    releases = qpq.store.query("SELECT DISTINCT document_id FROM events WHERE type = 'release'")
    assert len(releases) == len(range(0, total, 3))
    assert events_before is not None and events_before["n"] > 0


def _corpus(folder: Path) -> list[dict[str, str]]:
    folder.mkdir()
    records = [{"id": f"c{n}", "text": _text(n), "published": "2026-03-30"} for n in range(40)]
    with (folder / "a.jsonl").open("w", encoding="utf-8") as handle:
        for record in records[:25]:
            handle.write(json.dumps(record) + "\n")
        handle.write("{not json\n")
    pq.write_table(pa.Table.from_pylist(records[25:]), folder / "b.parquet", row_group_size=4)
    return records


def test_file_parts_cover_every_record_once(tmp_path: Path) -> None:
    records = _corpus(tmp_path / "corpus")
    parts = list(batch.file_parts(batch.corpus_files([tmp_path / "corpus"]), part_bytes=300))
    assert len(parts) > 10
    ids = []
    for part in parts:
        for item in batch._file_documents(part):
            ids.append(getattr(item, "source_id", None) or "error")
    assert sorted(ids) == sorted([r["id"] for r in records] + ["error"])


def test_a_corpus_runs_on_a_local_dask_cluster(tmp_path: Path) -> None:
    records = _corpus(tmp_path / "corpus")
    qpq = Quidproquo(str(tmp_path / "x.db"))
    report = qpq.extract_corpus([tmp_path / "corpus"], workers=2, part_bytes=600)
    assert report.documents == len(records)
    assert len(report.errors) == 1 and "invalid JSON" in report.errors[0]
    assert "a.jsonl" in report.errors[0]
    assert _statuses(qpq) == {"extracted": len(records)}
    stored = {r["source_id"] for r in qpq.store.query("SELECT source_id FROM documents")}
    assert stored == {r["id"] for r in records}
    releases = qpq.store.query("SELECT count FROM events WHERE type = 'release'")
    assert sorted(r["count"] for r in releases) == [n + 10 for n in range(0, 40, 3)]
    # the same corpus again: stored documents are left as they were
    again = qpq.extract_corpus([tmp_path / "corpus"])
    assert (again.documents, again.unchanged) == (0, len(records))


def test_stored_documents_on_dask_match_the_local_run(tmp_path: Path) -> None:
    local, remote = Quidproquo(str(tmp_path / "a.db")), Quidproquo(str(tmp_path / "b.db"))
    for qpq in (local, remote):
        _ingest(qpq, tmp_path / "in", 9)
    local.extract(batch_size=2)
    remote.extract(workers=2, batch_size=2)
    query = "SELECT id, type, count, evidence FROM events ORDER BY id"
    assert local.store.query(query) == remote.store.query(query)


def test_cli_extracts_a_corpus(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    db = str(tmp_path / "x.db")
    Quidproquo(db)  # read-only commands refuse a missing database; make it first
    result = CliRunner().invoke(
        main, ["extract", "--corpus", str(tmp_path / "corpus"), "--db", db, "--json"]
    )
    assert result.exit_code == 1  # one record could not be read: named, the rest stored
    assert '"documents": 40' in result.output
    assert "invalid JSON" in result.output


def test_corpus_records_keep_their_own_metadata(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    qpq = Quidproquo(str(tmp_path / "x.db"))
    qpq.extract_corpus([tmp_path / "corpus"])
    row = qpq.store.query_one("SELECT published, kind FROM documents WHERE source_id = 'c3'")
    assert row == {"published": "2026-03-30", "kind": "jsonl"}
