"""The library object: one `Quidproquo` owns the store and runs the pipeline.

The CLI (and any web app or batch runner) is a thin shell over this class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quidproquo.ingest import IngestError, SourceMeta, expand_paths, read_path
from quidproquo.model import Document
from quidproquo.store import Store

DOCUMENT_COLUMNS = (
    "id, content_hash, kind, url, publisher, title, published, retrieved, language, "
    "source_path, text"
)


@dataclass
class IngestReport:
    added: list[Document] = field(default_factory=list)
    unchanged: list[Document] = field(default_factory=list)  # same content already stored
    errors: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [d.id for d in self.added],
            "unchanged": [d.id for d in self.unchanged],
            "errors": [
                {"path": e.path, "line": e.line, "reason": e.reason} for e in self.errors
            ],
        }


class Quidproquo:
    """A quidproquo database and the pipeline that fills it."""

    def __init__(self, db: str | None = None) -> None:
        self.store = Store(db)

    # -- ingest ------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path | str],
        meta: SourceMeta | None = None,
        progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    ) -> IngestReport:
        """Read files and directories; store each new document in its own transaction."""
        meta = meta or SourceMeta()
        report = IngestReport()
        files = expand_paths([Path(p) for p in paths])
        for path in progress(files) if progress else files:
            if not path.exists():
                report.errors.append(IngestError(str(path), "no such file or directory"))
                continue
            for item in read_path(path, meta):
                if isinstance(item, IngestError):
                    report.errors.append(item)
                elif self.add_document(item):
                    report.added.append(item)
                else:
                    report.unchanged.append(item)
        return report

    def add_document(self, doc: Document) -> bool:
        """Store a document; False when the same content is already stored (a no-op)."""
        inserted = self.store.execute(
            f"INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES (:id, :content_hash, :kind, :url,"
            " :publisher, :title, :published, :retrieved, :language, :source_path, :text)"
            " ON CONFLICT (content_hash) DO NOTHING",
            doc.__dict__,
        )
        return inserted == 1

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored documents, newest publication first, without their text."""
        sql = (
            "SELECT id, kind, url, publisher, title, published, retrieved, source_path, status,"
            " LENGTH(text) AS characters FROM documents"
            " ORDER BY published DESC, retrieved DESC, id"
        )
        if limit:
            sql += " LIMIT :limit"
        return self.store.query(sql, {"limit": limit})

    def document(self, doc_id: str) -> Document | None:
        row = self.store.query_one(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = :id", {"id": doc_id}
        )
        return Document(**row) if row else None
