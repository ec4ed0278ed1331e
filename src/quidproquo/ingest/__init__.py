"""Ingest: turn files into stored Documents, one reader module per source kind.

`read_path(path, defaults)` yields Documents and IngestErrors; `Quidproquo.ingest` stores them.
A bad file (or a bad line of a JSON Lines file) becomes an IngestError naming the file and the
problem; everything else still goes in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from quidproquo.ingest.base import IngestError, SourceMeta, make_document
from quidproquo.ingest.feed import read_feed
from quidproquo.ingest.html import read_html
from quidproquo.ingest.jsonl import read_jsonl
from quidproquo.ingest.text import read_text
from quidproquo.model import Document

__all__ = ["IngestError", "SourceMeta", "expand_paths", "make_document", "read_path"]

READERS = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


def expand_paths(paths: list[Path], suffixes: Iterable[str] | None = None) -> list[Path]:
    """Files as given, and every file inside a given directory that a reader takes (by default
    the document readers; else those of `suffixes`), sorted, hidden ones skipped."""
    wanted = set(READERS if suffixes is None else suffixes)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.suffix.lower() in wanted
            )
        else:
            files.append(path)
    return files


def read_path(path: Path, meta: SourceMeta) -> Iterator[Document | IngestError]:
    """Read one file with the reader its extension names."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield IngestError(str(path), f"unknown file type {path.suffix!r} (known: {known})")
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield IngestError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from reader(path, raw, meta)
