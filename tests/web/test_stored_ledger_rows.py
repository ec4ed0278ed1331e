"""The ledger page shows stored rows (migrations 0071, 0072): the first view makes and stores
them, later views read them, and any change of the facts shows at once; a change drops only
the stored rows that can show it, the others stay stored. The stored rows are always what
building the ledger page now gives. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
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


def _built(store: Store, limit: int = PAGE) -> list[dict[str, Any]]:
    """The first page's rows built from the facts now, as JSON gives them."""
    rows = build_ledger(store, 14, limit=limit).rows
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
    keep_rows(store, {row.release.id: "<tr></tr>"}, {}, 14, False, version, "html")
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


ALL = 1000  # a page with every release of the curated facts
FAR = "2009-03-01"  # a release of my own, years before any curated fact


def _add(store: Store, incident_id: str, kind: str, day: str, actor: str) -> None:
    row = {"id": incident_id, "type": kind, "date_min": day, "date_max": day,
           "origin": "curated", "actor": actor}  # fmt: skip
    with store.transaction() as conn:
        insert_incident(store, conn, row)


def _row_of(rows: list[dict[str, Any]], release_id: str) -> dict[str, Any]:
    return next(r for r in rows if r["release"]["id"] == release_id)


def _near_release(store: Store) -> str:
    """A curated release with a visit within its window (so a change near it shows)."""
    return next(r.release.id for r in build_ledger(store, 14).rows if r.visits)


def _prepare_link(store: Store, near: str) -> str:
    _add(store, "inc-visit-long-ago", "visit", "1991-05-05", "An envoy of long ago")
    return "inc-visit-long-ago"  # linked by the change, once the rows are stored again


def _prepare_document(store: Store, near: str) -> str:
    store.execute(
        "INSERT INTO documents (id, content_hash, kind, url, published, retrieved, text)"
        " VALUES ('doc-fine', 'h-fine', 'text', 'https://before.example/f', '2026-01-03',"
        " '2026-01-03', 'Another report of my own making.')"
    )
    store.execute(
        "UPDATE claims SET document_id = 'doc-fine', source_url = NULL WHERE id ="
        " (SELECT MIN(id) FROM claims WHERE incident_id = :i)", {"i": near})  # fmt: skip
    return "doc-fine"


def _review(store: Store, near: str, other: str) -> None:
    review.correct(store, "incident", near, {"count": "9"}, "ana")


def _link(store: Store, near: str, other: str) -> None:
    store.execute(
        "INSERT INTO incident_links (incident_id, other_id, kind, source, created_at)"
        " VALUES (:r, :o, 'reviewer', NULL, '2026-01-04')", {"r": near, "o": other})  # fmt: skip


def _move_document(store: Store, near: str, other: str) -> None:
    store.execute("UPDATE documents SET url = 'https://after.example/f' WHERE id = :d",
                  {"d": other})  # fmt: skip


# write path -> (what it needs first, given the release near it; the change itself)
CHANGES: dict[str, tuple[Callable[[Store, str], str], Callable[[Store, str, str], None]]] = {
    "review": (lambda store, near: near, _review),
    "link": (_prepare_link, _link),
    "document": (_prepare_document, _move_document),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_drops_only_the_rows_that_can_show_it(db_url: str, change: str) -> None:
    """Each write path drops the stored rows that can show what it changed (the page then
    shows the change), and leaves a release years away stored as it was."""
    store = Store(db_url)
    load_curated(store)
    _add(store, "inc-release-far", "release", FAR, "A court of my own making")
    client = TestClient(create_app(db_url), base_url="http://localhost")
    near = _near_release(store)
    prepare, make_change = CHANGES[change]
    other = prepare(store, near)
    client.get(f"/ledger.json?limit={ALL}")
    before, versions = _built(store, ALL), _stored(store)
    assert {near, "inc-release-far"} <= set(versions)

    make_change(store, near, other)
    shown = client.get(f"/ledger.json?limit={ALL}").json()["rows"]
    assert shown == _built(store, ALL)
    assert _row_of(shown, near) != _row_of(before, near)  # the change is on the page
    assert _stored(store)["inc-release-far"] == versions["inc-release-far"]  # kept as made


def test_a_curated_load_drops_the_rows_whose_window_sees_it(db_url: str) -> None:
    store = Store(db_url)
    _add(store, "inc-release-far", "release", FAR, "A court of my own making")
    _add(store, "inc-release-june", "release", "2025-06-24", "A court of June")
    client = TestClient(create_app(db_url), base_url="http://localhost")
    client.get(f"/ledger.json?limit={ALL}")
    versions = _stored(store)
    load_curated(store)
    shown = client.get(f"/ledger.json?limit={ALL}").json()["rows"]
    assert shown == _built(store, ALL)
    assert _row_of(shown, "inc-release-june")["visits"]  # a curated visit came within its window
    assert _stored(store)["inc-release-far"] == versions["inc-release-far"]



def test_only_a_marker_drops_the_rows_around_it(db_url: str) -> None:
    """A change of a release drops its own row, not the rows of the releases around it (only
    a visit or concession appears in a row by its dates); a change of a visit drops every
    row whose window sees it (migration 0076)."""
    store = Store(db_url)
    _add(store, "inc-release-one", "release", "2008-04-10", "A court of my own making")
    _add(store, "inc-release-two", "release", "2008-04-12", "Another court of mine")
    _add(store, "inc-visit-between", "visit", "2008-04-11", "An envoy of my own making")
    _add(store, "inc-detention-near", "detention", "2008-04-11", "A police force of mine")
    client = TestClient(create_app(db_url), base_url="http://localhost")
    client.get(f"/ledger.json?limit={ALL}")
    versions = _stored(store)
    assert set(versions) == {"inc-release-one", "inc-release-two"}

    review.correct(store, "incident", "inc-release-one", {"count": "4"}, "ana")
    assert set(_stored(store)) == {"inc-release-two"}  # the neighbour stays stored
    shown = client.get(f"/ledger.json?limit={ALL}").json()["rows"]
    assert shown == _built(store, ALL)
    assert _row_of(shown, "inc-release-one")["release"]["count"] == 4
    assert _stored(store)["inc-release-two"] == versions["inc-release-two"]

    store.execute("UPDATE incidents SET notes = 'seen' WHERE id = 'inc-detention-near'")
    assert set(_stored(store)) == {"inc-release-one", "inc-release-two"}  # in no row

    store.execute("UPDATE incidents SET actor = 'A renamed envoy' WHERE id = 'inc-visit-between'")
    assert _stored(store) == {}  # both windows see it
    shown = client.get(f"/ledger.json?limit={ALL}").json()["rows"]
    assert shown == _built(store, ALL)
    assert {v["actor"] for r in shown for v in r["visits"]} == {"A renamed envoy"}

    store.execute("UPDATE incidents SET type = 'release' WHERE id = 'inc-visit-between'")
    assert _stored(store) == {}  # it was a visit: the rows that showed it go
    shown = client.get(f"/ledger.json?limit={ALL}").json()["rows"]
    assert shown == _built(store, ALL) and not any(r["visits"] for r in shown)
