"""Cut a document's text into plain and highlighted pieces for display.

Offsets are character offsets into the stored text (as extraction records them). A span
that does not fit the text is left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

CONTEXT_CHARS = 320  # text shown on each side of a highlighted sentence


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # css class: event, quote, evidence
    id: str


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: tuple[str, ...] = ()  # empty: plain text
    ids: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # ids of the spans that begin here (anchors)


@dataclass(frozen=True)
class Excerpt:
    """A piece of the document around one highlighted span."""

    before: str
    marked: str
    after: str
    cut_before: bool
    cut_after: bool
    start: int
    end: int


def fits(text: str, start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and 0 <= start < end <= len(text)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """The whole text as consecutive segments; overlapping spans share a segment."""
    valid = [s for s in spans if fits(text, s.start, s.end)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    pieces = []
    for low, high in pairwise(cuts):
        covering = [s for s in valid if s.start <= low and high <= s.end]
        pieces.append(
            Segment(
                text[low:high],
                tuple(dict.fromkeys(s.kind for s in covering)),
                tuple(s.id for s in covering),
                tuple(s.id for s in covering if s.start == low),
            )
        )
    return pieces


def locate(text: str, start: int | None, end: int | None, evidence: str | None) -> Span | None:
    """Where a claim's sentence is: its offsets if they fit, else the evidence found verbatim."""
    if fits(text, start, end):
        assert start is not None and end is not None
        return Span(start, end, "evidence", "")
    if evidence and evidence in text:
        found = text.index(evidence)
        return Span(found, found + len(evidence), "evidence", "")
    return None


def excerpt(text: str, span: Span, context: int = CONTEXT_CHARS) -> Excerpt:
    """The span with about `context` characters each side, cut at whitespace."""
    low = max(0, span.start - context)
    high = min(len(text), span.end + context)
    if low > 0:
        space = text.find(" ", low, span.start)
        low = space + 1 if space != -1 else low
    if high < len(text):
        space = text.rfind(" ", span.end, high)
        high = space if space != -1 else high
    return Excerpt(
        before=text[low : span.start],
        marked=text[span.start : span.end],
        after=text[span.end : high],
        cut_before=low > 0,
        cut_after=high < len(text),
        start=span.start,
        end=span.end,
    )
