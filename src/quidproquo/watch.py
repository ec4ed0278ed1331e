"""Watched feeds: poll RSS/Atom feeds, store what is new, extract and resolve it, and say
what changed (a new incident, sources that now disagree, a relief step near a release).

A feed is an http(s) URL (fetched politely: `ingest.fetch`) or a file path. For each new or
changed item the article page is fetched where the item links to one and it can be read,
else the item's own summary is stored. One failing feed never stops the others.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser

from quidproquo.app import Quidproquo
from quidproquo.ingest.base import SourceMeta, content_hash, make_document, normalise_text
from quidproquo.ingest.feed import entry_date, entry_text
from quidproquo.ingest.fetch import Fetcher, FetchError
from quidproquo.ingest.html import html_to_text
from quidproquo.ledger.changes import Change, changes, snapshot
from quidproquo.store import now_iso


@dataclass
class PollReport:
    at: str
    feeds: int = 0
    not_modified: int = 0
    new_items: int = 0  # items new or changed since the last poll
    from_pages: int = 0  # of which the article page was read
    documents: list[str] = field(default_factory=list)  # new documents stored
    errors: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__ | {"changes": [c.to_dict() for c in self.changes]}


def _is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


class Watcher:
    """Polls feeds into one quidproquo database and reports what changed."""

    def __init__(
        self,
        qpq: Quidproquo,
        fetcher: Fetcher,
        jsonl: Path | None = None,
        webhook: str | None = None,
        window_days: int = 14,
        step: Callable[[str], None] | None = None,
    ) -> None:
        self.qpq, self.fetcher = qpq, fetcher
        self.jsonl, self.webhook, self.window_days = jsonl, webhook, window_days
        self.step = step or (lambda _name: None)  # told each POLL_STEPS step as it starts

    POLL_STEPS = 3

    # -- one poll ------------------------------------------------------------------------
    def poll(self, sources: Sequence[str]) -> PollReport:
        report = PollReport(at=now_iso())
        before = snapshot(self.qpq.store, self.window_days)
        self.step(f"fetching {len(sources)} feed(s)")
        for source in sources:
            report.feeds += 1
            try:
                self._poll_feed(source, report)
            except (FetchError, OSError, ValueError) as exc:
                message = str(exc) if source in str(exc) else f"{source}: {exc}"
                report.errors.append(message)
                self._save_feed(source, last_status="failed", last_error=message)
        if report.documents:
            self.step(f"extracting {len(report.documents)} new document(s)")
            self.qpq.extract(report.documents)
            self.step("resolving")
            self.qpq.resolve()
        report.changes = changes(before, snapshot(self.qpq.store, self.window_days))
        self._publish(report)
        return report

    def _poll_feed(self, source: str, report: PollReport) -> None:
        state = self.qpq.store.query_one("SELECT * FROM feeds WHERE url = :u", {"u": source})
        state = state or {"etag": None, "last_modified": None, "content_hash": None}
        validators: dict[str, Any] = {}
        if _is_url(source):
            fetched = self.fetcher.get(source, state["etag"], state["last_modified"])
            if fetched.not_modified:
                report.not_modified += 1
                self._save_feed(source, last_status="not_modified")
                return
            body = fetched.body
            validators = {"etag": fetched.etag, "last_modified": fetched.last_modified}
        else:
            body = Path(source).read_bytes()
        digest = content_hash(body.decode("utf-8", "replace"))
        if digest == state["content_hash"]:
            report.not_modified += 1
            self._save_feed(source, last_status="not_modified", **validators)
            return
        feed = feedparser.parse(body)
        if feed.bozo and not feed.entries:
            raise ValueError(f"{source}: not a readable RSS/Atom feed")
        for entry in feed.entries:
            self._item(source, feed.feed, entry, report)
        self._save_feed(
            source, last_status="ok", content_hash=digest, items=len(feed.entries), **validators
        )

    def _item(self, source: str, channel: Any, entry: Any, report: PollReport) -> None:
        key = entry.get("id") or entry.get("link") or content_hash(str(entry.get("title")))
        link = entry.get("link")
        text, page_meta = self._page(link) if link and _is_url(link) else (None, {})
        if text:
            report.from_pages += 1
        text = text or entry_text(entry)
        if not text.strip():
            report.errors.append(f"{source}: item {key}: no text in the item or its page")
            return
        digest = content_hash(normalise_text(text))
        seen = self.qpq.store.query_one(
            "SELECT content_hash FROM feed_items WHERE feed_url = :f AND item_key = :k",
            {"f": source, "k": key},
        )
        if seen and seen["content_hash"] == digest:
            return
        report.new_items += 1
        meta = SourceMeta(
            url=link,
            publisher=channel.get("title") or page_meta.get("publisher"),
            published=entry_date(entry) or page_meta.get("published"),
            title=entry.get("title") or page_meta.get("title"),
            language=channel.get("language") or page_meta.get("language"),
        )
        document = make_document(text, "feed", meta, source, key)
        if self.qpq.add_document(document):
            report.documents.append(document.id)
        row = {"f": source, "k": key, "h": digest, "d": document.id, "t": now_iso()}
        self.qpq.store.execute(
            "INSERT INTO feed_items (feed_url, item_key, content_hash, document_id, seen_at)"
            " VALUES (:f, :k, :h, :d, :t) ON CONFLICT (feed_url, item_key) DO UPDATE SET"
            " content_hash = :h, document_id = :d, seen_at = :t",
            row,
        )

    def _page(self, link: str) -> tuple[str | None, dict[str, str | None]]:
        """The article text of a linked page, or (None, {}) where it cannot be had."""
        try:
            fetched = self.fetcher.get(link)
            return html_to_text(fetched.body.decode("utf-8", "replace"))
        except FetchError:
            return None, {}

    def _save_feed(self, url: str, **values: Any) -> None:
        values = {"url": url, "last_polled": now_iso(), "last_error": None} | values
        columns = ", ".join(values)
        updates = ", ".join(f"{c} = :{c}" for c in values if c != "url")
        self.qpq.store.execute(
            f"INSERT INTO feeds ({columns}) VALUES ({', '.join(':' + c for c in values)})"
            f" ON CONFLICT (url) DO UPDATE SET {updates}",
            values,
        )

    # -- reporting -------------------------------------------------------------------------
    def _publish(self, report: PollReport) -> None:
        if not report.changes:
            return
        payload = report.to_dict()
        if self.jsonl:
            with self.jsonl.open("a", encoding="utf-8") as out:
                for change in report.changes:
                    out.write(json.dumps({"at": report.at} | change.to_dict()) + "\n")
        if self.webhook:
            try:
                self.fetcher.post_json(self.webhook, payload)
            except FetchError as exc:
                report.errors.append(f"webhook {exc}")

    # -- the loop ----------------------------------------------------------------------------
    def run(
        self,
        sources: Sequence[str],
        interval: float,
        once: bool,
        on_report: Callable[[PollReport], None],
        sleep: Callable[[float], None] = time.sleep,
        polls: int | None = None,
    ) -> int:
        """Poll until stopped (or once); returns the number of polls made."""
        made = 0
        while True:
            try:
                report = self.poll(sources)
            except Exception as exc:  # noqa: BLE001 - a watch keeps running, saying why
                report = PollReport(at=now_iso(), errors=[f"poll failed: {exc!r}"])
            on_report(report)
            made += 1
            if once or (polls is not None and made >= polls):
                return made
            sleep(interval)
