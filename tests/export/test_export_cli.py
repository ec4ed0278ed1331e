"""`qpq export` through click's test runner: output, files and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidproquo.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_csv_to_stdout(curated_db: str) -> None:
    code, out, _ = run("--db", curated_db, "export", "incidents", "--format", "csv")
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert "109 (3 sources)" in rows["2025-12-13-deportation-ukraine"]["count_claims"]


def test_ledger_jsonl_with_window(curated_db: str) -> None:
    args = ["--db", curated_db, "export", "ledger", "--format", "jsonl", "--window", "7"]
    code, out, _ = run(*args)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    late = next(r for r in rows if r["release"]["id"] == "2025-12-28-release-22")
    assert late["concessions"] == []


def test_out_file_is_written_whole(curated_db: str, tmp_path: Path) -> None:
    target = tmp_path / "entities.ftm.json"
    args = ["--db", curated_db, "export", "entities", "--format", "ftm", "--out", str(target)]
    code, out, err = run(*args)
    assert code == 0 and out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert f"{len(lines)} entities rows written to {target}" in err
    assert all(json.loads(line)["schema"] for line in lines)
    assert not list(tmp_path.glob("*.partial"))


def test_unwritable_out_exits_1(curated_db: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "claims.csv"
    args = ["--db", curated_db, "export", "claims", "--format", "csv", "--out", str(target)]
    code, _, err = run(*args)
    assert code == 1
    assert str(target) in err and "cannot write" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "--format", "ftm"], "ftm exports incidents and entities only"),
        (["incidents", "--format", "csv", "--window", "7"], "--window applies to the ledger"),
        (["ledger", "--format", "csv", "--window", "-1"], "-1"),
        (["prisoners", "--format", "csv"], "prisoners"),
        (["incidents"], "--format"),
        (["incidents", "--format", "xml"], "xml"),
        (["entities", "--format", "csv", "--accepted-only"], "no review status"),
    ],
)
def test_usage_errors_exit_2(curated_db: str, args: list[str], message: str) -> None:
    code, out, err = run("--db", curated_db, "export", *args)
    assert code == 2
    assert message in err and out == ""
