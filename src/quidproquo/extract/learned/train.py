"""Train the learned parts (filter, date ranker) from FORMAT.md gold files; measure them.

    python -m quidproquo.extract.learned.train ../shared/eval/train.gold.jsonl \
        ../shared/eval/dev.gold.jsonl ../shared/eval/seed.gold.jsonl \
        --heldout ../shared/eval/dev2.gold.jsonl

1. The rules (learned parts off) extract every training text; each event they propose becomes
   a filter example (features.py), labelled by whether the FORMAT.md scorer matches it to a
   gold event, and each reading of its date a ranker example (ranker.py), labelled by whether
   it agrees with the gold event of its sentence. Gold texts are read here; none is stored.
2. Where the rules lose events is printed per file (missing, wrong argument, spurious).
3. k-fold cross-validation by document (fixed seed) picks each part's threshold or margin; the
   figures printed are nested (each fold's models and knobs come from the other folds only).
4. The final models are fitted on all examples and written with their knobs (`--out`).
5. `--heldout` files are scored once: rules alone, with each part, with both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from quidproquo.evaluate import (
    GoldDoc,
    Scores,
    event_mismatches,
    load_gold,
    match_events,
    score,
)
from quidproquo.extract.learned import MODEL, CandidateFilter
from quidproquo.extract.learned.features import featurize
from quidproquo.extract.learned.logreg import LogReg, fit
from quidproquo.extract.learned.ranker import Candidate, candidates_of, choose_date
from quidproquo.extract.pipeline import Extractor
from quidproquo.model import Event

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(15))  # 0.0 (keep all) .. 0.7
MARGINS = (1.0, 0.6, 0.4, 0.3, 0.2, 0.1, 0.0)  # 1.0: never switch


class Recorder(CandidateFilter):
    """Keeps every event and notes its features: the rules' output, as training examples."""

    def __init__(self, extractor: Extractor) -> None:
        super().__init__(LogReg(), 0.0, extractor.lexicon)
        self.rows: list[list[str]] = []
        self.dates: list[list[Candidate]] = []

    def select(
        self, events: list[Event], parsed: dict[int, Doc], published: dt.date | None
    ) -> list[Event]:
        self.rows += featurize(events, parsed, published, self.lexicon)
        self.dates += candidates_of(events, parsed, published, self.lexicon)
        return events


@dataclass
class Example:
    """One text's gold document, the rules' events, their features and labels."""

    doc: GoldDoc
    events: list[dict[str, Any]]
    rows: list[list[str]]
    labels: list[bool]
    dates: list[list[Candidate]]  # per event: the rules' date first, then the alternatives
    date_labels: list[list[bool] | None]  # per candidate: agrees with the gold (None: no gold)


def examples(docs: Sequence[GoldDoc], extractor: Extractor) -> list[Example]:
    recorder = Recorder(extractor)
    extractor.learned = recorder
    out = []
    for doc in docs:
        recorder.rows, recorder.dates = [], []
        found = extractor.extract(doc.text, doc.published)
        events = [e.to_dict() for e in found.events]
        if len(recorder.rows) != len(events):
            raise RuntimeError(f"{doc.id}: {len(recorder.rows)} feature rows, {len(events)} events")
        matched = set(match_events(doc.events, events).values())
        labels = [j in matched for j in range(len(events))]
        dates = recorder.dates
        out.append(
            Example(doc, events, recorder.rows, labels, dates, date_labels(doc, events, dates))
        )
    extractor.learned = None
    return out


def _same_sentence(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    a, b = (gold.get("evidence") or "").strip(), (event.get("evidence") or "").strip()
    return bool(a and b) and (a in b or b in a)


def date_labels(
    doc: GoldDoc, events: list[dict[str, Any]], candidates: list[list[Candidate]]
) -> list[list[bool] | None]:
    """Which date candidates agree with the gold event the rules' event stands for: the gold
    event of its type and sentence that agrees with it on most other fields."""
    out: list[list[bool] | None] = []
    for event, found in zip(events, candidates, strict=True):

        def others(gold: dict[str, Any], event: dict[str, Any] = event) -> int:
            return sum(not r.startswith("date") for r in event_mismatches(gold, event))

        golds = [g for g in doc.events if g["type"] == event["type"] and _same_sentence(g, event)]
        golds = [g for g in golds if g.get("date_min") or g.get("date_max")]
        if not golds:
            out.append(None)
            continue
        gold = min(golds, key=others)
        out.append(
            [
                not any(
                    r.startswith("date")
                    for r in event_mismatches(
                        gold, {**event, "date_min": c.value[0], "date_max": c.value[1]}
                    )
                )
                for c in found
            ]
        )
    return out


def losses(items: Sequence[Example]) -> Counter[str]:
    """Where the rules lose events: a gold event with no event of its type in its sentence
    (missing), one whose same-type event has other fields (wrong argument, per field), and
    rule events with no gold event of their type in the sentence (spurious)."""
    found: Counter[str] = Counter()
    for ex in items:
        pairs = match_events(ex.doc.events, ex.events)
        for i, gold in enumerate(ex.doc.events):
            if i in pairs:
                continue
            near = [e for e in ex.events if e["type"] == gold["type"] and _same_sentence(gold, e)]
            if not near:
                found["missing"] += 1
                continue
            found["wrong argument"] += 1
            for reason in {r.split()[0] for r in event_mismatches(gold, near[0])}:
                found[f"  {reason}"] += 1
        matched = set(pairs.values())
        for j, event in enumerate(ex.events):
            if j not in matched and not any(
                g["type"] == event["type"] and _same_sentence(g, event) for g in ex.doc.events
            ):
                found["spurious"] += 1
    return found


Chosen = list[list[dict[str, Any] | None]]  # per text, per rule event: kept (maybe changed)


def rule_events(items: Sequence[Example]) -> Chosen:
    return [list(ex.events) for ex in items]


def scored(items: Sequence[Example], chosen: Chosen | None = None) -> Scores:
    """FORMAT.md scores of the rules' events, or of the `chosen` ones."""
    chosen = chosen if chosen is not None else rule_events(items)
    predictions = {
        ex.doc.id: {"events": [e for e in events if e is not None]}
        for ex, events in zip(items, chosen, strict=True)
    }
    return score([ex.doc for ex in items], predictions)


class Part:
    """A learned part: fit a model on examples, apply it with a knob (threshold or margin)."""

    name = ""
    knobs: tuple[float, ...] = ()
    l2 = 1.0

    def fit(self, items: Sequence[Example], l2: float) -> LogReg:
        raise NotImplementedError

    def apply(
        self, ex: Example, events: list[dict[str, Any] | None], model: LogReg, knob: float
    ) -> None:
        raise NotImplementedError


class FilterPart(Part):
    """Drop events whose probability of being right is below the threshold."""

    name = "filter"
    knobs = THRESHOLDS
    l2 = 10.0  # chosen by nested CV among 0.3, 1, 3, 10, 30 (docs/LEARNED.md)

    def fit(self, items: Sequence[Example], l2: float) -> LogReg:
        rows = [row for ex in items for row in ex.rows]
        return fit(rows, [label for ex in items for label in ex.labels], l2=l2)

    def apply(
        self, ex: Example, events: list[dict[str, Any] | None], model: LogReg, knob: float
    ) -> None:
        for j, row in enumerate(ex.rows):
            if model.probability(row) < knob:
                events[j] = None


class DatePart(Part):
    """Switch an event's date to another candidate that beats the rules' by the margin."""

    name = "dates"
    knobs = MARGINS
    l2 = 1.0  # chosen by nested CV among 1, 3, 10

    def fit(self, items: Sequence[Example], l2: float) -> LogReg:
        rows, labels = [], []
        for ex in items:
            for found, marks in zip(ex.dates, ex.date_labels, strict=True):
                if marks is not None and len(found) > 1:
                    rows += [c.features for c in found]
                    labels += marks
        return fit(rows, labels, l2=l2)

    def apply(
        self, ex: Example, events: list[dict[str, Any] | None], model: LogReg, knob: float
    ) -> None:
        for j, found in enumerate(ex.dates):
            event = events[j]
            best = choose_date(found, model, knob)
            if event is not None and best is not None:
                events[j] = {**event, "date_min": best[0], "date_max": best[1]}


def applied(items: Sequence[Example], steps: Sequence[tuple[Part, LogReg, float]]) -> Chosen:
    chosen = rule_events(items)
    for ex, events in zip(items, chosen, strict=True):
        for part, model, knob in steps:
            part.apply(ex, events, model, knob)
    return chosen


def fold_of(items: Sequence[Example], folds: int, seed: int) -> list[int]:
    order = np.random.default_rng(seed).permutation(len(items))
    out = [0] * len(items)
    for k, i in enumerate(order):
        out[int(i)] = k % folds
    return out


def best_knob(items: Sequence[Example], part: Part, folds: int, seed: int, l2: float) -> float:
    """The knob whose out-of-fold decisions score best (ties: the more cautious, first)."""
    where = fold_of(items, folds, seed)
    models = [
        part.fit([ex for i, ex in enumerate(items) if where[i] != k], l2) for k in range(folds)
    ]

    def f1(knob: float) -> float:
        chosen = rule_events(items)
        for i, ex in enumerate(items):
            part.apply(ex, chosen[i], models[where[i]], knob)
        return scored(items, chosen).events.f1

    return max(part.knobs, key=lambda knob: (f1(knob), -part.knobs.index(knob)))


def nested_cv(
    items: Sequence[Example], parts: Sequence[Part], folds: int, seed: int
) -> tuple[Chosen, list[list[float]]]:
    """Decisions for every text by models and knobs chosen without it (nested k-fold)."""
    where = fold_of(items, folds, seed)
    chosen = rule_events(items)
    knobs = []
    for k in range(folds):
        inner = [ex for i, ex in enumerate(items) if where[i] != k]
        steps = [(p, p.fit(inner, p.l2), best_knob(inner, p, folds, seed, p.l2)) for p in parts]
        knobs.append([knob for _, _, knob in steps])
        for i, ex in enumerate(items):
            if where[i] == k:
                for part, model, knob in steps:
                    part.apply(ex, chosen[i], model, knob)
    return chosen, knobs


def save_parts(path: Path, steps: Sequence[tuple[Part, LogReg, float]], **meta: Any) -> None:
    """One JSON file: per part its knob, bias and weights."""
    data: dict[str, Any] = dict(meta)
    for part, model, knob in steps:
        data[part.name] = {"knob": knob, "l2": part.l2, **model.to_json()}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


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
    parser.add_argument("--out", type=Path, default=MODEL, help="where the model goes")
    args = parser.parse_args(argv)

    extractor = Extractor(with_quotes=False)
    sets = {path.name.split(".")[0]: examples(load_gold(path), extractor) for path in args.gold}
    items = [ex for found in sets.values() for ex in found]
    print(
        f"{len(items)} texts, {sum(len(ex.labels) for ex in items)} rule events, "
        f"{sum(sum(ex.labels) for ex in items)} of them right"
    )
    for name, found in sets.items():
        lost = losses(found)
        fields = ", ".join(f"{k.strip()} {v}" for k, v in sorted(lost.items()) if k[0] == " ")
        print(
            f"{name}: rules lose {lost['missing']} gold events with no candidate, "
            f"{lost['wrong argument']} with a wrong argument ({fields}); "
            f"{lost['spurious']} spurious events"
        )
    print(f"\n{args.folds}-fold nested cross-validation (model and knob chosen without the fold):")
    for name, found in sets.items():
        print(line(f"{name}: rules", scored(found)))
    print(line("all: rules", scored(items)))
    parts = [FilterPart(), DatePart()]
    for label, chosen_parts in [(p.name, [p]) for p in parts] + [("all parts", parts)]:
        chosen, knobs = nested_cv(items, chosen_parts, args.folds, args.seed)
        print(f"+ {label} (knobs per fold {knobs}):")
        start = 0
        for name, found in sets.items():
            print(line(f"{name}: + {label}", scored(found, chosen[start : start + len(found)])))
            start += len(found)
        print(line(f"all: + {label}", scored(items, chosen)))

    steps = []
    for part in parts:
        knob = best_knob(items, part, args.folds, args.seed, part.l2)
        steps.append((part, part.fit(items, part.l2), knob))
    save_parts(args.out, steps, trained_on=sorted(sets), folds=args.folds, seed=args.seed)
    print(f"\nmodel -> {args.out}: " + ", ".join(f"{p.name} {k}" for p, _, k in steps))

    for path in args.heldout:
        held = examples(load_gold(path), extractor)
        rules = scored(held)
        print(f"\nheld out {path.name}:")
        print(line("rules", rules))
        for label, chosen_steps in [(p.name, [s]) for p, s in zip(parts, steps, strict=True)] + [
            ("all parts", steps)
        ]:
            found = scored(held, applied(held, chosen_steps))
            print(line(f"rules + {label}", found))
            print("\n".join(by_type(rules, found)))


if __name__ == "__main__":
    main()
