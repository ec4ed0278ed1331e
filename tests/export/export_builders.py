"""Rows for the export tests, inserted the way ingest and extract write them."""

from __future__ import annotations

import hashlib

from quidproquo.store import Store, now_iso, to_json

# Own test sentences: one agrees with the curated release, one disputes it, one is new.
# (url, published, day of the release, sentence, count)
REPORTS = [
    ("https://wire.example/a", "2025-12-13", "2025-12-13", "Belarus freed 123 prisoners.", 123),
    ("https://daily.example/b", "2025-12-14", "2025-12-13", "Minsk let 121 detainees go.", 121),
    ("https://radio.example/c", "2026-05-02", "2026-05-01", "Belarus pardoned 9 people.", 9),
]
QUOTE = "We have nothing to add about the releases."


def add_document(store: Store, url: str, published: str, text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()
    store.execute(
        "INSERT INTO documents (id, content_hash, kind, url, published, retrieved, text)"
        " VALUES (:id, :h, 'text', :url, :published, :r, :text)",
        {
            "id": digest[:16],
            "h": digest,
            "url": url,
            "published": published,
            "r": now_iso(),
            "text": text,
        },
    )
    return digest[:16]


def add_release(store: Store, document_id: str, sentence: str, day: str, count: int) -> str:
    event_id = "ev-" + document_id
    store.execute(
        "INSERT INTO events (id, document_id, type, date_min, date_max, count, count_qualifier,"
        " persons, evidence, sentence_start, sentence_end, created_at) VALUES (:id, :doc,"
        " 'release', :day, :day, :count, 'exact', :persons, :evidence, 0, :end, :at)",
        {
            "id": event_id,
            "doc": document_id,
            "day": day,
            "count": count,
            "persons": to_json([]),
            "evidence": sentence,
            "end": len(sentence),
            "at": now_iso(),
        },
    )
    return event_id
