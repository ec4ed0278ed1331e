"""The ledger page shows rows stored per facts version (migration 0071): the first view makes
and stores them, later views read them, and any change of the facts shows at once. The
stored rows are always what building the ledger page now gives. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from web_fixtures import TestClient

from quidproquo.ledger.links import build_ledger
from quidproquo.ledger.stored import keep_rows
from quidproquo.ledger.summaries import facts_version
from quidproquo.resolve import review
from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.rows import insert_incident
from quidproquo.store import Store
from quidproquo.web import create_app

PAGE = 6


def _stored(store: Store) -> dict[str, int]:
    rows = store.query("SELECT release_id, version FROM ledger_rows WHERE window_days = 14")
    return {r["release_id"]: r["version"] for r in rows}


def _built(store: Store) -> list[dict[str, Any]]:
    """The first page's rows built from the facts now, as JSON gives them."""
    rows = build_ledger(store, 14, limit=PAGE).rows
    return [json.loads(json.dumps(r.to_dict(), ensure_ascii=False, default=str)) for r in rows]


def test_ledger_rows_are_stored_once_and_renewed_by_a_change(db_url: str) -> None:
    store = Store(db_url)
    load_curated(store)
    client = TestClient(create_app(db_url), base_url="http://localhost")
    first = client.get(f"/ledger.json?limit={PAGE}").json()
    assert first["rows"] == _built(store) and len(first["rows"]) == PAGE
    ids = [row["release"]["id"] for row in first["rows"]]
    version = facts_version(store)
    assert {i: version for i in ids} == {i: v for i, v in _stored(store).items() if i in ids}
    html = client.get(f"/ledger?limit={PAGE}").text
    assert client.get(f"/ledger.json?limit={PAGE}").json()["rows"] == first["rows"]
    assert all(f'id="inc-{i}"' in html for i in ids)

    # a visit of my own making, two days after the first release: the page shows it at once
    release = first["rows"][0]["release"]
    day = (date.fromisoformat(release["date_min"][:10]) + timedelta(days=2)).isoformat()
    with store.transaction() as conn:
        insert_incident(store, conn, {"id": "inc-visit-stored-rows", "type": "visit",
                                      "date_min": day, "date_max": day, "origin": "curated",
                                      "actor": "A travelling envoy"})  # fmt: skip
    after_visit = client.get(f"/ledger.json?limit={PAGE}").json()["rows"]
    assert after_visit == _built(store) and after_visit != first["rows"]
    assert "inc-visit-stored-rows" in {v["id"] for v in after_visit[0]["visits"]}
    assert "A travelling envoy" in client.get(f"/ledger?limit={PAGE}").text

    # a new address of a source document shows at once among the release's sources
    store.execute(
        "INSERT INTO documents (id, content_hash, kind, url, published, retrieved, text)"
        " VALUES ('doc-stored-rows', 'h-stored-rows', 'text', 'https://first.example/r',"
        " '2026-01-02', '2026-01-02', 'A report of my own making.')"
    )
    store.execute(
        "UPDATE claims SET document_id = 'doc-stored-rows', source_url = NULL WHERE id ="
        " (SELECT MIN(id) FROM claims WHERE incident_id = :i)", {"i": release["id"]})  # fmt: skip
    before = client.get(f"/ledger.json?limit={PAGE}").json()["rows"]
    assert "https://first.example/r" in before[0]["release"]["sources"]
    moved = "https://moved.example/r"
    store.execute("UPDATE documents SET url = :u WHERE id = 'doc-stored-rows'", {"u": moved})
    shown = client.get(f"/ledger.json?limit={PAGE}").json()["rows"]
    assert moved in shown[0]["release"]["sources"] and shown == _built(store)

    # a reviewer's correction of the release's count shows on the page as the reviewer's
    review.correct(store, "incident", release["id"], {"count": "7"}, "ana")
    corrected = client.get(f"/ledger.json?limit={PAGE}").json()["rows"]
    assert corrected == _built(store)
    assert corrected[0]["release"]["count"] == 7 and corrected[0]["release"]["count_by_reviewer"]


def test_a_row_made_before_a_change_is_not_stored(db_url: str) -> None:
    store = Store(db_url)
    load_curated(store)
    version = facts_version(store)
    [row] = build_ledger(store, 14, limit=1).rows
    store.execute("UPDATE incidents SET notes = 'seen again' WHERE id = :i", {"i": row.release.id})
    keep_rows(store, {row.release.id: "<tr></tr>"}, 14, False, version, "html")
    assert _stored(store) == {}


def test_each_form_is_made_when_asked_and_kept_beside_the_other(db_url: str) -> None:
    store = Store(db_url)
    load_curated(store)
    client = TestClient(create_app(db_url), base_url="http://localhost")

    def forms() -> set[tuple[str, bool, bool]]:
        rows = store.query("SELECT release_id, html, json FROM ledger_rows")
        return {(r["release_id"], r["html"] is not None, r["json"] is not None) for r in rows}

    client.get("/ledger?limit=2")
    ids = [r["release"]["id"] for r in _built(store)[:2]]
    assert forms() == {(i, True, False) for i in ids}  # the HTML page made no JSON
    client.get("/ledger.json?limit=2")
    assert forms() == {(i, True, True) for i in ids}  # same version: both kept
    store.execute("UPDATE incidents SET notes = 'again' WHERE id = :i", {"i": ids[0]})
    client.get("/ledger.json?limit=1")
    assert (ids[0], False, True) in forms()  # a new version: the old HTML is not kept
