"""HTML articles: the body extracted with trafilatura, navigation and boilerplate dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura

from quidproquo.ingest.base import IngestError, SourceMeta, make_document
from quidproquo.ingest.text import decode
from quidproquo.model import Document

NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.IGNORECASE | re.DOTALL)


def html_to_text(html: str) -> tuple[str | None, dict[str, str | None]]:
    """Article text and the metadata the page states (title, date, url, site name).

    `<noscript>` blocks are dropped first: they hold what a browser without scripts shows
    ("enable JavaScript"), never the article.
    """
    html = NOSCRIPT.sub(" ", html)
    found = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    if not found:
        return None, {}
    data = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    meta = {
        "title": data.get("title"),
        "published": data.get("date"),
        "url": data.get("url"),
        "publisher": data.get("sitename"),
        "language": data.get("language"),
    }
    return data.get("text"), meta


def read_html(path: Path, raw: bytes, meta: SourceMeta) -> Iterator[Document | IngestError]:
    try:
        text, found = html_to_text(decode(path, raw))
        if not text:
            raise ValueError("no article text found in the HTML")
        yield make_document(text, "html", meta.merged(**found), str(path), path.stem)
    except ValueError as exc:
        yield IngestError(str(path), str(exc))
