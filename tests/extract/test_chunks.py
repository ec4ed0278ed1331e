"""Long documents are extracted in chunks; long lists do not exhaust the recursion limit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from quidproquo.extract import default_extractor
from quidproquo.extract.chunks import chunk_starts, extract_chunked
from quidproquo.ingest import SourceMeta, make_document
from quidproquo.validate import limits

PARAGRAPHS = [
    "The harbour board met on Monday to discuss the ferry timetable.",
    "Officials in Minsk freed 14 political prisoners on 3 May 2025, a rights group said.",
    "Rain is expected later in the week across the northern districts.",
    "A US envoy arrived in Minsk on 5 May 2025 for talks with the government.",
]


def test_cuts_fall_at_paragraph_breaks_within_the_size() -> None:
    text = "\n\n".join(PARAGRAPHS * 20)
    starts = chunk_starts(text, 400)
    assert starts[0] == 0 and len(starts) > 1
    ends = [*starts[1:], len(text)]
    assert all(0 < b - a <= 400 for a, b in zip(starts, ends, strict=True))
    assert all(text[s - 2 : s] == "\n\n" for s in starts[1:])
    assert chunk_starts("x" * 1000, 300) == [0, 300, 600, 900]  # no break at all: hard cuts


def test_chunked_extraction_finds_the_same_facts_at_the_same_offsets() -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    extractor = default_extractor()
    whole = extractor.extract(text, "2025-05-06")
    run = lambda items: extractor._batched(items, 64)  # noqa: E731
    parts = next(extract_chunked(run, [(text, "2025-05-06")], size=200))
    assert len(chunk_starts(text, 200)) > 3
    key = [(e.type, e.count, e.date_min, e.sentence_start, e.sentence_end) for e in whole.events]
    assert key and key == [
        (e.type, e.count, e.date_min, e.sentence_start, e.sentence_end) for e in parts.events
    ]
    for event in parts.events:
        assert text[event.sentence_start : event.sentence_end] == event.evidence


def test_a_sentence_listing_thousands_of_names_is_extracted() -> None:
    surnames = ["Karpovich", "Shuba", "Rabchuk", "Zhukava"]
    names = ", ".join(f"{surnames[i % 4]}{chr(97 + i % 26)}" for i in range(3000))
    text = f"Authorities in Minsk freed {names}, and Vera Lis on 3 May 2025."
    found = default_extractor().extract(text, "2025-05-04")  # was RecursionError in frames.py
    assert [e.type for e in found.events] == ["release"]
    assert len(found.events[0].persons) > 100


def test_ingest_refuses_a_text_above_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    small = replace(limits(), max_document_chars=100)
    monkeypatch.setattr("quidproquo.ingest.base.limits", lambda: small)
    with pytest.raises(ValueError, match="101 characters, more than the limit of 100"):
        make_document("y" * 101, "text", SourceMeta(), str(Path("big.txt")))
    assert make_document("y" * 100, "text", SourceMeta(), None).text == "y" * 100
