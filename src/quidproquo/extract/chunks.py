"""Long documents are read in chunks, so extraction time and memory stay linear in length.

A text longer than `chunk_chars` (limits.yaml) is cut at the last paragraph break before the
limit (else the last sentence end, else the last line break or space); each chunk is extracted
on its own and the offsets of what it yields are moved back into the whole text. A fact whose
sentence crosses a cut cannot occur: cuts fall between sentences whenever the text has any.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TypeVar

from quidproquo.model import Extraction
from quidproquo.validate import limits

P = TypeVar("P")
CUTS = ("\n\n", ". ", "\n", " ")  # preferred first


def chunk_starts(text: str, size: int | None = None) -> list[int]:
    """Where each chunk begins (always 0 first); one chunk when the text is short enough."""
    size = size or limits().chunk_chars
    starts = [0]
    while len(text) - starts[-1] > size:
        begin = starts[-1]
        end = begin + size
        cut = -1
        for mark in CUTS:
            found = text.rfind(mark, begin + size // 2, end)
            if found >= 0:
                cut = found + len(mark)
                break
        starts.append(cut if cut > begin else end)
    return starts


def shifted(found: Extraction, offset: int) -> Extraction:
    """The chunk's events and quotes with offsets into the whole text."""
    if not offset:
        return found

    def move(value: int | None) -> int | None:
        return None if value is None else value + offset

    events = [
        replace(e, sentence_start=move(e.sentence_start), sentence_end=move(e.sentence_end))
        for e in found.events
    ]
    quotes = [
        replace(
            q,
            start=move(q.start),
            end=move(q.end),
            sentence_start=move(q.sentence_start),
            sentence_end=move(q.sentence_end),
        )
        for q in found.quotes
    ]
    return Extraction(events=events, quotes=quotes)


def extract_chunked(
    run: Callable[[Iterable[tuple[str, P]]], Iterator[Extraction]],
    items: Iterable[tuple[str, P]],
    size: int | None = None,
) -> Iterator[Extraction]:
    """`run` over the chunks of every text, one joined Extraction per text, in order."""
    plans: deque[list[int]] = deque()

    def pieces() -> Iterator[tuple[str, P]]:
        for text, extra in items:
            starts = chunk_starts(text, size) if isinstance(text, str) else [0]
            plans.append(starts)
            if len(starts) == 1:
                yield text, extra
                continue
            for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
                yield text[begin:end], extra

    joined = Extraction()
    done = 0
    for found in run(pieces()):
        starts = plans[0]
        part = shifted(found, starts[done])
        joined.events.extend(part.events)
        joined.quotes.extend(part.quotes)
        done += 1
        if done == len(starts):
            plans.popleft()
            yield joined
            joined, done = Extraction(), 0
