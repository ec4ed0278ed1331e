"""A reviewer's corrected count is shown as the reviewer's, beside the sources' values,
in the CLI, the CSV export, the web pages and the report."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from web_fixtures import ARTICLE, BASE_URL, TestClient

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.resolve.review import accept, correct
from quidproquo.resolve.shown import value_text
from quidproquo.web import create_app


def test_claims_text_never_credits_the_sources_with_a_reviewer_value() -> None:
    def count_text(consensus: int, by_reviewer: bool = False) -> str:
        two = [{"value": 17, "qualifier": None, "sources": 2}]
        shown = {"value": consensus, "qualifier": None, "by_reviewer": by_reviewer, "claims": two}
        return value_text("count", shown)

    assert count_text(17) == "17 (×2)"
    assert count_text(18, by_reviewer=True) == "18 (reviewer) [17×2]"
    assert count_text(18) == "18 [17×2]"  # a consensus no source states is not "×2"


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

    client = TestClient(create_app(str(db)), base_url=BASE_URL)
    ledger = client.get("/ledger").text
    assert "(reviewer)" in ledger and f"{row['count']} × " in ledger
    page = client.get(f"/incidents/{row['id']}").text
    assert "Reviewer&#39;s count" in page or "Reviewer's count" in page
    assert client.get("/ledger.json").json()

    report = qpq.report(tmp_path / "report")
    html = report.read_text(encoding="utf-8")
    assert "(reviewer)" in html


RELEASE = "2025-02-12-release-3"  # curated: 3 freed, to Lithuania, on 2025-02-12


def _reviewed_db(tmp_path: Path) -> tuple[Path, Quidproquo, str]:
    """The curated facts with one release corrected by a reviewer on four properties (through
    the CLI, as a user would), and one extracted event's count corrected."""
    db = tmp_path / "every.db"
    qpq = Quidproquo(str(db))
    qpq.load_curated()
    sets = ["count=4", "destination=Poland", "date=2025-02-13", 'persons=["Jan Testowy"]']
    args = ["--db", str(db), "review", "correct", RELEASE, "--reviewer", "rita"]
    out = CliRunner().invoke(main, args + [a for s in sets for a in ("--set", s)])
    assert out.exit_code == 0, out.output
    return db, qpq, RELEASE


def _cli(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_every_corrected_property_is_the_reviewers_on_every_surface(tmp_path: Path) -> None:
    db, qpq, rid = _reviewed_db(tmp_path)
    marks = {
        "count": "4 (reviewer) [3×",
        "destination": "Poland (reviewer) [Lithuania×",
        "date": "2025-02-13 (reviewer) [2025-02-12×",
        "persons": "Jan Testowy (reviewer) [",
    }

    # CLI: the incident, the event list, the ledger table / CSV / JSON.
    text = _cli(db, "incident", rid)
    for mark in marks.values():
        assert mark in text
    assert "actor: Government of Belarus (1 source)" in text  # not corrected: as the sources say
    line = next(x for x in _cli(db, "events", "--type", "release").splitlines() if rid in x)
    for prop in ("count", "destination", "date", "persons"):
        assert f"{prop}: {marks[prop]}" in line
    shown = next(i for i in json.loads(_cli(db, "events", "--json")) if i["id"] == rid)
    assert shown["by_reviewer"] == ["count", "date", "destination", "persons"]
    assert shown["values"]["count"]["by_reviewer"] and shown["values"]["count"]["value"] == 4
    assert [c["value"] for c in shown["values"]["count"]["claims"]] == [3]
    assert not shown["values"]["actor"]["by_reviewer"]
    table = _cli(db, "ledger")
    assert all(mark in table for mark in (marks["count"], marks["date"], "Poland (reviewer)"))
    row = next(r for r in csv.DictReader(io.StringIO(_cli(db, "ledger", "--csv")))
               if r["release_id"] == rid)  # fmt: skip
    assert row["count_claims"].startswith(marks["count"])
    for prop in ("date", "destination", "persons"):
        assert f"{prop}: {marks[prop]}" in row["reviewer_values"]
    ledger = json.loads(_cli(db, "ledger", "--json"))
    release = next(r["release"] for r in ledger["rows"] if r["release"]["id"] == rid)
    assert release["by_reviewer"] == ["count", "date", "destination", "persons"]
    assert release["values"]["destination"]["claims"][0]["value"] == "Lithuania"

    # Exports: incidents CSV, JSON Lines, FollowTheMoney.
    out = _cli(db, "export", "incidents", "--format", "csv")
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["id"] == rid)
    assert row["count"] == "4" and row["count_claims"].startswith(marks["count"])
    assert row["destination_claims"].startswith(marks["destination"])
    assert row["by_reviewer"] == "count; date; destination; persons"
    out = _cli(db, "export", "incidents", "--format", "jsonl")
    record = next(json.loads(x) for x in out.splitlines() if json.loads(x)["id"] == rid)
    assert record["values"]["date"]["by_reviewer"] and record["values"]["date"]["claims"]
    out = _cli(db, "export", "incidents", "--format", "ftm")
    event = next(json.loads(x) for x in out.splitlines() if rid in x and '"Event"' in x)
    assert f"count: {marks['count']}" in " ".join(event["properties"]["description"])
    assert event["properties"]["location"] == ["Poland"]

    # Web: incident page, ledger, timeline, JSON.
    client = TestClient(create_app(str(db)), base_url=BASE_URL)
    page = client.get(f"/incidents/{rid}").text
    for prop in marks:
        assert f'id="reviewer-{prop}"' in page
    assert 'id="reviewer-actor"' not in page and "Consensus count" not in page
    assert "Poland (reviewer) [Lithuania×" in page
    ledger_page = client.get("/ledger").text
    assert "2025-02-13 (reviewer) [2025-02-12×" in ledger_page
    assert "Poland (reviewer) [Lithuania×" in ledger_page
    timeline = client.get("/?type=release").text
    assert "destination: Poland (reviewer) [Lithuania×" in timeline
    data = client.get(f"/incidents/{rid}.json").json()
    assert data["values"]["persons"]["by_reviewer"] is True
    assert marks["date"] in client.get("/people").text  # the people named in it: their fact

    # People: the fact a corrected release gives each person named in it.
    out = _cli(db, "export", "people", "--format", "csv")
    assert marks["date"] in next(r["facts"] for r in csv.DictReader(io.StringIO(out))
                                 if r["name"] == "Jan Testowy")  # fmt: skip

    # The report.
    html = qpq.report(tmp_path / "report").read_text(encoding="utf-8")
    assert "2025-02-13 (reviewer) [2025-02-12×" in html and "Poland (reviewer) [Lithuania×" in html
    assert "<title>2025-02-13 (reviewer) [2025-02-12×6]: release of 4 (reviewer) [3×" in html


def test_only_the_corrected_property_is_marked(tmp_path: Path) -> None:
    """A date correction does not make the count look like the reviewer's (the status alone
    once did), and an accept after a correction keeps the reviewer's mark."""
    db = tmp_path / "one.db"
    qpq = Quidproquo(str(db))
    qpq.load_curated()
    correct(qpq.store, "incident", RELEASE, {"date": "2025-02-11"}, "rita")
    accept(qpq.store, "incident", RELEASE, "rita")
    line = next(x for x in _cli(db, "ledger").splitlines() if "2025-02-11 (reviewer)" in x)
    assert "(reviewer) [2025-02-12×" in line and "3 (×" in line and "3 (reviewer)" not in line


def test_a_corrected_event_shows_what_was_extracted(tmp_path: Path) -> None:
    db = tmp_path / "ev.db"
    qpq = Quidproquo(str(db))
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert qpq.ingest([article]).ok
    qpq.extract()
    event = qpq.store.query("SELECT id, count FROM events WHERE count IS NOT NULL")[0]
    correct(qpq.store, "event", event["id"], {"count": event["count"] + 5}, "rita")
    table = _cli(db, "events", "--raw")
    assert f"{event['count'] + 5} (reviewer) [{event['count']}×1]" in table
    out = _cli(db, "export", "events", "--format", "csv")
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["id"] == event["id"])
    assert row["reviewer_values"] == f"count: {event['count'] + 5} (reviewer) [{event['count']}×1]"


def test_a_malformed_audit_row_never_breaks_a_page_or_command(tmp_path: Path) -> None:
    """Which values a reviewer set is read from the audit log: rows written by hand with bad
    JSON or odd shapes are read as far as they go, and nothing fails."""
    db = tmp_path / "audit.db"
    qpq = Quidproquo(str(db))
    qpq.load_curated()
    rows = [("{bad", "[1]"), ('{"count": "many", "persons": "x", "date_min": 5}',
                              '{"count": 3, "persons": 7, "date_min": "2025-02-12"}')]  # fmt: skip
    for n, (before, after) in enumerate(rows, start=1):
        qpq.store.execute(
            "INSERT INTO audit_log (seq, id, at, reviewer, object_type, object_id, action,"
            " before, after, note, prev_hash, hash) VALUES (:n, :id, '2026', 'r', 'incident',"
            " :obj, 'correct', :b, :a, NULL, '0', '0')",
            {"n": n, "id": f"bad{n}", "obj": RELEASE, "b": before, "a": after},
        )
    for args in (["ledger"], ["ledger", "--json"], ["events"], ["incident", RELEASE],
                 ["export", "incidents", "--format", "csv"]):  # fmt: skip
        out = _cli(db, *args)
        assert "(reviewer)" in out or '"by_reviewer": true' in out, args
    client = TestClient(create_app(str(db)), base_url=BASE_URL, raise_server_exceptions=False)
    for url in ("/", "/ledger", f"/incidents/{RELEASE}", f"/incidents/{RELEASE}.json"):
        assert client.get(url).status_code == 200, url
