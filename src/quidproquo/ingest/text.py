"""Plain-text articles: UTF-8 text; the first line is the title when it looks like one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from quidproquo.ingest.base import IngestError, SourceMeta, make_document
from quidproquo.model import Document

TITLE_MAX_CHARS = 200


def decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None


def read_text(path: Path, raw: bytes, meta: SourceMeta) -> Iterator[Document | IngestError]:
    try:
        text = decode(path, raw)
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = first if 0 < len(first) <= TITLE_MAX_CHARS and not first.endswith(".") else None
        yield make_document(text, "text", meta.merged(title=title), str(path), path.stem)
    except ValueError as exc:
        yield IngestError(str(path), str(exc))
