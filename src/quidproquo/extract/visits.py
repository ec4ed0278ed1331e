"""Visits: the host place and the visitor of a visit trigger (lexicons/visits.yaml).

The host is the holding state's city or "the Belarusian capital" anywhere in the sentence,
else a capital of `host_cities` in the trigger's own clause, else the city of a dateline
at the head of the text ("MINSK, 12 December. The head of state today received ...").
The visitor is the envoy that is the trigger's subject (or agent, or owner of a visit
noun); for "received a delegation led by X", the envoy inside the object.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from quidproquo.extract.lexicon import LexiconError, load_lexicon

LEXICON = "visits.yaml"
VISITOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "compound"})
_DATELINE_CITY = re.compile(r"^([A-Z][A-Za-z]+|[A-Z]+(?: [A-Z]+)?)(?:/[A-Z]+)?,\s")


@dataclass(frozen=True)
class VisitLexicon:
    host_cities: dict[str, str]
    hosting_lemmas: frozenset[str]
    placeless_lemmas: frozenset[str]
    meeting_lemmas: frozenset[str]
    trip_prepositions: frozenset[str]
    remote_words: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> VisitLexicon:
        if not isinstance(data["host_cities"], dict):
            raise LexiconError(f"{LEXICON}: host_cities must map a city to its country")
        return cls(
            host_cities={str(k): str(v) for k, v in data["host_cities"].items()},
            hosting_lemmas=frozenset(map(str, data["hosting_lemmas"])),
            placeless_lemmas=frozenset(map(str, data["placeless_lemmas"])),
            meeting_lemmas=frozenset(map(str, data["meeting_lemmas"])),
            trip_prepositions=frozenset(map(str, data["trip_prepositions"])),
            remote_words=frozenset(map(str, data["remote_words"])),
        )

    def city_in(self, tokens: Sequence[Token]) -> str | None:
        """A host city written among `tokens` (multiword names too)."""
        text = " ".join(t.text for t in tokens)
        for city in self.host_cities:
            if re.search(r"(?<!\w)" + re.escape(city) + r"(?!\w)", text):
                return city
        return None


@lru_cache(maxsize=1)
def load_visits() -> VisitLexicon:
    return VisitLexicon.from_data(
        load_lexicon(
            LEXICON,
            (
                "host_cities",
                "hosting_lemmas",
                "placeless_lemmas",
                "meeting_lemmas",
                "trip_prepositions",
                "remote_words",
            ),
        )
    )


def dateline_city(text: str) -> str | None:
    """The place of a dateline at the head of `text`, title-cased ("MINSK, ..." -> Minsk)."""
    match = _DATELINE_CITY.match(text)
    return match.group(1).title() if match else None


def _in_subtree(person: Span, node: Token) -> bool:
    return node.left_edge.i <= person.root.i <= node.right_edge.i


def visitors(
    trigger: Token, envoys: list[Span], lex: VisitLexicon | None = None, strict: bool = False
) -> list[Span]:
    """The envoys who do the visiting: the trigger's subject (or agent, or the owner of a
    visit noun) when one of them is, the object's envoys for 'received X'; else all
    (none when `strict`)."""
    lex = lex or load_visits()
    if trigger.lemma_.lower() in lex.hosting_lemmas:
        objects = [c for c in trigger.children if c.dep_ == "dobj"]
        inside = [e for e in envoys if any(_in_subtree(e, o) for o in objects)]
        return inside or ([] if strict else envoys)
    subjects = [c for c in trigger.children if c.dep_ in VISITOR_DEPS]
    subjects += [g for c in trigger.children if c.dep_ == "agent" for g in c.children]
    subjects += [  # "a visit by the envoy"
        g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
    ]
    heads = {s.i for s in subjects} | {
        a.i for s in subjects for a in s.children if a.dep_ == "appos"
    }
    doing = [e for e in envoys if e.root.i in heads]  # "Cardinal X, representing Y, visited"
    doing = doing or [e for e in envoys if any(_in_subtree(e, s) for s in subjects)]
    return doing or ([] if strict else envoys)


def counterparts(trigger: Token) -> list[Token]:
    """Whom a meeting was with: the object of 'met X', the with-phrase of 'talks with X'."""
    found = [c for c in trigger.children if c.dep_ == "dobj"]
    found += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return found + [c for f in found for c in f.conjuncts]


def during_a_trip(trigger: Token, lex: VisitLexicon) -> bool:
    """'met Y during the trip', 'talks on his visit': the meeting is part of a journey."""
    return any(
        g.lemma_.lower() in lex.placeless_lemmas
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in lex.trip_prepositions
        for g in c.children
        if g.dep_ == "pobj"
    )


def told_remotely(trigger: Token, lex: VisitLexicon) -> bool:
    """'talks by phone', 'a video call': a meeting at a distance is no visit."""
    return any(t.lower_ in lex.remote_words for t in trigger.sent)


TITLE_WINDOW = 6  # tokens before a name where its title may stand ("envoy for X, Anders Holm")


def titled(person: Span, titles: frozenset[str]) -> bool:
    """A title word shortly before the name, within its sentence."""
    before = person.doc[max(0, person.start - TITLE_WINDOW) : person.start]
    return any(t.lemma_.lower() in titles or t.lower_ in titles for t in before)


def of_country(person: Span, demonyms: frozenset[str]) -> bool:
    """'Belarusian Foreign Minister X': a person titled as an official of the host country."""
    words = [*person, *(c for t in person for c in t.children if c.dep_ in ("amod", "compound"))]
    words += list(person.doc[max(0, person.start - 3) : person.start])
    return any(t.lower_ in demonyms for t in words)


def own_title(person: Span, titles: frozenset[str]) -> bool:
    """The title is the person's own ("Special Envoy John Coale"), not borrowed from an
    apposition ("President Trump, Special Envoy John Coale")."""
    stack = [c for c in person.root.children if c.dep_ == "compound"]
    while stack:
        node = stack.pop()
        if node.lemma_.lower() in titles or node.lower_ in titles:
            return True
        stack.extend(c for c in node.children if c.dep_ == "compound")
    return False
