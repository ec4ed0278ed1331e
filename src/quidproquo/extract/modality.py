"""Does a trigger state an event, and how firmly? (lexicons/modality.yaml)

`Modality.judge(trigger)` returns None for negated, hypothetical, conditional,
expected, speculative, demanded and habitual statements (no event), otherwise one of
asserted, announced, proposed, hedged, refused, denied.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from quidproquo.extract.lexicon import load_lexicon
from quidproquo.extract.nlp import doc_text
from quidproquo.extract.triggers import Trigger

LEXICON = "modality.yaml"
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})  # a negation above these does not reach the trigger
QUANTITY_HEADS = frozenset({"dozens", "hundreds", "scores", "thousands", "number", "group"})


def ancestors_within_clause(token: Token) -> list[Token]:
    """The trigger and its heads up to (not beyond) a complement clause of saying."""
    chain = [token]
    current = token
    while (
        current.head.i != current.i
        and current.dep_ not in CLAUSE_DEPS
        and current.dep_ != "conj"
        and not on_a_named_person(current)
    ):
        current = current.head
        chain.append(current)
    return chain


def on_a_named_person(clause: Token) -> bool:
    """A relative clause on a named person states that person's facts whatever the main
    clause says ("X, who is serving six years, was not part of the deal"); so does one set
    off by a comma on any name ("cannot fly to Britain, whose airspace was closed in 2022")."""
    if clause.dep_ != "relcl":
        return False
    if clause.head.ent_type_ == "PERSON":
        return True
    start = clause.left_edge.i
    return clause.head.pos_ == "PROPN" and start > 0 and clause.doc[start - 1].text == ","


def own_clause_text(token: Token) -> str:
    """The lower-cased words of the clause the trigger stands in, without the clauses joined
    to it ("are still in prison, and new ones are arrested every week": the first only)."""
    verb = next((a for a in ancestors_within_clause(token) if a.pos_ in ("VERB", "AUX")), token)
    words = []
    stack = [verb]
    while stack:
        node = stack.pop()
        words.append(node)
        stack.extend(
            c for c in node.children if c.dep_ not in ("conj", "parataxis", "ccomp", "advcl")
        )
    return " ".join(t.lower_ for t in sorted(words, key=lambda t: t.i))


def all_ancestors(token: Token) -> list[Token]:
    """The trigger and its heads, up to a relative clause on a named person."""
    chain = [token]
    current = token
    while current.head.i != current.i and not on_a_named_person(current):
        current = current.head
        chain.append(current)
    return chain


@dataclass(frozen=True)
class Modality:
    negators: frozenset[str]
    negative_arguments: frozenset[str]
    negative_determiners: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    offer_words: frozenset[str]
    factive_control: frozenset[str]
    irrealis_heads: frozenset[str]
    refusal_heads: frozenset[str]
    refused_departure_verbs: frozenset[str]
    habitual_adverbs: frozenset[str]
    speculative_adverbs: frozenset[str]
    habitual_phrases: tuple[str, ...]
    hedge_phrases: tuple[str, ...]
    claim_verbs: frozenset[str]
    irrealis_modifiers: frozenset[str]
    offer_modifiers: frozenset[str]
    relief_offer_words: frozenset[str]
    generic_determiners: frozenset[str]
    trade_phrases: tuple[str, ...]
    occurrence_verbs: frozenset[str]
    goal_nouns: frozenset[str]
    frequency_phrases: tuple[str, ...]
    demand_modals: frozenset[str]
    time_prepositions: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Modality:
        fields = cls.__dataclass_fields__
        values: dict[str, Any] = {}
        for name in fields:
            if name not in data:
                raise ValueError(f"{LEXICON}: missing key {name!r}")
            items = [str(x).lower() for x in data[name]]
            values[name] = tuple(items) if name.endswith("phrases") else frozenset(items)
        return cls(**values)

    # -- individual tests -------------------------------------------------

    def is_negated(self, token: Token) -> bool:
        for node in ancestors_within_clause(token):
            if self._said_of_the_event(token, node):
                break  # "X's release of 14 was not matched by relief": the release stands
            for child in node.children:
                if child.dep_ == "neg" or (
                    child.dep_ == "advmod" and child.lower_ in self.negators
                ):
                    return True
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and self._negative_argument(child):
                    return True
            if node.pos_ in ("VERB", "AUX") and node.i != token.i:
                break  # the first governing verb decides
        return any(
            c.dep_ == "det" and c.lower_ in self.negative_determiners for c in token.children
        )

    def _said_of_the_event(self, token: Token, verb: Token) -> bool:
        """A nominal trigger that is the subject of another verb: that verb says something of
        the event (negated or not), unless it only says whether it happened ("the release
        did not take place")."""
        if token.pos_ != "NOUN" or verb.i == token.i or verb.pos_ not in ("VERB", "AUX"):
            return False
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i != token.i:
            return False
        if any(c.dep_ in ("attr", "acomp") for c in verb.children):
            return True  # "the release was not a surprise", "may be only a first step"
        return verb.lemma_.lower() not in self.occurrence_verbs

    def goal_of_someone(self, token: Token) -> bool:
        """'My priority is to bring people home', 'the aim was to free them': a goal stated,
        not an act (an infinitive predicated of a goal noun)."""
        verb = token.head if token.dep_ in ("xcomp", "advcl", "ccomp", "attr") else None
        if verb is None or verb.lemma_ != "be":
            return False
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False
        return any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in self.goal_nouns
            for c in verb.children
        )

    def _negative_argument(self, arg: Token) -> bool:
        if arg.lower_ in self.negative_arguments:
            return True
        return any(c.dep_ == "det" and c.lower_ in self.negative_determiners for c in arg.children)

    def is_conditional(self, token: Token) -> bool:
        return any(
            c.dep_ == "mark" and c.lower_ in self.conditional_marks
            for node in all_ancestors(token)
            for c in node.children
        )

    def modals(self, token: Token) -> set[str]:
        nodes = [token]
        if token.dep_ in ("xcomp", "conj") and token.head.pos_ in ("VERB", "AUX", "ADJ"):
            nodes.append(token.head)
        if token.pos_ == "NOUN":  # "the benefit of American relief could remain limited"
            verb = next(
                (a for a in ancestors_within_clause(token)[1:] if a.pos_ in ("VERB", "AUX")), None
            )
            if verb is not None and not self._said_of_the_event(token, verb):
                nodes.append(verb)  # (not "the release ... may be only a first step")
        return {c.lower_ for n in nodes for c in n.children if c.dep_ == "aux" and c.tag_ == "MD"}

    def has_offer_frame(self, token: Token) -> bool:
        return any(
            n.lemma_.lower() in self.offer_words or n.lower_ in self.offer_words
            for n in all_ancestors(token)[1:]
        )

    def governing_lemmas(self, token: Token) -> list[str]:
        """The words above the trigger that could make it unreal. A head governs its
        complement, not a time adjunct: in "X left Minsk after talks with Y" the talks are
        not under "left" (the heads above that verb still count)."""
        chain = all_ancestors(token)
        skipped = {
            node.head.i
            for node in chain
            if node.dep_ == "prep" and node.lower_ in self.time_prepositions
        }
        heads = [n for n in chain[1:] if n.i not in skipped]
        return [n.lemma_.lower() for n in heads] + [n.lower_ for n in heads]

    def is_habitual(self, token: Token) -> bool:
        text = token.sent.text.lower()
        if any(p in text for p in self.habitual_phrases):
            return True
        if any(p in own_clause_text(token) for p in self.frequency_phrases):
            return True  # "has renewed its sanctions every year since 2021"
        return any(
            c.dep_ == "advmod" and c.lower_ in self.habitual_adverbs
            for node in ancestors_within_clause(token)
            for c in node.children
        )

    def is_speculative(self, token: Token) -> bool:
        """'would likely arrest', 'will probably free': a guess, not a statement."""
        return any(
            c.dep_ == "advmod" and c.lower_ in self.speculative_adverbs
            for node in ancestors_within_clause(token)
            for c in node.children
        )

    def is_generic_noun(self, token: Token) -> bool:
        """A bare plural event noun ("mass releases", "the arrests") names no one happening."""
        if token.pos_ not in ("NOUN", "PROPN") or token.tag_ != "NNS":
            return False
        if any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in token.children):
            return False
        return not (token.head.lower_ in QUANTITY_HEADS or token.head.head.lower_ in QUANTITY_HEADS)

    def is_hedged(self, token: Token) -> bool:
        sentence = token.sent.text.lower()  # holds the text before the token too
        return any(p in sentence for p in self.hedge_phrases)

    def modifier_of(self, token: Token, words: frozenset[str]) -> bool:
        """An event noun qualified as not (yet) real: "an expected visit", "a possible trip"."""
        return token.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("amod", "compound") and c.lower_ in words for c in token.children
        )

    def is_unspecific_noun(self, token: Token) -> bool:
        """'any further relief', 'some form of relief', '... in exchange for relief': an event
        noun naming no one happening (the terms of a trade are not a step taken)."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return False
        nouns = [token]
        if token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            nouns.append(token.head.head)  # "some form of relief"
        if any(
            c.dep_ == "det" and c.lower_ in self.generic_determiners
            for n in nouns
            for c in n.children
        ):
            return True
        before = doc_text(token.doc)[token.sent.start_char : token.left_edge.idx]
        return before.lower().rstrip().endswith(self.trade_phrases)

    def refusal(self, token: Token) -> bool:
        """'refused to cross', 'refused to be pushed': the trigger is the refused act."""
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in self.refusal_heads

    @staticmethod
    def would_not(token: Token) -> bool:
        """'he would not get off the bus': a refusal told by its modal."""
        children = {c.lower_ for c in token.children if c.dep_ in ("aux", "neg")}
        return "would" in children and bool(children & {"not", "n't"})

    # -- the decision -----------------------------------------------------

    def judge(self, trigger: Trigger) -> str | None:
        """The modality of the event `trigger` states, or None when it states none."""
        token = trigger.token
        if token.sent.text.rstrip(' "”’\'').endswith("?"):
            return None  # "Would prisoners be expelled?": a question states nothing
        if trigger.type == "denial":
            return None if self.is_negated(token) else "denied"
        if self.refusal(token) or (trigger.spec.refused_only and self.would_not(token)):
            return "refused"
        if self.is_negated(token) or self.is_conditional(token) or self.is_habitual(token):
            return None
        if trigger.type == "prisoner_count":
            return "asserted"  # a stock figure holds whatever frame embeds it
        if self.is_speculative(token):
            return None
        # "talks" is plural; "announced new sanctions" is one act on a plural noun
        measure = trigger.type.startswith("sanctions") and bool(trigger.spec.nominal_needs)
        if trigger.type != "visit" and not measure and self.is_generic_noun(token):
            return None
        if self.modifier_of(token, self.irrealis_modifiers):
            return None
        if self.goal_of_someone(token):
            return None
        if trigger.type.startswith("sanctions") and self.is_unspecific_noun(token):
            return None
        if self.modifier_of(token, self.offer_modifiers):
            return "proposed"
        lemmas = self.governing_lemmas(token)
        offer = self.has_offer_frame(token) or (
            trigger.type == "sanctions_eased"
            and any(lemma in self.relief_offer_words for lemma in lemmas)
        )
        factive = any(lemma in self.factive_control for lemma in lemmas[:2])
        if not factive and not offer and any(lemma in self.irrealis_heads for lemma in lemmas):
            return None
        modals = self.modals(token)
        if modals & self.demand_modals:
            return None  # "every one of them must be released": a demand, not an act
        if modals & self.hypothetical_modals:
            return "proposed" if offer else None
        if offer:
            return "proposed"
        if modals & self.future_modals:
            return "announced"
        if self.is_hedged(token):
            return "hedged"
        return "asserted"


@lru_cache(maxsize=1)
def load_modality() -> Modality:
    """The packaged modality lexicon, parsed once."""
    return Modality.from_data(load_lexicon(LEXICON))
