"""The raw-text stage of the cascade (extract/gate.py) and what it may not change."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.gate import Gate, alternation, load_gate
from quidproquo.extract.lexicon import load_lexicon
from quidproquo.extract.sentences import split_sentences
from quidproquo.extract.triggers import TriggerLexicon, load_triggers

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
OFFTOPIC = ROOT / "benchmarks" / "corpus" / "offtopic.jsonl"
GOLD = ("seed.gold.jsonl", "dev.gold.jsonl", "dev2.gold.jsonl", "train.gold.jsonl")
needs_gold = pytest.mark.skipif(not EVAL.is_dir(), reason=f"no shared eval sets at {EVAL}")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_alternation_matches_whole_words_spaces_and_open_endings() -> None:
    pattern = re.compile(alternation(["penal colon*", "free", "freed", "swap"]))
    found = [m.group() for m in pattern.finditer("Freed from a penal\n colony, free-market swaps")]
    assert found == ["Freed", "penal\n colony", "free"]
    names = re.compile(alternation(["Lida"], ignore_case=False))
    assert names.search("a rally in Lida") and not names.search("lida")


def test_every_trigger_form_is_found_and_new_triggers_follow_the_data() -> None:
    gate = load_gate()
    for form in sorted(load_triggers().forms):
        assert gate.trigger_starts(f"The word {form} here.") == [9], form
    data = load_lexicon("triggers.yaml")
    data["types"]["release"]["triggers"].append({"lemma": "unshackle"})
    grown = Gate.build(
        TriggerLexicon(data), load_lexicon("subject.yaml"), load_lexicon("gazetteer.yaml")
    )
    assert grown.trigger_starts("Guards unshackled him.") == [7]
    assert gate.trigger_starts("Guards unshackled him.") == []


def test_trigger_words_by_sentence_and_the_types_they_allow() -> None:
    text = "The river rose. Two inmates were Freed on Monday and deported. Rain fell again."
    sentences = split_sentences(text)
    words = load_gate().trigger_words(text, sentences)
    assert words == {16: {"were", "freed", "deported"}}  # "were in": a visit form
    lexicon = load_triggers()
    sentence = sentences[1].text
    assert lexicon.candidate_types(sentence, words[16]) == lexicon.candidate_types(sentence)
    assert {"release", "deportation"} <= lexicon.candidate_types(sentence)


def test_subject_words_and_the_holding_states_names() -> None:
    gate = load_gate()
    assert gate.on_subject("The dissidents were driven to the border at dawn.")
    assert gate.on_subject("A rally in Hrodna drew a few hundred people.")  # gazetteer city
    assert gate.on_subject("Talks at the Kremlin ran late.")
    assert not gate.on_subject("The bakery released a new rye loaf on Friday.")


def test_off_topic_text_is_not_parsed_unless_the_gate_is_off() -> None:
    text = "Police arrested two men on Tuesday after a string of shop thefts in the old town."
    assert Extractor().extract(text, "2025-03-04").events == []
    ungated = Extractor(subject_gate=False).extract(text, "2025-03-04")
    assert [e.type for e in ungated.events] == ["detention"]


def test_the_gate_rejects_most_of_the_off_topic_corpus_and_it_yields_few_events() -> None:
    docs = _jsonl(OFFTOPIC)
    assert len(docs) >= 300
    gate = load_gate()
    assert sum(bool(gate.trigger_starts(d["text"])) for d in docs) > len(docs) // 2
    assert sum(gate.on_subject(d["text"]) for d in docs) <= len(docs) // 10
    results = Extractor().extract_many((d["text"], "2025-06-01") for d in docs)
    assert sum(len(r.events) for r in results) <= 10


@needs_gold
def test_the_gate_passes_every_gold_text_with_an_event_or_a_quote() -> None:
    gate = load_gate()
    for name in GOLD:
        for doc in _jsonl(EVAL / name):
            if doc["events"] or doc["quotes"]:
                assert gate.on_subject(doc["text"]), doc["id"]


@needs_gold
def test_gated_and_ungated_extraction_agree_on_seed_and_dev() -> None:
    docs = _jsonl(EVAL / "seed.gold.jsonl") + _jsonl(EVAL / "dev.gold.jsonl")
    items = [(d["text"], d["published"]) for d in docs]
    gated = list(Extractor().extract_many(items))
    ungated = list(Extractor(subject_gate=False).extract_many(items))
    assert [dataclasses.asdict(r) for r in gated] == [dataclasses.asdict(r) for r in ungated]
    assert sum(len(r.events) for r in gated) > 100 and sum(len(r.quotes) for r in gated) > 20
