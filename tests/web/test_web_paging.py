"""Every list page pages: `?page=` (or `?after=`) with a `next` link in its JSON, and the
pages together list each item once."""

from __future__ import annotations

from typing import Any

from web_fixtures import TestClient, WebData

from quidproquo.app import Quidproquo
from quidproquo.model import Document
from quidproquo.resolve import review


def _walk(client: TestClient, path: str, key: str, ident: str) -> list[Any]:
    """Follow `next` from the first page; the ids of every item, in order."""
    seen: list[Any] = []
    url: str | None = path
    for _ in range(200):
        assert url is not None
        data = client.get(url).json()
        seen += [item[ident] for item in data[key]]
        if data["next"] is None:
            return seen
        url = path.split("?")[0] + data["next"]
    raise AssertionError(f"{path}: more than 200 pages")


def test_people_documents_and_search_page_with_next_links(
    client: TestClient, web: WebData
) -> None:
    qpq = Quidproquo(str(web.db))
    for n in range(4):
        text = f"Belarus news digest number {n}: the ferry timetable changes in spring."
        doc = Document(id=f"digest{n}", text=text, content_hash=f"h{n}", kind="text",
                       published=f"2026-02-0{n + 1}", retrieved="2026-03-01")  # fmt: skip
        qpq.add_document(doc)
    for path, key, ident in (
        ("/people.json", "people", "key"),
        ("/documents.json", "documents", "id"),
        ("/search.json?q=Belarus", "hits", "id"),
        ("/ledger.json", "rows", None),
        ("/.json", "incidents", "id"),
    ):
        whole = client.get(path + ("&" if "?" in path else "?") + "limit=1000").json()
        assert whole["next"] is None, path
        everything = [r if ident is None else r[ident] for r in whole[key]]
        assert len(everything) >= 3, path
        if ident is None:
            continue
        paged = _walk(client, path + ("&" if "?" in path else "?") + "limit=2", key, ident)
        assert paged == everything, path


def test_the_ledger_pages_by_release(client: TestClient) -> None:
    whole = client.get("/ledger.json?limit=1000").json()
    ids, url = [], "/ledger.json?limit=2"
    while url:
        data = client.get(url).json()
        ids += [row["release"]["id"] for row in data["rows"]]
        url = "/ledger.json" + data["next"] if data["next"] else ""
    assert ids == [row["release"]["id"] for row in whole["rows"]] and len(ids) > 4


def test_a_bad_page_is_refused(client: TestClient) -> None:
    for path in ("/people?after=name:nobody", "/documents?page=x", "/search?q=a&page=-1"):
        assert client.get(path).status_code == 400, path


def test_the_review_log_pages_back_from_its_latest_entry(
    client: TestClient, web: WebData
) -> None:
    qpq = Quidproquo(str(web.db))
    for row in qpq.store.query("SELECT id FROM incidents ORDER BY id LIMIT 5"):
        review.accept(qpq.store, "incident", row["id"], "ana", "seen")
    whole = client.get("/review/log.json?limit=1000").json()
    assert whole["next"] is None and len(whole["entries"]) >= 5
    everything = [e["seq"] for e in whole["entries"]]
    assert everything == sorted(everything, reverse=True)
    assert _walk(client, "/review/log.json?limit=2", "entries", "seq") == everything
    html = client.get("/review/log?limit=2").text
    assert 'rel="next"' in html and "before=" in html
