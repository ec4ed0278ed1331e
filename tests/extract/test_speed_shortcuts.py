"""The shortcuts of the extraction hot paths (issue 8) skip work, never results.

Each shortcut rests on a necessary condition (a date pattern cannot match a sentence
without its cue, ...); these tests check the condition on the gold texts, the off-topic
corpus and sentences written here, so a lexicon change that breaks it fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from quidproquo.extract.dates import _lexicon, find_dates
from quidproquo.extract.gazetteer import load_gazetteer
from quidproquo.extract.nlp import doc_text, load_nlp, parse_texts
from quidproquo.extract.sentences import split_sentences
from quidproquo.extract.triggers import (
    TriggerLexicon,
    TriggerSpec,
    _words,
    inflections,
    load_triggers,
)

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
OFFTOPIC = ROOT / "benchmarks" / "corpus" / "offtopic.jsonl"
GOLD = ("seed.gold.jsonl", "dev.gold.jsonl", "dev2.gold.jsonl", "train.gold.jsonl")
# dates of every kind the resolver knows, in sentences of our own
WRITTEN = [
    "The court met on 2024-03-05 and again on 05.03.2024, then on Tuesday, 4 March 2025.",
    "By mid-June 2023 and since last July, the ferry ran from 1990 to 1994 and in 2021-2022.",
    "Over the weekend, and yesterday's hearing, she said; since the start of this year too.",
    "Late last month, in the past three weeks, about two months ago, this spring of 2020.",
    "Four days later, a week earlier, the day before, and on Sept. 3rd the mill reopened.",
    "They left on the 12th of Feb, next Friday, early this week, and last autumn.",
]


def _texts() -> list[str]:
    texts = list(WRITTEN)
    paths = [EVAL / name for name in GOLD if (EVAL / name).is_file()] + [OFFTOPIC]
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def test_every_date_pattern_match_contains_its_cue() -> None:
    texts = _texts()
    assert len(texts) > 300
    checked = 0
    for pattern, kind, cue in _lexicon().patterns:
        if cue is None:
            continue
        for text in texts:
            for m in pattern.finditer(text):
                # in its context: the cue's word boundaries see the text around the match
                found = cue.search(text, m.start())
                assert found and found.end() <= m.end(), (kind, m.group(0))
                checked += 1
    assert checked > 500


@pytest.mark.parametrize("text", WRITTEN)
def test_cues_change_no_date_found(text: str) -> None:
    """Against the patterns run with no cue at all (the resolver before the shortcut)."""
    lexicon = _lexicon()
    saved = lexicon.patterns
    published = dt.date(2025, 12, 17)
    try:
        lexicon.patterns = [(p, kind, None) for p, kind, _ in saved]
        plain = find_dates(text, published)
    finally:
        lexicon.patterns = saved
    assert find_dates(text, published) == plain
    assert plain  # each sentence has dates


def _count_source_one_by_one(text: str, sources: tuple[str, ...]) -> str | None:
    """What `Gazetteer.count_source` answered before its single search."""
    best: tuple[int, str] | None = None
    for source in sorted(sources, key=len, reverse=True):
        match = re.search(r"(?<!\w)" + re.escape(source) + r"(?!\w)", text, re.I)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), text[match.start() : match.end()])
    return best[1] if best else None


def test_count_source_in_one_search_answers_as_one_by_one() -> None:
    gazetteer = load_gazetteer()
    sources = gazetteer.count_sources
    assert len(sources) > 2
    # sources inside longer ones, twice, lower case, glued to a word
    longest = max(sources, key=len)
    written = [
        f"Figures from {s.lower()} and then {longest}, not x{s}." for s in sorted(sources)
    ] + [f"{a} said so; {b} disagreed." for a in sources for b in sources]
    texts = written + [s.text for t in _texts() for s in split_sentences(t)]
    found = 0
    for text in texts:
        expected = _count_source_one_by_one(text, sources)
        assert gazetteer.count_source(text) == expected, text
        found += expected is not None
    assert found > 50


def _candidate_types_one_by_one(lexicon: TriggerLexicon, text: str) -> set[str]:
    """What `TriggerLexicon.candidate_types` answered with one search per trigger."""
    found = set()
    for name, specs in _specs_by_type(lexicon).items():
        required = lexicon._requires.get(name)
        if required is not None and not required.search(text):
            continue
        for spec in specs:
            needed = spec.needs | spec.needs_head | spec.rebuts | spec.dismisses
            forms = set(spec.forms) or inflections(spec.lemma)
            if _words(forms).search(text) and (not needed or _words(needed).search(text)):
                found.add(name)
    return found


def _specs_by_type(lexicon: TriggerLexicon) -> dict[str, list[TriggerSpec]]:
    by_type: dict[str, list[TriggerSpec]] = {}
    for specs in lexicon.by_lemma.values():
        for spec in specs:
            by_type.setdefault(spec.type, []).append(spec)
    return by_type


def test_candidate_types_in_one_search_per_type_answer_as_one_by_one() -> None:
    lexicon = load_triggers()
    written = [
        "The envoy flew home after the talks; nobody was pardoned or let go.",
        "Officials eased the export curbs and lifted a travel ban on two firms.",
        "Police detained a reporter, then freed him on bail the next morning.",
        "Nothing in this line names any event at all.",
    ]
    texts = written + [s.text for t in _texts() for s in split_sentences(t)]
    found = 0
    for text in texts:
        expected = _candidate_types_one_by_one(lexicon, text)
        assert lexicon.candidate_types(text) == expected, text
        found += bool(expected)
    assert found > 200


def test_parsed_docs_keep_their_text_unchanged() -> None:
    nlp = load_nlp()
    texts = [
        "  Two spaces first,\tthen a tab  and\n\na blank line. ",
        "Quotes \u201cso\u201d and a dash \u2013 and \u00e9l\u00e8ve, na\u00efve.",
    ] + _texts()[:40]
    for text, doc in zip(texts, parse_texts(nlp, texts), strict=True):
        assert doc_text(doc) == doc.text == text
