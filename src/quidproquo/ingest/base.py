"""What every reader shares: source metadata, the content hash, and the error record."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from quidproquo.model import Document
from quidproquo.store import now_iso
from quidproquo.validate import check_date, limits


@dataclass(frozen=True)
class SourceMeta:
    """Metadata given on the command line; a reader fills what the file itself states."""

    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    title: str | None = None
    language: str | None = None
    override: bool = False  # the command line's values replace what the file states

    def merged(self, **found: str | None) -> SourceMeta:
        """What the file states, the command line filling what it lacks (or, with
        `override`, replacing it)."""
        values: dict[str, Any] = {
            k: (getattr(self, k) or v) if self.override else (v or getattr(self, k))
            for k, v in found.items()
        }
        return replace(self, **values)


@dataclass(frozen=True)
class IngestError:
    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no trailing whitespace, no NUL (PostgreSQL refuses it in text):
    the form that is hashed and stored."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_published(value: str | None) -> str | None:
    """An ISO date or date-time, or a ValueError naming what was wrong."""
    if value is None or str(value).strip() == "":
        return None
    value = str(value).strip()
    try:
        if len(value) == 10:
            parsed = date.fromisoformat(value).isoformat()
        else:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise ValueError(f"publication date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    check_date(parsed[:10], "publication date")
    return parsed


def make_document(
    text: str, kind: str, meta: SourceMeta, source_path: str | None, source_id: str | None = None
) -> Document:
    """A Document whose id is the first 16 hex digits of its content hash."""
    body = normalise_text(text)
    if not body:
        raise ValueError("no text in it")
    top = limits().max_document_chars
    if len(body) > top:
        raise ValueError(
            f"the text has {len(body):,} characters, more than the limit of {top:,}"
            " (max_document_chars in limits.yaml): split it into several files"
        )
    digest = content_hash(body)
    return Document(
        id=digest[:16],
        text=body,
        content_hash=digest,
        kind=kind,
        url=meta.url,
        publisher=meta.publisher,
        title=meta.title,
        published=parse_published(meta.published),
        retrieved=now_iso(),
        language=meta.language,
        source_path=source_path,
        source_id=source_id,
    )
