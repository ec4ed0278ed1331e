"""Features of one extracted event: what the rules filled, and how its sentence says it.

Every feature is a short name; most are also crossed with the event type ("release|dep=relcl"),
so the model can weigh a cue differently per type. No feature holds a word of the sentence
except closed-class words (modals, subordinators) and the trigger's lemma.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from quidproquo.extract.triggers import TriggerLexicon
from quidproquo.model import Event

QUOTE_MARKS = frozenset('"“”«»')


def featurize(
    events: Sequence[Event],
    parsed: dict[int, Doc],
    published: dt.date | None,
    lexicon: TriggerLexicon,
) -> list[list[str]]:
    """One feature list per event, in order; `parsed` maps sentence starts to their parses."""
    rows = []
    for i, event in enumerate(events):
        doc = parsed.get(event.sentence_start or 0)
        own = _fields(event, published) + _context(event, events[:i], events)
        if doc is not None:
            own += _sentence(event, doc, lexicon)
        rows.append(["bias:" + event.type, *own, *(f"{event.type}|{f}" for f in own)])
    return rows


def bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n < edge:
            return f"<{edge}"
    return f">={edges[-1]}"


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _fields(event: Event, published: dt.date | None) -> list[str]:
    """Which fields the rules filled, and the shape of their values."""
    out = [f"mod={event.modality}"]
    for name in ("actor", "target", "destination"):
        value = getattr(event, name)
        shape = "none" if value is None else "lower" if value[:1].islower() else "named"
        out.append(f"{name}={shape}")
    out.append(
        "count=none" if event.count is None else "count" + bucket(event.count, (2, 10, 100, 1000))
    )
    out.append("persons" + bucket(len(event.persons), (1, 2, 4)))
    low, high = _day(event.date_min), _day(event.date_max)
    if low is None or high is None:
        out.append("date=none")
        return out
    out.append("span" + bucket((high - low).days, (1, 8, 32, 367)))
    if published is not None:
        if low == high == published:
            out.append("date=published")
        elif low > published:
            out.append("date=after")
        elif (published - high).days > 366:
            out.append("date=years_before")
        else:
            out.append("date=before")
    return out


def _context(event: Event, before: Sequence[Event], events: Sequence[Event]) -> list[str]:
    """The event among the others of its text."""
    same_sentence = [e for e in events if e.sentence_start == event.sentence_start]
    same_type = [e for e in same_sentence if e.type == event.type]
    out = [
        "sentence_events" + bucket(len(same_sentence), (2, 3, 5)),
        "sentence_same_type" + bucket(len(same_type), (2, 3)),
        "first_sentence"
        if not before or event.sentence_start == events[0].sentence_start
        else "later",
    ]
    earlier = [
        e for e in before if e.type == event.type and e.sentence_start != event.sentence_start
    ]
    if earlier:
        out.append("told_before")
        if any(e.date_min == event.date_min and e.date_max == event.date_max for e in earlier):
            out.append("told_before_same_date")
    return out


def trigger_tokens(event: Event, doc: Doc, lexicon: TriggerLexicon) -> list[Token]:
    return [t for t in doc if any(m.type == event.type for m in lexicon.match(t))]


def _quoted(token: Token) -> bool:
    marks = sum(1 for c in token.doc.text[: token.idx] if c in QUOTE_MARKS)
    return marks % 2 == 1


def _sentence(event: Event, doc: Doc, lexicon: TriggerLexicon) -> list[str]:
    """How the sentence says it: the trigger's form and place in the parse."""
    out = ["words" + bucket(len(doc), (15, 30, 50))]
    triggers = trigger_tokens(event, doc, lexicon)
    if not triggers:
        return [*out, "trigger=none"]
    token = triggers[0]
    out += [
        f"lemma={token.lemma_.lower()}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"head_dep={token.head.dep_}",
        "trigger_count" + bucket(len(triggers), (2, 3)),
    ]
    chain = [token, *token.ancestors]
    for node in chain:
        for child in node.children:
            if child.dep_ == "neg":
                out.append("negated" if node is token else "negated_above")
            elif child.tag_ == "MD":
                out.append(f"modal={child.lemma_.lower()}")
            elif child.dep_ == "mark":
                out.append(f"mark={child.lower_}")
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp"):
            out.append(f"under={node.dep_}")
    governing = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if governing is not None:
        out.append(f"gov_tag={governing.tag_}")
    if _quoted(token):
        out.append("in_quote")
    if any(t.ent_type_ == "DATE" for t in token.subtree):
        out.append("date_in_subtree")
    return out
