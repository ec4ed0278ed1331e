"""Trigger lexicon (lexicons/triggers.yaml): the cheap prefilter and the trigger matcher.

`TriggerLexicon.candidate_types(text)` is a regex over surface forms, run on every
sentence; `TriggerLexicon.match(token)` checks a parsed token against the lexicon
entries (lemma, part of speech and the dependents the entry needs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from quidproquo.extract.lexicon import load_lexicon

LEXICON = "triggers.yaml"
VERBAL = frozenset({"VERB", "AUX", "ADJ"})
NOMINAL = frozenset({"NOUN", "PROPN"})
ADVERBIAL = frozenset({"ADV", "ADP", "PART", "ADJ"})
_POS = {"VERB": VERBAL, "NOUN": NOMINAL, "ADV": ADVERBIAL}


def detached_of(noun: Token) -> Token | None:
    """'welcomes the release today of 52 prisoners': the "of" phrase of a nominal trigger
    that the parser hung on the verb because a time word stands between them."""
    if noun.pos_ != "NOUN":
        return None
    doc, i = noun.doc, noun.i + 1
    while i < len(doc) and doc[i].ent_type_ in ("DATE", "TIME") and doc[i].dep_ != "prep":
        i += 1
    if i == noun.i + 1 or i >= len(doc):
        return None
    prep = doc[i]
    return prep if prep.lower_ == "of" and prep.head.i == noun.head.i != noun.i else None


@dataclass(frozen=True)
class Frame:
    """Which fields a type takes and how its actor is chosen."""

    actor: str = "none"  # releaser | government | envoy | source | subject | speaker | none
    # speaker: the subject's name, else its description ("a Kremlin spokesman")
    destination: bool = False
    target: bool = False
    persons: bool = False
    count: bool = False


@dataclass(frozen=True)
class TriggerSpec:
    """One lexicon entry."""

    type: str
    lemma: str
    pos: str = "VERB"
    needs: frozenset[str] = frozenset()
    needs_also: frozenset[str] = frozenset()  # a second dependent, as well: "walked out of prison"
    needs_head: frozenset[str] = frozenset()
    nominal_needs: frozenset[str] = frozenset()
    needs_people: bool = False
    needs_object: bool = False
    needs_subject_person: bool = False
    needs_number_subject: bool = False
    stock: bool = False
    destination_from_subject: bool = False
    foreign_is_deportation: bool = False  # nationals of another state sent there are deported
    destination_home: bool = False  # "returned home": the people's own state
    refused_only: bool = False  # states an event only as the act someone refused
    needs_destination: bool = False  # states an event only with a destination abroad
    needs_time: bool = False  # states an event only with a date or "since" in its clause
    as_refusal: bool = False  # the act states a refused departure ("stayed in the neutral zone")
    moves_on: bool = False  # an event only for people deported before ("left for Poland")
    needs_mover: bool = False  # a swap only on a verb that moves people ("freed in return")
    held_now: bool = False  # a passive holding told as a present state ("are still held")
    outranks: frozenset[str] = frozenset()  # types this entry overrules on the same word
    excludes: frozenset[str] = frozenset()  # dependents that make it another type
    # a statement whose complement negates one of these happenings ("said there was no deal")
    rebuts: frozenset[str] = frozenset()
    # a statement that one of these words describes an account ("said the claims were false")
    dismisses: frozenset[str] = frozenset()
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """A token of a parsed sentence that states an event of `spec.type`."""

    token: Token
    spec: TriggerSpec

    @property
    def type(self) -> str:
        return self.spec.type


def inflections(lemma: str) -> set[str]:
    """Regular forms of an English verb or noun: -s, -ed, -ing (enough for a prefilter)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", lemma):  # drop -> dropped, expel -> expelled
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _words(words: Iterable[str]) -> re.Pattern[str]:
    """Case-insensitive whole-word alternation, longest first."""
    ordered = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(ordered) + r")\b", re.I)


def dependents_lower(token: Token) -> set[str]:
    """Lower forms of the children, and of the objects of child prepositions/particles."""
    found = {token.head.lower_} if token.dep_ in ("acl", "amod", "relcl") else set()
    for child in token.children:
        found.add(child.lower_)
        if child.dep_ in ("prep", "agent", "prt", "dobj", "xcomp", "advmod", "acomp", "attr"):
            found.update(
                grand.lower_
                for grand in child.children
                if grand.dep_ in ("pobj", "dobj", "compound", "prt")
                or (child.dep_ == "dobj" and grand.dep_ == "amod")  # "recognised 19 new ..."
            )
            found.update(
                grand.lower_
                for grand in child.children
                if grand.dep_ == "pobj"
                for grand in grand.children
            )
            found.update(  # a compound preposition: "walked out of prison"
                great.lower_
                for grand in child.children
                if grand.dep_ == "prep"
                for great in grand.children
                if great.dep_ == "pobj"
            )
    return found


MOVED = frozenset({"release", "deportation"})  # types that move people out of custody
NEGATIVES = frozenset({"no", "not", "n't", "never", "nobody", "none", "nothing"})


def rebutted(verb: Token, happenings: frozenset[str]) -> bool:
    """The verb's complement says one of `happenings` did not occur: 'there was no deal',
    'no trade took place', 'nobody was exchanged', 'it was not a ransom', 'there are no such
    talks'. A present without 'such' ('there is no deal on the table') states a position on
    talks, not a rebuttal of an account."""
    # a complement the parser took for a conjunct: "insisted the sum, paid in May, was not ..."
    clauses = [
        c
        for c in verb.children
        if c.dep_ == "ccomp" or c.dep_ == "conj" and not any("subj" in g.dep_ for g in c.children)
    ]
    for clause in clauses:
        for node in clause.subtree:
            if node.lemma_.lower() not in happenings and node.lower_ not in happenings:
                continue
            scope = [node, node.head] if node.dep_ in ("attr", "nsubj", "nsubjpass") else [node]
            if not any(c.lower_ in NEGATIVES for n in scope for c in n.children):
                continue
            verbs = [n for n in scope if n.pos_ in ("VERB", "AUX")]
            past = any(
                t.tag_ in ("VBD", "VBN")
                for v in verbs
                for t in [v, *v.children]
                if t.dep_ != "xcomp"
            )
            if past or any(c.lower_ == "such" for c in node.children):
                return True
    return False


QUANTITY_NOUNS = frozenset({"dozens", "hundreds", "thousands", "scores"})


class TriggerLexicon:
    """The trigger entries and frames of every event type."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.people_nouns = frozenset(data["people_nouns"])
        self.custody_participles = frozenset(data["custody_participles"])
        self.expulsion_marks = frozenset(data["expulsion_marks"])
        self.group_quantifiers = frozenset(data["group_quantifiers"])
        self.number_nouns = frozenset(data["number_nouns"])
        self.generic_heads = frozenset(data["generic_heads"])
        self.prediction_adverbs = frozenset(data["prediction_adverbs"])
        self.conveyance_verbs = frozenset(data["conveyance_verbs"])
        self.arrival_verbs = frozenset(data["arrival_verbs"])
        self.receiving_verbs: dict[str, str] = data["receiving_verbs"]
        self.membership: dict[str, frozenset[str]] = {
            prep: frozenset(words) for prep, words in data["membership"].items()
        }
        self._membership = re.compile(
            r"\b(?:"
            + "|".join(
                re.escape(prep)
                + r"\s+(?:the\s+)?(?:"
                + "|".join(map(re.escape, sorted(words)))
                + ")"
                for prep, words in sorted(self.membership.items())
            )
            + r")\b",
            re.I,
        )
        # "They include A and B", "the group included A": a listing verb on a back-reference
        self.membership_verbs: dict[str, frozenset[str]] = {
            verb: frozenset(words) for verb, words in data["membership_verbs"].items()
        }
        self._membership_verbs = re.compile(
            r"\b(?:"
            + "|".join(
                "(?:" + "|".join(map(re.escape, sorted(words))) + r")\s+(?:\w+\s+){0,2}"
                + re.escape(verb.rstrip("e"))
                for verb, words in sorted(self.membership_verbs.items())
            )
            + r")",
            re.I,
        )
        stock = data["stock"]
        self.account_nouns = frozenset(data["account_nouns"])
        self.stock_qualifiers = frozenset(stock["qualifiers"])
        self.stock_excluded = frozenset(stock["excluded_qualifiers"])
        self.stock_verbs = frozenset(stock["verbs"])
        self.stock_words = tuple(stock["words"])
        self.stock_nouns = frozenset(stock["nouns"])
        self.state_words = frozenset(stock["state_words"])
        self.stock_event_nouns = frozenset(stock["event_nouns"])
        self.existential_places = frozenset(stock["existential_places"])
        self.source_documents = frozenset(stock["source_documents"])
        self.change_words = frozenset(stock["change_words"])
        self.frames: dict[str, Frame] = {}
        self.by_lemma: dict[str, list[TriggerSpec]] = {}
        self.by_form: dict[str, list[TriggerSpec]] = {}
        # type -> [(trigger forms, words one of which must also occur)]
        self._prefilter: dict[str, list[tuple[re.Pattern[str], re.Pattern[str] | None]]] = {}
        self._requires: dict[str, re.Pattern[str]] = {}
        self.forms: set[str] = set()  # every surface form of every trigger (extract/gate.py)
        self.form_types: dict[str, set[str]] = {}  # lower-case form -> event types
        for type_name, body in data["types"].items():
            self.frames[type_name] = Frame(**body.get("frame", {}))
            if body.get("requires"):
                self._requires[type_name] = _words(body["requires"])
            for raw in body["triggers"]:
                spec = self._spec(type_name, raw)
                self.by_lemma.setdefault(spec.lemma, []).append(spec)
                for form in spec.forms:
                    self.by_form.setdefault(form, []).append(spec)
                forms = set(spec.forms) or inflections(spec.lemma)
                self.forms |= forms
                for form in forms:
                    self.form_types.setdefault(form.lower(), set()).add(type_name)
                needed = spec.needs | spec.needs_head | spec.rebuts | spec.dismisses
                needs = _words(needed) if needed else None
                self._prefilter.setdefault(type_name, []).append((_words(forms), needs))

    @staticmethod
    def _spec(type_name: str, raw: dict[str, Any]) -> TriggerSpec:
        try:
            return TriggerSpec(
                type=type_name,
                lemma=raw["lemma"],
                pos=raw.get("pos", "VERB"),
                needs=frozenset(raw.get("needs", ())),
                needs_also=frozenset(raw.get("needs_also", ())),
                needs_head=frozenset(raw.get("needs_head", ())),
                nominal_needs=frozenset(raw.get("nominal_needs", ())),
                needs_people=raw.get("needs_people", False),
                needs_object=raw.get("needs_object", False),
                needs_subject_person=raw.get("needs_subject_person", False),
                needs_number_subject=raw.get("needs_number_subject", False),
                stock=raw.get("stock", False),
                destination_from_subject=raw.get("destination_from_subject", False),
                foreign_is_deportation=raw.get("foreign_is_deportation", False),
                destination_home=raw.get("destination_home", False),
                refused_only=raw.get("refused_only", False),
                needs_destination=raw.get("needs_destination", False),
                needs_time=raw.get("needs_time", False),
                needs_mover=raw.get("needs_mover", False),
                moves_on=raw.get("moves_on", False),
                as_refusal=raw.get("as_refusal", False),
                held_now=raw.get("held_now", False),
                outranks=frozenset(raw.get("outranks", ())),
                excludes=frozenset(raw.get("excludes", ())),
                rebuts=frozenset(raw.get("rebuts", ())),
                dismisses=frozenset(raw.get("dismisses", ())),
                forms=tuple(raw.get("forms", ())),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(
                f"{LEXICON}: bad trigger entry {raw!r} under {type_name}: {exc}"
            ) from exc

    def candidate_types(self, text: str, words: Iterable[str] | None = None) -> set[str]:
        """Event types whose trigger words occur in `text` (cheap, no parse); `words`, the
        trigger forms known to be in `text`, spare the types that have none of them."""
        names = self._prefilter if words is None else {t for w in words for t in self.form_types[w]}
        found = set()
        for name in names:
            entries = self._prefilter[name]
            required = self._requires.get(name)
            if required is not None and not required.search(text):
                continue
            if any(f.search(text) and (n is None or n.search(text)) for f, n in entries):
                found.add(name)
        return found

    def names_members(self, text: str) -> bool:
        """'... were among them': the sentence may name members of an earlier group."""
        return bool(self._membership.search(text) or self._membership_verbs.search(text))

    def membership_token(self, tokens: Iterable[Token]) -> Token | None:
        """The 'among' whose object is a bare back-reference ('them', 'those'), or the
        listing verb whose subject is one ('they include')."""
        for token in tokens:
            words = self.membership.get(token.lower_)
            if words and any(c.dep_ == "pobj" and c.lower_ in words for c in token.children):
                return token
            listed = self.membership_verbs.get(token.lemma_.lower())
            if listed and any(c.dep_ == "nsubj" and c.lower_ in listed for c in token.children):
                return token
        return None

    def match(self, token: Token) -> list[Trigger]:
        """The lexicon entries `token` satisfies in its parse."""
        specs = self.by_lemma.get(token.lemma_.lower(), []) + self.by_form.get(token.lower_, [])
        seen: set[TriggerSpec] = set()
        found = []
        for spec in specs:
            if spec in seen or token.pos_ not in _POS[spec.pos]:
                continue
            seen.add(spec)
            if self._satisfies(token, spec):
                found.append(Trigger(token, spec))
        overruled = {kind for t in found for kind in t.spec.outranks}
        return [t for t in found if t.type not in overruled]

    def is_people(self, token: Token) -> bool:
        """The noun phrase headed by `token` denotes people."""
        return (
            token.ent_type_ in ("PERSON", "NORP")
            or token.lower_ in self.people_nouns
            or token.lemma_.lower() in self.people_nouns
            or token.pos_ == "NUM"
            or any(c.dep_ == "nummod" for c in token.children)
            or any(  # "those released", "the ones who were expelled", "agents held in X"
                c.dep_ in ("acl", "relcl")
                and (self._plain_move(c) or c.lower_ in self.custody_participles)
                for c in token.children
            )
            or any(  # "most of the deportees"
                c.lower_ == "of" and any(self.is_people(g) for g in c.children if g.dep_ == "pobj")
                for c in token.children
            )
        )

    def _plain_move(self, token: Token) -> bool:
        """`token` is a release or deportation word on its own ('released', 'expelled')."""
        return any(
            s.type in MOVED and not (s.needs or s.needs_people or s.refused_only)
            for s in self.by_lemma.get(token.lemma_.lower(), [])
        )

    def _satisfies(self, token: Token, spec: TriggerSpec) -> bool:
        deps = dependents_lower(token)
        if spec.needs and not (spec.needs & deps):
            return False
        if spec.needs_also and not (spec.needs_also & deps):
            return False
        if spec.excludes & deps:
            return False
        if spec.needs_head and token.head.lemma_.lower() not in spec.needs_head:
            return False
        detached = detached_of(token)  # "hailed the release today of 31": the "of" is its own
        if spec.nominal_needs and not (
            spec.nominal_needs
            & (
                {c.lower_ for c in token.children}
                | {token.head.lower_, token.head.lemma_.lower()}
                | ({detached.lower_} if detached is not None else set())
            )
        ):
            return False
        if spec.needs_people and not self._has_people_argument(token):
            return False
        if spec.needs_object and not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children):
            return False
        if spec.needs_subject_person:
            subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not any(s.ent_type_ == "PERSON" for s in subjects):
                return False
        if spec.needs_number_subject and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl")
            and (
                c.pos_ == "NUM"
                or c.lower_ in QUANTITY_NOUNS  # "dozens of reporters remain behind bars"
                or any(g.dep_ in ("nummod", "quantmod") for g in c.children)
            )
            and not any(  # "two of them are still held": part of a group told before
                p.lower_ == "of" and any(g.pos_ == "PRON" for g in p.children)
                for p in c.children
            )
            for c in token.children
        ):
            return False
        if spec.rebuts and not rebutted(token, spec.rebuts):
            return False
        if spec.dismisses and not self._dismissed(token, spec.dismisses):
            return False
        if spec.held_now and not self._held_now(token):
            return False
        if spec.stock:
            return self._is_stock(token)
        return True

    def _dismissed(self, verb: Token, words: frozenset[str]) -> bool:
        """The verb's complement calls an account false: 'said the reports were untrue'."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not any(s.lemma_.lower() in self.account_nouns for s in subjects):
                continue
            judged = [c for c in clause.children if c.dep_ in ("acomp", "attr", "oprd")]
            if any(j.lower_ in words or j.lemma_.lower() in words for j in judged):
                return True
        return False

    def _existential(self, copula: Token) -> bool:
        """'there are ...', 'in Belarus are ...': the copula states what a place holds."""
        for child in copula.children:
            if child.dep_ == "expl":
                return True
            if child.dep_ == "prep" and child.lower_ == "in":
                places = [g for g in child.children if g.dep_ == "pobj"]
                if any(
                    g.ent_type_ in ("GPE", "LOC") or g.lower_ in self.existential_places
                    for g in places
                ):
                    return True
        return False

    def _held_now(self, verb: Token) -> bool:
        """'are held', 'are still jailed', 'were being held as of May': people in custody at
        a time, not an arrest (never a clause describing a noun: 'those held in X were freed')."""
        if verb.dep_ in ("relcl", "acl", "amod") or verb.tag_ != "VBN":
            return False
        children = list(verb.children)
        if not any(c.dep_ == "nsubjpass" for c in children):
            return False
        progressive = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "being" for c in children)
        present = any(
            c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.tag_ in ("VBP", "VBZ")
            for c in children
        )
        as_of = any(
            c.lower_ == "as" and any(g.lower_ == "of" for g in c.children)
            for c in children
        )
        lasting = any(c.dep_ == "advmod" and c.lower_ in self.state_words for c in children)
        return progressive or present or as_of or lasting

    def _has_people_argument(self, token: Token) -> bool:
        args = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        if token.dep_ in ("acl", "relcl", "conj", "xcomp"):
            args.append(token.head)
            args.extend(c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
        if token.dep_ == "acl" and token.head.lemma_.lower() in self.number_nouns:
            return True  # "put the number sent to Ukraine at 115": a number of people
        return any(self.is_people(a) for a in args)

    def _is_stock(self, noun: Token) -> bool:
        """'political prisoners' held, remaining or counted: a stock figure."""
        if noun.tag_ != "NNS" and not any(c.dep_ == "nummod" for c in noun.children):
            return False  # "the term 'political prisoner'"
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
        if not modifiers & self.stock_qualifiers or modifiers & self.stock_excluded:
            return False
        if noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in self.stock_nouns:
            return True  # "the number of political prisoners stood at", "Viasna's tally of ..."
        if noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in self.stock_event_nouns:
            return False  # "documented the release of 121 political prisoners"
        verbs = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ in VERBAL]
        head = noun.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        verbs.append(head)
        if any(v.lemma_.lower() in self.stock_verbs for v in verbs):
            return True
        if head.lemma_ == "be" and noun.dep_ in ("attr", "nsubj") and self._existential(head):
            return True
        sentence = noun.sent.text.lower()
        return any(word in sentence for word in self.stock_words)


@lru_cache(maxsize=1)
def load_triggers() -> TriggerLexicon:
    """The packaged trigger lexicon, parsed once."""
    return TriggerLexicon(load_lexicon(LEXICON))
