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


def test_seed_quality(extractor: Extractor) -> None:
    gold, predictions = _predict(extractor, "seed.gold.jsonl")
    scores = score(gold, predictions).to_dict()
    assert scores["events"]["f1"] >= 0.85
    assert scores["quotes"]["recall"] >= 0.9
    assert scores["attribution"]["accuracy"] >= 0.9


def test_dev_quality_and_no_event_from_traps(extractor: Extractor) -> None:
    gold, predictions = _predict(extractor, "dev.gold.jsonl")
    scores = score(gold, predictions).to_dict()
    assert scores["events"]["f1"] >= 0.85
    assert scores["attribution"]["accuracy"] >= 0.9

    texts = {d.id: d.text for d in gold}
    hits = []
    for line in (EVAL / "dev.traps.jsonl").read_text(encoding="utf-8").splitlines():
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
                if start <= event["sentence_start"] and event["sentence_end"] <= end
            ]
    assert hits == []
