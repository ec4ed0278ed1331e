"""The trained part of extraction: a filter over the events the rules propose.

The rules (extract/pipeline.py) find candidate events with their fields; `CandidateFilter`
scores each with a logistic regression over hand-built features (features.py) and drops those
below its threshold. Weights and threshold ship in `filter.json` beside this file and load
offline; `python -m quidproquo.extract.learned.train` makes them again (docs/LEARNED.md).
It runs only on events, so only on sentences the rules already parsed as candidates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from quidproquo.extract.learned.features import featurize
from quidproquo.extract.learned.logreg import LogReg
from quidproquo.extract.triggers import TriggerLexicon
from quidproquo.model import Event

MODEL = Path(__file__).with_name("filter.json")


class ModelFileError(ValueError):
    """The filter's model file is missing or malformed; the message names the file."""


class CandidateFilter:
    """Keeps an event when the model's probability that it is right reaches `threshold`."""

    def __init__(self, model: LogReg, threshold: float, lexicon: TriggerLexicon) -> None:
        self.model = model
        self.threshold = threshold
        self.lexicon = lexicon

    def probabilities(
        self, events: Sequence[Event], parsed: dict[int, Doc], published: dt.date | None
    ) -> list[float]:
        rows = featurize(events, parsed, published, self.lexicon)
        return [self.model.probability(row) for row in rows]

    def select(
        self, events: list[Event], parsed: dict[int, Doc], published: dt.date | None
    ) -> list[Event]:
        """The events of one text worth keeping, in order."""
        if not events:
            return events
        scores = self.probabilities(events, parsed, published)
        return [e for e, p in zip(events, scores, strict=True) if p >= self.threshold]


def load_filter(lexicon: TriggerLexicon, path: Path = MODEL) -> CandidateFilter:
    """The shipped filter (or the one at `path`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CandidateFilter(LogReg.from_json(data), float(data["threshold"]), lexicon)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelFileError(f"{path}: cannot load the candidate filter: {exc}") from exc


__all__ = ["MODEL", "CandidateFilter", "ModelFileError", "load_filter"]
