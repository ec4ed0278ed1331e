"""Cheap, rule-based sentence splitting with character offsets (no parser).

Handles paragraph breaks, abbreviations ("Sept.", "U.S.", "Dr."), initials,
closing quotes after the full stop, datelines ("MINSK, Dec 13 (Wire) - ..."),
and photo credits glued to the preceding text ("...Lukashenko.Photo: ...").
`is_boilerplate` tells captions, credits, bylines and timestamps from prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


# Tokens that end with a full stop but do not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "fig",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "d.c",
        "a.m",
        "p.m",
        "i.e",
        "e.g",
    ]
)

# A credit line glued to the previous sentence: "Lukashenko.Photo: Wikimedia".
_GLUED_CREDIT = re.compile(
    r"(?<=[a-z0-9.)])(?=(?:Photo|Photograph|Foto|Source|Credit|Image)s?\s*:)"
)
# Candidate sentence end: terminator, optional closing quotes/brackets, whitespace.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)")
# What may start the next sentence.
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ]")
_CREDIT_INSIDE = re.compile(r"\s(?=(?:Photo|Photograph|Foto)s?\s*:)")
# Live-blog timestamp opening a paragraph: "13:40 — ".
_TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}\s*[—–-]\s")

_BOILERPLATE_PATTERNS = [
    re.compile(r"^(?:Photo|Photograph|Foto|Source|Credit|Image)s?\s*:", re.I),
    # A byline is names, outlets, dates and a few joining words; "By Viasna's count, ..." is prose.
    re.compile(
        r"^(?:By|Reporting by|Editing by|Written by)\s+[A-Z][\w.'’-]*"
        r"(?:(?:\s+|\s*[,;|·—–-]\s*)(?:[A-Z0-9][\w.'’:-]*|and|by|in|at|for|with|&))*[\s.]*$"
    ),
    re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s+\d{1,2}:\d{2})?$"),  # 17.12.2025 18:00
    re.compile(r"^\d{1,2}:\d{2}\s*(?:[—–-]\s*)?$"),
    re.compile(r"^[A-Z][\w ]{0,30}\s(?:Section|Desk)$"),  # "English Section"
    re.compile(r"\[(?:COMMENTARY|ANALYSIS|OPINION|PHOTO|VIDEO)\]", re.I),
    re.compile(r"^(?:Read more|Related|Share|Advertisement|Subscribe)\b", re.I),
]
# A short line with no verb-like word ending in a full stop is usually a caption.
_VERBISH = re.compile(
    r"\b(?:\w+(?:ed|es|s)|is|are|was|were|has|have|had|said|says|will|would|can|could|"
    r"may|might|freed|left|met|held|took|sent|went|came|gave|made|put|set|let)\b"
)


# Invisible characters that social posts glue to the next word (emoji variation selectors,
# zero-width spaces and joiners, word joiners, the byte-order mark): the tokeniser takes
# "\ufe0fAt" for one word. Read as spaces, one for one, so that every offset found in the
# readable text indexes the original text too.
_INVISIBLE = dict.fromkeys(
    [*range(0xFE00, 0xFE10), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF], " "
)


# A dateline opening a text: "Minsk, Dec 13 (Wire) -", "BISHKEK, May 4 —",
# "YANGON (Irrawaddy Desk) —", "TBILISI —": the place it was filed from (any case when an
# outlet in brackets follows the date; in capitals otherwise), its date, its outlet.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z/ .'-]+,\s[^()\n]{1,30}\([^)]*\)\s*[-–—.]"
    r"|[A-Z][A-Z.'/-]{2,}(?:\s[A-Z][A-Z.'/-]+){0,3}(?:,\s[^()\n—–]{1,30}?)?\s*(?:\([^)\n]*\))?"
    r"\s*(?:[—–]|--?)(?=\s))\s*"
)


def dateline_end(text: str) -> int:
    """Where the dateline at the head of `text` ends (0: it has none)."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def readable(text: str) -> str:
    """`text` with its invisible format characters as spaces; same length, same offsets."""
    return text.translate(_INVISIBLE)


def _is_abbreviation(chunk: str) -> bool:
    """True when the text before a full stop ends with an abbreviation or an initial."""
    tokens = chunk.split()
    if not tokens:
        return False
    token = tokens[-1].lstrip("\"'“‘([").rstrip(".")
    if len(token) == 1 and token.isalpha() and token.isupper():
        # an initial after a first name ("Christopher W. Smith"), not "on X."
        return len(tokens) > 1 and tokens[-2][:1].isupper()
    return token.lower() in ABBREVIATIONS


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one paragraph text[start:end] into sentence spans."""
    spans: list[tuple[int, int]] = []
    cut = start
    line = text[start:end]
    breaks = {m.start() + start for m in _GLUED_CREDIT.finditer(line)}
    breaks |= {m.end() + start for m in _CREDIT_INSIDE.finditer(line)}
    breaks |= {m.end() + start for m in _TIMESTAMP.finditer(line)}
    for match in _END.finditer(line):
        stop = match.end() + start
        if not _NEXT_START.match(text, stop) and stop < end:
            continue
        terminator = match.group(0)
        if (
            terminator.startswith(".")
            and terminator.rstrip("\"'”’)]") == "."
            and _is_abbreviation(text[cut : match.start() + start])
        ):
            continue
        breaks.add(stop)
    for stop in sorted(breaks):
        if stop <= cut:
            continue
        spans.append((cut, stop))
        cut = stop
    spans.append((cut, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences whose offsets index `text` exactly."""
    sentences: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        for raw_start, raw_end in _split_line(text, para.start(), para.end()):
            start, end = _trim(text, raw_start, raw_end)
            if start < end:
                sentences.append(Sentence(start, end, text[start:end]))
    return sentences


def is_boilerplate(sentence: Sentence | str) -> bool:
    """True for captions, photo credits, bylines, timestamps and section labels."""
    text = sentence.text if isinstance(sentence, Sentence) else sentence
    text = text.strip()
    if not text:
        return True
    if any(p.search(text) for p in _BOILERPLATE_PATTERNS):
        return True
    words = text.split()
    # "Belarusian leader Alexander Lukashenko." : a short verbless caption line.
    return len(words) <= 8 and not _VERBISH.search(text.lower()) and not text.endswith("?")
