"""Property and fuzz tests: random and adversarial text through ingest and extract.

Inputs mix random Unicode (control characters, many scripts) with pieces built to hurt:
very long lists of names, deep nesting of brackets and quotes, giant numbers, impossible
dates, unbalanced quotation marks. Whatever comes in, ingest either stores a document or
names the problem, and extraction returns events whose offsets lie in the text and whose
values pass the entry checks, within a bounded time per input (hypothesis' deadline).

CI runs a few dozen inputs; the long run (README, "Fuzzing") sets QPQ_FUZZ_EXAMPLES.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quidproquo.extract import default_extractor
from quidproquo.ingest import SourceMeta, make_document
from quidproquo.ingest.jsonl import read_jsonl
from quidproquo.validate import InvalidValue, check_fields, checked_event

EXAMPLES = int(os.environ.get("QPQ_FUZZ_EXAMPLES", "25"))
COUNTER = os.environ.get("QPQ_FUZZ_LOG")  # the long run counts its inputs here
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=60),  # the bound on one input, even on a busy machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 100,  # CI: the same inputs every run
    database=None,
)

NAMES = st.sampled_from(["Anton Shuba", "Volha Rabchuk", "Ihar Lis", "Зміцер Дашкевіч",
                         "Łukasz Nowak", "李雷", "Ali Hassan", "O'Neil", "Ann Kay"])  # fmt: skip
TRIGGERS = st.sampled_from([
    "Officials freed {x}.", "The authorities released {x} on {d}.", "{x} were pardoned.",
    "An envoy visited Minsk on {d}.", "Sanctions on the airline were eased on {d}.",
    "{x} remain behind bars.", '"{x}," she said.', "{x} was detained on {d}.",
])  # fmt: skip
DATES = st.sampled_from(["31 February 2026", "2026-13-45", "March 0", "0001-01-01",
                         "9999-12-31", "the 99th of May", "Tuesday", "12/31/2025",
                         "1 January 1925", "next year"])  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=1, max_value=10**6).map(lambda n: f"{n:,}"),
    st.sampled_from(["a million billion", "zero", "-5", "1e30", "twelve hundred thousand"]),
)


@st.composite
def adversarial(draw: st.DrawFn) -> str:
    """One text of a few pieces, each ordinary, random or built to break something."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["random", "list", "nest", "trigger", "quotes", "scripts"]))
        if kind == "random":
            pieces.append(draw(st.text(max_size=300)))
        elif kind == "list":
            names = draw(st.lists(NAMES, min_size=1, max_size=400))
            pieces.append(f"Officials freed {', '.join(names)} and others on {draw(DATES)}.")
        elif kind == "nest":
            depth = draw(st.integers(1, 300))
            left, right = draw(st.sampled_from([("(", ")"), ("«", "»"), ('"', '"'), ("[", "")]))
            pieces.append(left * depth + f"{draw(NUMBERS)} prisoners freed" + right * depth)
        elif kind == "trigger":
            template = draw(TRIGGERS)
            who = draw(st.one_of(NAMES, NUMBERS.map(lambda n: f"{n} political prisoners")))
            pieces.append(template.format(x=who, d=draw(DATES)))
        elif kind == "quotes":
            pieces.append(draw(st.sampled_from(['"', "“", "„", "'"])) + draw(st.text(max_size=80)))
        else:
            pieces.append(draw(st.text(st.characters(codec="utf-8"), max_size=200)))
    separator = draw(st.sampled_from([" ", "\n", "\n\n", "\x00", "\r\n", "\u2028"]))
    return separator.join(pieces)


def _count() -> None:
    if COUNTER:
        with open(COUNTER, "a", encoding="utf-8") as handle:
            handle.write(".")


@FUZZ
@given(text=adversarial(), published=st.one_of(st.none(), DATES, st.dates().map(str)))
def test_extract_survives_any_text(text: str, published: str | None) -> None:
    _count()
    try:
        found = default_extractor().extract(text, published)
    except ValueError as exc:  # a bad publication date is refused, naming it
        assert "published" in str(exc)
        return
    for event in found.events:
        assert event.sentence_start is None or 0 <= event.sentence_start <= len(text)
        assert event.sentence_end is None or event.sentence_end <= len(text)
        clean = checked_event(event)
        values = {k: getattr(clean, k) for k in ("count", "date_min", "date_max", "persons")}
        try:
            check_fields(values)
        except InvalidValue as exc:  # only the publication bound may differ (today here)
            assert "is after" in str(exc), exc
    for quote in found.quotes:
        assert quote.start is None or 0 <= quote.start <= len(text)


@FUZZ
@given(
    records=st.lists(
        st.one_of(
            st.dictionaries(
                st.sampled_from(["id", "text", "title", "url", "publisher", "published"]),
                st.one_of(st.text(max_size=60), st.integers(), st.none(), st.lists(st.text())),
            ),
            st.text(max_size=40),
            adversarial().map(lambda t: {"text": t}),
        ),
        max_size=8,
    )
)
def test_ingest_reads_every_line_or_names_it(records: list[object]) -> None:
    _count()
    raw = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()
    items = list(read_jsonl(Path("fuzz.jsonl"), raw, SourceMeta()))
    for item in items:
        if hasattr(item, "reason"):
            assert str(item).startswith("fuzz.jsonl")
        else:
            assert item.text and len(item.id) == 16  # type: ignore[union-attr]


@FUZZ
@given(text=adversarial())
def test_make_document_normalises_or_refuses(text: str) -> None:
    _count()
    try:
        doc = make_document(text, "text", SourceMeta(), None)
    except ValueError as exc:
        assert "no text" in str(exc)
        return
    assert doc.text == doc.text.strip() and "\r" not in doc.text and "\x00" not in doc.text
