"""RSS and Atom feeds read from a file: one Document per entry."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from quidproquo.ingest.base import IngestError, SourceMeta, make_document
from quidproquo.ingest.html import html_to_text
from quidproquo.model import Document


def entry_text(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if "<" not in html:
        return html
    text, _ = html_to_text(f"<html><body><article>{html}</article></body></html>")
    return text or ""


def entry_date(entry: Any) -> str | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=UTC).isoformat()


def read_feed(path: Path, raw: bytes, meta: SourceMeta) -> Iterator[Document | IngestError]:
    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        yield IngestError(str(path), f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}")
        return
    if not feed.entries:
        yield IngestError(str(path), "no entries in the feed (empty or not RSS/Atom)")
        return
    for number, entry in enumerate(feed.entries, start=1):
        try:
            text = entry_text(entry)
            # Each entry has its own link, title and date; the command line fills the rest.
            entry_meta = meta.merged(
                url=entry.get("link"),
                publisher=feed.feed.get("title"),
                published=entry_date(entry),
                title=entry.get("title"),
                language=feed.feed.get("language"),
            )
            entry_id = entry.get("id") or entry.get("link")
            yield make_document(text, "feed", entry_meta, str(path), entry_id)
        except ValueError as exc:
            yield IngestError(str(path), f"entry {number} ({entry.get('title', '?')}): {exc}")
