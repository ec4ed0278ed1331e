"""`qpq ledger` and `qpq report` through click's test runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidproquo.cli import main
from quidproquo.resolve.curated import load_curated
from quidproquo.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    load_curated(Store(path))
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_ledger_table(db: str) -> None:
    code, out = run("--db", db, "ledger")
    assert code == 0, out
    line = next(ln for ln in out.splitlines() if ln.startswith("2025-12-13"))
    assert "123 (×11)" in line and "John Coale" in line
    assert "General License 13 → Belarusian Potash Company" in out
    assert "14 [14×5 / 16×1]" in out
    assert "Chance test: Releases were" in out and "by the rule 'contact'" in out
    assert "Prisoners: 11 releases" in out and "Visits and relief steps: 17" in out
    assert "Description, not a test" in out and "±14 d" in out
    assert "first-release (from 2024-07-03, n = 23)" in out
    assert "Outside the period, not tested: 12 release(s)." in out
    terms = out.split("Terms of trade:")[1]
    assert "796 prisoners freed in 23 releases" in terms and "against 9 US relief steps" in terms
    assert "Still held as of 2026-03-19: more than 1100" in terms
    assert "Belaruskali: under sanctions, eased by General License 13" in terms
    assert "Belavia" not in terms  # removed from the SDN list on 2025-11-04


def test_ledger_json_window(db: str) -> None:
    code, out = run("--db", db, "ledger", "--json", "--window", "7")
    assert code == 0, out
    data = json.loads(out)
    assert data["window_days"] == 7
    row = next(r for r in data["rows"] if r["release"]["id"] == "2025-12-28-release-22")
    assert row["concessions"] == []  # GL 13 is 13 days before: in a 14-day window only
    assert data["tests"]["period"]["rule"] == "contact"
    assert [w["window_days"] for w in data["tests"]["windows"]] == [0, 1, 3, 7, 14, 30]
    assert data["terms"]["releases"] == 23 and data["terms"]["latest_held"][0]["count"] == 1100


def test_ledger_period_and_earliest_year_options(db: str) -> None:
    code, out = run("--db", db, "ledger", "--json", "--period", "2025-01-01")
    assert code == 0, out
    tests = json.loads(out)["tests"]
    assert tests["period"] == tests["period"] | {"rule": "fixed", "start": "2025-01-01"}
    code, out = run("--db", db, "ledger", "--period", "first-release", "--earliest-year", "2025")
    assert code == 0, out
    assert "by the rule 'first-release'" in out and "Left out: release" in out
    code, out = run("--db", db, "ledger", "--earliest-year", "99999")
    assert code == 2 and "--earliest-year" in out  # a year to come would leave out every fact
    code, out = run("--db", db, "ledger", "--period", "whenever")
    assert code != 0 and "unknown period 'whenever'" in out


def test_ledger_csv(db: str) -> None:
    code, out = run("--db", db, "ledger", "--csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    sept = next(r for r in rows if r["release_id"] == "2025-09-11-release-52")
    assert "General License 11" in sept["concessions"] and "SDN removal" in sept["concessions"]
    assert sept["count"] == "52"


def test_ledger_accepted_only_on_empty_store(tmp_path: Path) -> None:
    Store(str(tmp_path / "empty.db"))  # an empty database (a missing one is an error)
    code, out = run("--db", str(tmp_path / "empty.db"), "ledger", "--accepted-only")
    assert code == 0, out
    assert "nothing to test" in out


def test_ledger_rejects_negative_window(db: str) -> None:
    code, out = run("--db", db, "ledger", "--window", "-1")
    assert code != 0 and "-1" in out


def test_report_prints_path(db: str, tmp_path: Path) -> None:
    code, out = run("--db", db, "report", "--out", str(tmp_path / "rep"), "--window", "10")
    assert code == 0, out
    path = Path(out.strip())
    assert path == tmp_path / "rep" / "index.html" and path.exists()
    assert "window ±10 days" in path.read_text()


def test_report_into_a_file_fails_with_exit_1(db: str, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    code, out = run("--db", db, "report", "--out", str(target))
    assert code == 1 and "not a directory" in out
