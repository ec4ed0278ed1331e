"""Train the candidate filter from FORMAT.md gold files and measure what it adds.

    python -m quidproquo.extract.learned.train ../shared/eval/train.gold.jsonl \
        ../shared/eval/dev.gold.jsonl ../shared/eval/seed.gold.jsonl \
        --heldout ../shared/eval/dev2.gold.jsonl

1. The rules (learned filter off) extract every training text; each event they propose becomes
   an example: its features (features.py), labelled by whether the FORMAT.md scorer matches it
   to a gold event. Gold texts are read at training time; none is stored.
2. k-fold cross-validation by document (fixed seed) picks the threshold; the figure reported is
   nested (each outer fold's threshold is chosen on the other folds only).
3. The final model is fitted on all examples and written with its threshold (`--out`).
4. `--heldout` files are scored once, rules alone and rules + filter.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from quidproquo.evaluate import GoldDoc, Scores, load_gold, match_events, score
from quidproquo.extract.learned import MODEL, CandidateFilter
from quidproquo.extract.learned.features import featurize
from quidproquo.extract.learned.logreg import LogReg, fit, save
from quidproquo.extract.pipeline import Extractor
from quidproquo.model import Event

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(15))  # 0.0 (keep all) .. 0.7


class Recorder(CandidateFilter):
    """Keeps every event and notes its features: the rules' output, as training examples."""

    def __init__(self, extractor: Extractor) -> None:
        super().__init__(LogReg(), 0.0, extractor.lexicon)
        self.rows: list[list[str]] = []

    def select(
        self, events: list[Event], parsed: dict[int, Doc], published: dt.date | None
    ) -> list[Event]:
        self.rows += featurize(events, parsed, published, self.lexicon)
        return events


@dataclass
class Example:
    """One text's gold document, the rules' events, their features and labels."""

    doc: GoldDoc
    events: list[dict[str, Any]]
    rows: list[list[str]]
    labels: list[bool]


def examples(docs: Sequence[GoldDoc], extractor: Extractor) -> list[Example]:
    recorder = Recorder(extractor)
    extractor.learned = recorder
    out = []
    for doc in docs:
        recorder.rows = []
        found = extractor.extract(doc.text, doc.published)
        events = [e.to_dict() for e in found.events]
        if len(recorder.rows) != len(events):
            raise RuntimeError(f"{doc.id}: {len(recorder.rows)} feature rows, {len(events)} events")
        matched = set(match_events(doc.events, events).values())
        out.append(Example(doc, events, recorder.rows, [j in matched for j in range(len(events))]))
    extractor.learned = None
    return out


def scored(items: Sequence[Example], keep: Sequence[Sequence[bool]] | None = None) -> Scores:
    """FORMAT.md scores of the rules' events, or of those `keep` marks."""
    predictions = {
        ex.doc.id: {"events": [e for j, e in enumerate(ex.events) if keep is None or keep[i][j]]}
        for i, ex in enumerate(items)
    }
    return score([ex.doc for ex in items], predictions)


def train_model(items: Sequence[Example], l2: float) -> LogReg:
    rows = [row for ex in items for row in ex.rows]
    return fit(rows, [label for ex in items for label in ex.labels], l2=l2)


def out_of_fold(items: Sequence[Example], folds: int, seed: int, l2: float) -> list[list[float]]:
    """Each text's event probabilities from a model that did not see it."""
    order = np.random.default_rng(seed).permutation(len(items))
    fold_of = {int(doc): k % folds for k, doc in enumerate(order)}
    probs: list[list[float]] = [[] for _ in items]
    for k in range(folds):
        model = train_model([ex for i, ex in enumerate(items) if fold_of[i] != k], l2)
        for i, ex in enumerate(items):
            if fold_of[i] == k:
                probs[i] = [model.probability(row) for row in ex.rows]
    return probs


def best_threshold(items: Sequence[Example], probs: Sequence[Sequence[float]]) -> float:
    def f1(t: float) -> float:
        return scored(items, [[p >= t for p in ps] for ps in probs]).events.f1

    return max(THRESHOLDS, key=lambda t: (f1(t), -t))  # ties: the lower, keeping more


def nested_cv(
    items: Sequence[Example], folds: int, seed: int, l2: float
) -> tuple[list[list[bool]], list[float]]:
    """Keep-decisions for every text where model and threshold come from the other folds."""
    order = np.random.default_rng(seed).permutation(len(items))
    fold_of = {int(doc): k % folds for k, doc in enumerate(order)}
    keep: list[list[bool]] = [[] for _ in items]
    chosen = []
    for k in range(folds):
        inner = [ex for i, ex in enumerate(items) if fold_of[i] != k]
        threshold = best_threshold(inner, out_of_fold(inner, folds, seed, l2))
        chosen.append(threshold)
        model = train_model(inner, l2)
        for i, ex in enumerate(items):
            if fold_of[i] == k:
                keep[i] = [model.probability(row) >= threshold for row in ex.rows]
    return keep, chosen


def line(label: str, scores: Scores) -> str:
    e = scores.events
    ratios = f"P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}"
    return f"{label:<34} {ratios}  (tp {e.tp}, fp {e.fp}, fn {e.fn})"


def by_type(rules: Scores, filtered: Scores) -> list[str]:
    return [
        f"  {kind:<18} F1 {rules.by_type[kind].f1:.3f} -> {filtered.by_type[kind].f1:.3f}"
        for kind in sorted(rules.by_type)
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path, help="FORMAT.md gold files to train on")
    parser.add_argument(
        "--heldout", nargs="*", type=Path, default=[], help="scored once, not trained on"
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--l2", type=float, default=10.0, help="L2 penalty (chosen by CV)")
    parser.add_argument("--out", type=Path, default=MODEL, help="where the model goes")
    args = parser.parse_args(argv)

    extractor = Extractor(with_quotes=False)
    sets = {path.name.split(".")[0]: examples(load_gold(path), extractor) for path in args.gold}
    items = [ex for found in sets.values() for ex in found]
    print(
        f"{len(items)} texts, {sum(len(ex.labels) for ex in items)} rule events, "
        f"{sum(sum(ex.labels) for ex in items)} of them right"
    )

    keep, thresholds = nested_cv(items, args.folds, args.seed, args.l2)
    print(f"\n{args.folds}-fold nested cross-validation (thresholds {thresholds}):")
    start = 0
    for name, found in sets.items():
        part = keep[start : start + len(found)]
        start += len(found)
        print(line(f"{name}: rules", scored(found)))
        print(line(f"{name}: rules + filter (CV)", scored(found, part)))
    print(line("all: rules", scored(items)))
    print(line("all: rules + filter (CV)", scored(items, keep)))

    threshold = best_threshold(items, out_of_fold(items, args.folds, args.seed, args.l2))
    model = train_model(items, args.l2)
    save(
        model,
        args.out,
        threshold=threshold,
        trained_on=sorted(sets),
        examples=sum(len(ex.labels) for ex in items),
        l2=args.l2,
        folds=args.folds,
        seed=args.seed,
    )
    print(f"\nmodel: {len(model.weights)} features, threshold {threshold} -> {args.out}")

    for path in args.heldout:
        held = examples(load_gold(path), extractor)
        decisions = [[model.probability(row) >= threshold for row in ex.rows] for ex in held]
        rules, filtered = scored(held), scored(held, decisions)
        print(f"\nheld out {path.name}:")
        print(line("rules", rules))
        print(line("rules + filter", filtered))
        print("\n".join(by_type(rules, filtered)))


if __name__ == "__main__":
    main()
