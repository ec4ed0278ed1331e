"""qpq watch against a real local HTTP server whose feeds and pages change between polls."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from feed_server import FeedServer, Route, feed_server

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.ingest.fetch import Fetcher, FetchError, FetchPolicy
from quidproquo.watch import Watcher

# Texts written for these tests.
FIRST = (
    "Authorities in Belarus freed 14 political prisoners on 20 March 2026, the rights centre "
    "said. Two journalists were among them."
)
SECOND = (
    "Belarus released 15 political prisoners on 20 March 2026, according to exiled opposition "
    "figures."
)
SUMMARY = "Belarus freed 9 political prisoners on 2 March 2026."
RELIEF = "The US Treasury eased sanctions on the Belarusian state airline Belavia on 21 March 2026."


def page(text: str) -> bytes:
    return (
        "<html><head><title>Item</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Item</h1><p>{text}</p><p>{text.split(',')[0]}.</p></article>"
        "<footer>Copyright</footer></body></html>"
    ).encode()


def rss(base: str, *items: tuple[str, str, str]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>Sun, 22 Mar 2026 09:00:00 GMT</pubDate><description>{summary}</description>"
        "</item>"
        for title, path, summary in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
        f"<link>{base}/</link><description>test</description>{entries}</channel></rss>"
    ).encode()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        running.routes["/a.html"] = Route(page(FIRST))
        running.routes["/c.html"] = Route(page(SECOND))
        running.routes["/b.html"] = Route(page(RELIEF))
        running.routes["/feed.xml"] = Route(
            rss(running.base, ("Fourteen freed", "/a.html", "short")),
            "application/rss+xml",
            etag='"v1"',
        )
        yield running


def quick(**overrides: float) -> Fetcher:
    return Fetcher(FetchPolicy(**{"timeout": 5, "retries": 1, "backoff": 0.01,
                                   "host_delay": 0} | overrides))  # fmt: skip


def test_polls_report_new_contested_and_relief_near_release(
    server: FeedServer, db_url: str, tmp_path: Path
) -> None:
    qpq = Quidproquo(db_url)
    sink = tmp_path / "changes.jsonl"
    watcher = Watcher(qpq, quick(), jsonl=sink, webhook=server.url("/hook"))
    feed = server.url("/feed.xml")

    first = watcher.poll([feed])
    assert first.errors == [] and first.new_items == 1 and first.from_pages == 1
    assert [c.kind for c in first.changes] == ["new_incident"]
    assert first.changes[0].type == "release" and "count 14" in first.changes[0].summary
    stored = qpq.store.query_one("SELECT url, publisher, text FROM documents")
    assert stored is not None and stored["url"] == server.url("/a.html")
    assert stored["publisher"] == "Example Wire" and "Home | World" not in stored["text"]

    second = watcher.poll([feed])  # nothing changed: a conditional request answered 304
    assert second.not_modified == 1 and second.changes == [] and second.new_items == 0
    assert server.hits("/feed.xml")[-1].get("If-None-Match") == '"v1"'

    server.routes["/feed.xml"] = Route(
        rss(server.base, ("Fourteen freed", "/a.html", "short"), ("Fifteen", "/c.html", "s"),
            ("Airline", "/b.html", "s")),
        "application/rss+xml",
        etag='"v2"',
    )  # fmt: skip
    third = watcher.poll([feed])
    kinds = {c.kind for c in third.changes}
    assert third.new_items == 2 and {"now_contested", "relief_near_release"} <= kinds
    near = next(c for c in third.changes if c.kind == "relief_near_release")
    assert "Belavia" in near.summary and near.related_id is not None
    lines = [json.loads(line) for line in sink.read_text().splitlines()]
    assert {line["kind"] for line in lines} == {c.kind for c in [*first.changes, *third.changes]}
    posted = [json.loads(body) for body in server.posts]
    assert len(posted) == 2 and {c["kind"] for c in posted[1]["changes"]} == kinds


def test_last_modified_makes_a_conditional_request(server: FeedServer, tmp_path: Path) -> None:
    stamp = "Sun, 22 Mar 2026 09:00:00 GMT"
    server.routes["/dated.xml"] = Route(server.routes["/feed.xml"].body, "application/rss+xml",
                                        last_modified=stamp)  # fmt: skip
    watcher = Watcher(Quidproquo(str(tmp_path / "m.db")), quick())
    assert watcher.poll([server.url("/dated.xml")]).new_items == 1
    second = watcher.poll([server.url("/dated.xml")])
    assert second.not_modified == 1 and server.hits("/dated.xml")[-1]["If-Modified-Since"] == stamp


def test_a_failing_feed_is_named_and_the_others_go_on(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/broken.xml"] = Route(b"", status=500)
    server.routes["/slow.xml"] = Route(server.routes["/feed.xml"].body, "application/rss+xml",
                                       fail_first=2)  # fmt: skip
    qpq = Quidproquo(str(tmp_path / "w.db"))
    watcher = Watcher(qpq, quick(retries=2))
    report = watcher.poll([server.url("/broken.xml"), server.url("/slow.xml")])
    assert len(report.errors) == 1 and "/broken.xml" in report.errors[0]
    assert "500" in report.errors[0]
    assert len(server.hits("/broken.xml")) == 3  # the first try and two retries
    assert len(server.hits("/slow.xml")) == 3 and report.new_items == 1
    failed = qpq.store.query_one("SELECT last_status FROM feeds WHERE url LIKE '%broken%'")
    assert failed == {"last_status": "failed"}
    polls: list[int] = []
    made = watcher.run(
        [server.url("/broken.xml")],
        0,
        False,
        lambda r: polls.append(len(r.errors)),
        sleep=lambda _s: None,
        polls=3,
    )
    assert made == 3 and polls == [1, 1, 1]  # the loop survives a feed that keeps failing


def test_an_item_whose_page_cannot_be_had_keeps_its_summary(
    server: FeedServer, tmp_path: Path
) -> None:
    server.routes["/feed.xml"] = Route(
        rss(server.base, ("Gone", "/missing.html", SUMMARY)),
        "application/rss+xml",
    )  # fmt: skip
    qpq = Quidproquo(str(tmp_path / "w.db"))
    report = Watcher(qpq, quick()).poll([server.url("/feed.xml")])
    assert report.from_pages == 0 and report.new_items == 1
    text = qpq.store.query_one("SELECT text FROM documents")
    assert text == {"text": SUMMARY}


def test_requests_to_one_host_keep_their_distance(server: FeedServer) -> None:
    waits: list[float] = []
    fetcher = Fetcher(FetchPolicy(host_delay=5, retries=0), sleep=waits.append, clock=lambda: 100.0)
    fetcher.get(server.url("/a.html"))
    fetcher.get(server.url("/c.html"))
    assert waits == [5.0]  # the second request waited for the host delay
    with pytest.raises(FetchError, match="only http and https"):
        fetcher.get("file:///etc/passwd")


def test_feed_files_and_the_cli(server: FeedServer, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(server.base, ("Fourteen", "/a.html", "short")))
    db = str(tmp_path / "cli.db")
    args = ["watch", str(feed), "--once", "--host-delay", "0", "--retries", "0", "--db", db]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "new_incident" in result.output and "1 new item(s) (1 from their pages)" in result.output
    again = CliRunner().invoke(main, args)
    assert "1 unchanged" in again.output and "0 change(s)" in again.output
    broken = tmp_path / "empty.xml"
    broken.write_text("not a feed at all", encoding="utf-8")
    failed = CliRunner().invoke(main, ["watch", str(broken), "--once", "--db", db])
    assert failed.exit_code == 1 and "empty.xml" in failed.output
