"""Regression guard for quote attribution on the shared development sets.

These sets were used to develop the speaker rules, so passing here is not evidence of
quality on unseen news; it keeps a change from silently losing what was reached. Only the
quote extractor runs (no event frames), so the guard stays cheap.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from quidproquo.evaluate import load_gold, score
from quidproquo.extract.quotes import extract_quotes
from quidproquo.extract.sentences import split_sentences

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason=f"no shared eval sets at {EVAL}")


@cache
def _quote_scores(name: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    gold = load_gold(EVAL / name)
    predictions = {}
    found: dict[str, list[str]] = {}
    for doc in gold:
        quotes = extract_quotes(doc.text, split_sentences(doc.text))
        predictions[doc.id] = {"id": doc.id, "events": [], "quotes": [q.to_dict() for q in quotes]}
        found[doc.id] = [q.text for q in quotes]
    return score(gold, predictions).to_dict(), found


@pytest.mark.parametrize(
    ("name", "recall", "attribution"),
    [("seed.gold.jsonl", 1.0, 1.0), ("dev.gold.jsonl", 1.0, 0.95), ("dev2.gold.jsonl", 0.97, 0.95)],
)
def test_quote_recall_and_attribution(name: str, recall: float, attribution: float) -> None:
    scores, _ = _quote_scores(name)
    assert scores["quotes"]["recall"] >= recall
    assert scores["attribution"]["accuracy"] >= attribution


def test_scare_quotes_of_dev2_are_not_quotes() -> None:
    _, found = _quote_scores("dev2.gold.jsonl")
    leaks = []
    for line in (EVAL / "dev2.traps.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for label in record["scare_quotes"]:
            bare = label.strip(" .,")
            leaks += [(record["id"], t) for t in found[record["id"]] if t.strip(" .,") == bare]
    assert leaks == []
