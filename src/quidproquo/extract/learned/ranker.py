"""Candidate dates of one extracted event, for the learned date ranker.

The rules pick one date per event (pipeline.Extractor._date). The ranker sees that pick beside
the other readings the text allows: each date expression of the sentence, the publication day
and the date of the text's previous event. Each candidate gets features on where its expression
sits relative to the event's trigger; the model scores them and the pipeline switches to another
candidate only when it beats the rules' pick by a margin chosen in cross-validation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quidproquo.extract.dates import find_dates
from quidproquo.extract.frames import clause_tokens
from quidproquo.extract.learned.features import bucket, trigger_tokens
from quidproquo.extract.learned.logreg import LogReg
from quidproquo.extract.triggers import TriggerLexicon
from quidproquo.model import Event

Interval = tuple[str | None, str | None]  # ISO date_min, date_max


@dataclass
class Candidate:
    """One reading of the event's date and what speaks for it."""

    value: Interval
    features: list[str]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _width(value: Interval) -> str:
    if value[0] is None or value[1] is None:
        return "none"
    days = (dt.date.fromisoformat(value[1]) - dt.date.fromisoformat(value[0])).days
    return bucket(days, (1, 8, 32, 367))


def _placement(span: list[Token], trigger: Token | None) -> list[str]:
    """Where a date expression stands relative to the trigger in the parse."""
    if not span or trigger is None:
        return ["unplaced"]
    head = min(span, key=lambda t: len(list(t.ancestors)))
    out = [f"head_dep={head.dep_}", "before" if head.i < trigger.i else "after"]
    out.append("distance" + bucket(abs(head.i - trigger.i), (3, 6, 12, 25)))
    if head in trigger.subtree:
        out.append("in_trigger_subtree")
    if head.i in clause_tokens(trigger):
        out.append("in_trigger_clause")
    for node in head.ancestors:
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp") and trigger not in node.subtree:
            out.append(f"in_other_{node.dep_}")
            break
    governing = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if governing is not None and governing.i == trigger.i:
        out.append("governed_by_trigger")
    return out


def date_candidates(
    event: Event,
    doc: Doc | None,
    published: dt.date | None,
    previous: Interval | None,
    lexicon: TriggerLexicon,
) -> list[Candidate]:
    """The rules' date first, then the other readings (duplicates folded into the first)."""
    ruled: Interval = (event.date_min, event.date_max)
    found: dict[Interval, list[str]] = {ruled: ["rule"]}

    def add(value: Interval, features: list[str]) -> None:
        found.setdefault(value, []).extend(features)

    if doc is not None:
        triggers = trigger_tokens(event, doc, lexicon)
        trigger = triggers[0] if triggers else None
        for mention in find_dates(doc.text, published, None):
            if mention.date_min is None or mention.invalid:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            features = [
                "mention",
                f"precision={mention.precision}",
                f"prep={mention.preposition}",
                "relative" if mention.relative else "absolute",
            ]
            if mention.anchor_relative:
                features.append("anchor_relative")
            add((_iso(mention.date_min), _iso(mention.date_max)), features)
            found[(_iso(mention.date_min), _iso(mention.date_max))] += _placement(
                list(span) if span is not None else [], trigger
            )
    if published is not None:
        add((published.isoformat(), published.isoformat()), ["published"])
    if previous is not None and previous[0] is not None:
        add(previous, ["previous_event"])
    out = []
    for value, features in found.items():
        own = [*features, f"width={_width(value)}"]
        if published is not None and value[0] is not None and value[0] > published.isoformat():
            own.append("after_published")
        own += [f"{event.type}|{f}" for f in own]
        out.append(Candidate(value, own))
    return out


def candidates_of(
    events: Sequence[Event],
    parsed: dict[int, Doc],
    published: dt.date | None,
    lexicon: TriggerLexicon,
) -> list[list[Candidate]]:
    """Date candidates for every event of a text, in order."""
    out = []
    previous: Interval | None = None
    for event in events:
        doc = parsed.get(event.sentence_start or 0)
        out.append(date_candidates(event, doc, published, previous, lexicon))
        if event.date_min is not None:
            previous = (event.date_min, event.date_max)
    return out


def choose_date(found: Sequence[Candidate], model: LogReg, margin: float) -> Interval | None:
    """Another candidate when it beats the rules' (the first) by `margin`, else None."""
    if len(found) < 2:
        return None
    scores = [model.probability(c.features) for c in found]
    best = max(range(1, len(found)), key=lambda i: scores[i])
    return found[best].value if scores[best] - scores[0] > margin else None
