"""Builders for the resolution tests: documents, extracted events and quotes inserted as
rows, the way the extractor writes them (the extractor itself is not needed)."""

from __future__ import annotations

import hashlib
import itertools
from typing import Any

from quidproquo.store import Store, now_iso, to_json


class News:
    """Inserts documents and extracted events (rows, as the extractor writes them)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._ids = itertools.count(1)

    def document(self, url: str, published: str, text: str = "", publisher: str = "") -> str:
        text = text or f"Report at {url}."
        digest = hashlib.sha256(text.encode()).hexdigest()
        self.store.execute(
            "INSERT INTO documents (id, content_hash, kind, url, publisher, published, retrieved,"
            " text) VALUES (:id, :h, 'text', :url, :pub, :published, :r, :text)",
            {
                "id": digest[:16],
                "h": digest,
                "url": url,
                "pub": publisher or url.split("/")[2],
                "published": published,
                "r": now_iso(),
                "text": text,
            },
        )
        return digest[:16]

    def event(self, document_id: str, type: str, evidence: str, **fields: Any) -> str:
        event_id = f"ev-{next(self._ids):04d}"
        row = {
            "date_min": None, "date_max": None, "count": None, "count_qualifier": None,
            "actor": None, "target": None, "destination": None, "modality": "asserted",
            "instrument": None, "sentence_start": 0, "sentence_end": len(evidence),
        } | fields  # fmt: skip
        row["persons"] = to_json(fields.get("persons", []))
        if row["date_min"] and not row["date_max"]:
            row["date_max"] = row["date_min"]
        self.store.execute(
            "INSERT INTO events (id, document_id, type, date_min, date_max, count, count_qualifier,"
            " actor, target, persons, destination, modality, instrument, evidence, sentence_start,"
            " sentence_end, created_at) VALUES (:id, :doc, :type, :date_min, :date_max, :count,"
            " :count_qualifier, :actor, :target, :persons, :destination, :modality, :instrument,"
            " :evidence, :sentence_start, :sentence_end, :created_at)",
            row
            | {
                "id": event_id,
                "doc": document_id,
                "type": type,
                "evidence": evidence,
                "created_at": now_iso(),
            },
        )
        return event_id

    def quote(self, document_id: str, speaker: str, text: str) -> str:
        quote_id = f"q-{next(self._ids):04d}"
        self.store.execute(
            "INSERT INTO quotes (id, document_id, speaker, text, created_at)"
            " VALUES (:id, :doc, :speaker, :text, :at)",
            {"id": quote_id, "doc": document_id, "speaker": speaker, "text": text, "at": now_iso()},
        )
        return quote_id
