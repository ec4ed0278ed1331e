"""The trained part of extraction: two small models over the events the rules propose.

- the filter scores each event the rules found (features.py) and drops it below a threshold;
- the date ranker (ranker.py) scores the readings of its date the sentence allows and moves
  the event to another one when that beats the rules' pick by a margin.

Both are logistic regressions over hand-built features; weights and knobs ship in `model.json`
beside this file and load offline; `python -m quidproquo.extract.learned.train` makes them
again (docs/LEARNED.md). They run only on events, so only on sentences the rules already
parsed as candidates.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from quidproquo.extract.learned.features import featurize
from quidproquo.extract.learned.logreg import LogReg
from quidproquo.extract.learned.ranker import candidates_of, choose_date
from quidproquo.extract.triggers import TriggerLexicon
from quidproquo.model import Event

MODEL = Path(__file__).with_name("model.json")


class ModelFileError(ValueError):
    """The model file is missing or malformed; the message names the file."""


class CandidateFilter:
    """Drops events whose probability of being right is below `threshold`; moves dates where
    the date model (if any) prefers another reading by more than `margin`."""

    def __init__(
        self,
        model: LogReg,
        threshold: float,
        lexicon: TriggerLexicon,
        dates: LogReg | None = None,
        margin: float = 1.0,
    ) -> None:
        self.model = model
        self.threshold = threshold
        self.lexicon = lexicon
        self.dates = dates
        self.margin = margin

    def probabilities(
        self, events: list[Event], parsed: dict[int, Doc], published: dt.date | None
    ) -> list[float]:
        """Per event, the filter's probability that the rules got it right."""
        rows = featurize(events, parsed, published, self.lexicon)
        return [self.model.probability(row) for row in rows]

    def select(
        self, events: list[Event], parsed: dict[int, Doc], published: dt.date | None
    ) -> list[Event]:
        """The events of one text worth keeping, in order, with their dates as chosen."""
        if not events:
            return events
        keep = [p >= self.threshold for p in self.probabilities(events, parsed, published)]
        if self.dates is not None:
            found = candidates_of(events, parsed, published, self.lexicon)
            for j, candidates in enumerate(found):
                better = choose_date(candidates, self.dates, self.margin)
                if better is not None:
                    events[j] = replace(events[j], date_min=better[0], date_max=better[1])
        return [e for e, kept in zip(events, keep, strict=True) if kept]


def load_filter(lexicon: TriggerLexicon, path: Path = MODEL) -> CandidateFilter:
    """The shipped models (or those at `path`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        dates = data.get("dates")
        return CandidateFilter(
            LogReg.from_json(data["filter"]),
            float(data["filter"]["knob"]),
            lexicon,
            LogReg.from_json(dates) if dates else None,
            float(dates["knob"]) if dates else 1.0,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelFileError(f"{path}: cannot load the learned models: {exc}") from exc


__all__ = ["MODEL", "CandidateFilter", "ModelFileError", "load_filter"]
