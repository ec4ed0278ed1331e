"""A reviewer's corrected count is shown as the reviewer's, beside the sources' values,
in the CLI, the CSV export, the web pages and the report."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from web_fixtures import TestClient

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.export.ledger_rows import claims_text
from quidproquo.ledger.links import ClaimValue
from quidproquo.resolve.review import correct
from quidproquo.web import create_app


def test_claims_text_never_credits_the_sources_with_a_reviewer_value() -> None:
    two = [ClaimValue(value=17, qualifier=None, n_sources=2, sources=["a", "b"])]
    assert claims_text(two, 17) == "17 (×2)"
    assert claims_text(two, 18, by_reviewer=True) == "18 (reviewer) [17×2]"
    assert claims_text(two, 18) == "18 [17×2]"  # a consensus no source states is not "×2"


def test_corrected_count_is_the_reviewers_everywhere(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    qpq = Quidproquo(str(db))
    qpq.load_curated()
    row = qpq.store.query(
        "SELECT i.id, i.count FROM incidents i WHERE i.type = 'release' AND i.count > 0"
        " AND (SELECT COUNT(*) FROM claims c WHERE c.incident_id = i.id"
        " AND c.property = 'count') > 0 ORDER BY i.date_min LIMIT 1"
    )[0]
    new = row["count"] + 1
    correct(qpq.store, "incident", row["id"], {"count": new}, "rita")
    sources = f"{row['count']}×"

    runner = CliRunner()
    out = runner.invoke(main, ["--db", str(db), "ledger", "--csv"]).output
    line = next(x for x in out.splitlines() if row["id"] in x)
    assert f"{new} (reviewer) [" in line and sources in line
    out = runner.invoke(main, ["--db", str(db), "export", "ledger", "--format", "csv"]).output
    assert f"{new} (reviewer) [" in next(x for x in out.splitlines() if row["id"] in x)

    client = TestClient(create_app(str(db)))
    ledger = client.get("/ledger").text
    assert "(reviewer)" in ledger and f"{row['count']} × " in ledger
    page = client.get(f"/incidents/{row['id']}").text
    assert "Reviewer&#39;s count" in page or "Reviewer's count" in page
    assert client.get("/ledger.json").json()

    report = qpq.report(tmp_path / "report")
    html = report.read_text(encoding="utf-8")
    assert "(reviewer)" in html
