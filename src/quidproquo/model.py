"""Typed records that flow through the pipeline.

ingest → Document; extract → Event, Quote (each pointing at its sentence);
resolve → Entity, Incident, Claim; review → Review.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_TYPES = (
    "release",
    "deportation",
    "sanctions_eased",
    "sanctions_imposed",
    "visit",
    "detention",
    "prisoner_count",
    "exchange",
    "denial",
)
QUALIFIERS = ("exact", "about", "more_than", "less_than", "at_least")
MODALITIES = ("asserted", "announced", "proposed", "hedged", "refused", "denied")
STATUSES = ("candidate", "accepted", "rejected", "corrected")


@dataclass
class Document:
    """One ingested source text with its provenance."""

    id: str
    text: str
    content_hash: str
    kind: str  # text, html, feed, jsonl, curated
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date or date-time
    retrieved: str | None = None  # ISO date-time
    language: str | None = None
    source_path: str | None = None
    source_id: str | None = None  # the id the source gives it (JSON Lines id, feed entry id)


@dataclass
class Event:
    """One event as one sentence states it (FORMAT.md, version 1)."""

    type: str
    date_min: str | None = None
    date_max: str | None = None
    count: int | None = None
    count_qualifier: str | None = None
    actor: str | None = None
    target: str | None = None
    persons: list[str] = field(default_factory=list)
    destination: str | None = None
    modality: str = "asserted"
    evidence: str = ""
    sentence_start: int | None = None  # character offsets of the evidence in the text
    sentence_end: int | None = None
    instrument: str | None = None  # general_license, sdn_removal, permit

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quote:
    """A direct quotation and who the text credits with it."""

    speaker: str | None
    text: str
    start: int | None = None  # offsets of the quoted words in the text
    end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    """Everything extracted from one text."""

    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_prediction(self, doc_id: str) -> dict[str, Any]:
        """The FORMAT.md prediction line for this document."""
        return {
            "id": doc_id,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
        }
