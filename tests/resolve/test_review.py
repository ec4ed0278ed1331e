"""Review decisions, the append-only hash-chained audit log, and re-resolution."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from resolve_builders import News

from quidproquo.resolve.incidents import resolve
from quidproquo.resolve.review import (
    NotFound,
    ReviewError,
    accept,
    audit_log,
    correct,
    queue,
    reject,
    verify_audit_log,
)
from quidproquo.store import Store, from_json


def _two_incidents(store: Store, news: News) -> list[str]:
    doc = news.document("https://a.example/r", "2026-05-02", "Belarus freed 9.")
    news.event(doc, "release", "Belarus freed 9.", date_min="2026-05-01", count=9)
    news.event(doc, "release", "Belarus freed 8 more.", date_min="2026-05-20", count=8)
    resolve(store)
    return [r["id"] for r in store.query("SELECT id FROM incidents ORDER BY date_min")]


def test_review_round_trip_is_logged_with_before_and_after(store: Store, news: News) -> None:
    first, second = _two_incidents(store, news)
    assert {(q["object_type"], q["id"]) for q in queue(store, 10, "incident")} == {
        ("incident", first),
        ("incident", second),
    }
    accept(store, "incident", first, "anna", "checked two sources")
    after = correct(store, "incident", second, {"count": "7", "date": "2026-05-21"}, "ben")
    assert (after["count"], after["date_min"], after["status"]) == (7, "2026-05-21", "corrected")
    reject(store, "event", store.query("SELECT id FROM events")[0]["id"], "anna")

    log = audit_log(store)
    assert [(e["reviewer"], e["action"]) for e in log] == [
        ("anna", "reject"),
        ("ben", "correct"),
        ("anna", "accept"),
    ]
    assert log[1]["before"]["count"] == 8 and log[1]["after"]["count"] == 7
    assert log[2]["note"] == "checked two sources"
    assert queue(store, 10, "incident") == []
    assert verify_audit_log(store) == []


def test_bad_review_input_is_refused_without_logging(store: Store, news: News) -> None:
    first, _ = _two_incidents(store, news)
    with pytest.raises(NotFound):
        accept(store, "incident", "inc-missing", "anna")
    with pytest.raises(ReviewError, match="cannot correct colour"):
        correct(store, "incident", first, {"colour": "red"}, "anna")
    with pytest.raises(ReviewError, match="count: must be a whole number"):
        correct(store, "incident", first, {"count": "many"}, "anna")
    with pytest.raises(ReviewError, match="reviewer"):
        accept(store, "incident", first, " ")
    assert audit_log(store) == []


def test_audit_log_refuses_update_and_delete(store: Store, news: News) -> None:
    first, _ = _two_incidents(store, news)
    accept(store, "incident", first, "anna")
    for sql in ("UPDATE audit_log SET reviewer = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            store.execute(sql)
    assert audit_log(store)[0]["reviewer"] == "anna"


def test_hash_chain_detects_a_rewrite_with_triggers_dropped(store: Store, news: News) -> None:
    first, second = _two_incidents(store, news)
    accept(store, "incident", first, "anna")
    reject(store, "incident", second, "anna")
    accept(store, "incident", second, "ben", "on second thought")
    for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_truncate"):
        on = " ON audit_log" if store.dialect == "postgresql" else ""
        store.execute(f"DROP TRIGGER IF EXISTS {trigger}{on}")
    store.execute("UPDATE audit_log SET reviewer = 'mallory' WHERE seq = 2")
    problems = verify_audit_log(store)
    assert len(problems) == 1 and "seq 2" in problems[0] and "rewritten" in problems[0]
    store.execute("DELETE FROM audit_log WHERE seq = 2")
    assert any("seq 3" in p and "missing" in p for p in verify_audit_log(store))


def test_rerun_keeps_reviewed_incidents_and_statuses(store: Store, news: News) -> None:
    first, second = _two_incidents(store, news)
    correct(store, "incident", first, {"count": 10}, "anna")
    reject(store, "incident", second, "anna")
    claim = store.query("SELECT id FROM claims WHERE incident_id = :i", {"i": first})[0]["id"]
    accept(store, "claim", claim, "anna")
    doc = news.document("https://b.example/r", "2026-05-03", "Nine were freed.")
    news.event(doc, "release", "Nine were freed.", date_min="2026-05-01", count=9)
    summary = resolve(store)
    assert summary.incidents_created == 0  # the new report joins the corrected incident
    rows = {r["id"]: r for r in store.query("SELECT * FROM incidents")}
    assert set(rows) == {first, second}
    assert (rows[first]["status"], rows[first]["count"]) == ("corrected", 10)
    assert rows[second]["status"] == "rejected"
    status = store.query_one("SELECT status FROM claims WHERE id = :c", {"c": claim})
    assert status == {"status": "accepted"}
    counts = store.query(
        "SELECT value FROM claims WHERE incident_id = :i AND property = 'count'", {"i": first}
    )
    assert sorted(from_json(c["value"]) for c in counts) == [9, 9]
