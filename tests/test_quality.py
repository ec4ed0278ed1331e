"""Regression guard on the shared development sets: the figures the README reports.

These sets were used to develop the rules, so passing here is not evidence of quality on
unseen news; it only keeps a change from silently losing what was reached.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quidproquo.evaluate import load_gold, score
from quidproquo.extract import Extractor

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason=f"no shared eval sets at {EVAL}")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _predict(extractor: Extractor, name: str) -> tuple[list, dict]:
    gold = load_gold(EVAL / name)
    predictions = {d.id: extractor.extract(d.text, d.published).to_prediction(d.id) for d in gold}
    return gold, predictions


def _trap_hits(name: str, gold: list, predictions: dict, types: tuple[str, ...] | None) -> list:
    """Events whose evidence lies inside a sentence the sidecar lists as a trap."""
    texts = {d.id: d.text for d in gold}
    hits = []
    for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = texts[record["id"]]
        for trap in record["traps"]:
            start = text.find(trap["text"])
            assert start >= 0, trap
            end = start + len(trap["text"])
            hits += [
                (record["id"], trap["kind"], event["type"], trap["text"])
                for event in predictions[record["id"]]["events"]
                # the rule of check_dev.py: no trap sentence contains an event's evidence
                if start <= event["sentence_start"]
                and event["sentence_end"] <= end
                and (types is None or event["type"] in types)
            ]
    return hits


def test_seed_quality(extractor: Extractor) -> None:
    gold, predictions = _predict(extractor, "seed.gold.jsonl")
    scores = score(gold, predictions).to_dict()
    assert scores["events"]["f1"] >= 0.93
    assert scores["quotes"]["recall"] >= 0.9
    assert scores["attribution"]["accuracy"] >= 0.9


def test_dev_quality_and_no_event_from_traps(extractor: Extractor) -> None:
    gold, predictions = _predict(extractor, "dev.gold.jsonl")
    scores = score(gold, predictions).to_dict()
    assert scores["events"]["f1"] >= 0.9
    assert scores["attribution"]["accuracy"] >= 0.9
    assert _trap_hits("dev.traps.jsonl", gold, predictions, None) == []


def test_dev2_quality_and_no_event_from_traps(extractor: Extractor) -> None:
    """dev2 is written like real news by another author; the guard keeps what was reached
    on it, overall and per type, and no trap sentence gives an event of any type."""
    gold, predictions = _predict(extractor, "dev2.gold.jsonl")
    scores = score(gold, predictions).to_dict()
    assert scores["events"]["f1"] >= 0.86
    assert scores["attribution"]["accuracy"] >= 0.95
    floors = {
        "release": 0.82,
        "deportation": 0.89,
        "detention": 0.85,
        "exchange": 0.85,
        "prisoner_count": 0.88,
        "denial": 0.8,
        "sanctions_eased": 0.8,
        "sanctions_imposed": 0.9,
        "visit": 0.95,
    }
    for kind, floor in floors.items():
        assert scores["by_type"][kind]["f1"] >= floor, kind
    assert _trap_hits("dev2.traps.jsonl", gold, predictions, None) == []
