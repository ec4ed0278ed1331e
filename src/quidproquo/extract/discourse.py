"""The discourse state of one document: who has been named so far, and in which role.

`Discourse.read(doc)` is fed the parsed sentences in order (`read_text` the sentences
that were not parsed); `agent(token)` then resolves the subject of a pardon or
release, a name, a title ("the head of state", "the Belarusian ruler") or a pronoun,
to the leader named before, and `ordered_by(trigger)` finds the actor of "on the
orders of X" / "by presidential decree" (never the requester of "at the request
of X"). The role words are data: lexicons/roles.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from quidproquo.extract.gazetteer import Gazetteer
from quidproquo.extract.lexicon import load_lexicon
from quidproquo.extract.nlp import doc_text
from quidproquo.extract.sentences import dateline_end
from quidproquo.extract.speakers import load_speech_lexicon

LEXICON = "roles.yaml"
KEYS = (
    "leader_titles",
    "leader_references",
    "pronouns",
    "ordering_nouns",
    "requesting_nouns",
    "decree_nouns",
    "agent_verbs",
    "not_name_words",
    "collective_nouns",
)
NAME = r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w'’-]+"
# "Pavel Sevruk": capitalised words (not all capitals) joined by single spaces
_PART = r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][a-zà-öø-ÿłśżźćńšžčěřůėįųūą'’]+"
_WORD = rf"{_PART}(?:-{_PART})*"  # "Zaghari-Ratcliffe"
PERSON_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:[ ]{_WORD})+(?![\w'’-])")
GENERIC_WORDS = frozenset({"such", "other", "same", "another", "new", "similar", "many", "several"})
PLACE_PREPOSITIONS = frozenset({"in", "to", "from", "at", "near", "via", "across", "into"})
# "Lithuanian Council for Refugee Affairs": capitalised words, joined by of/for/the/and
BODY_RUN = re.compile(rf"{NAME}(?:\s+(?:(?:of|for|the|and|on)\s+)*{NAME})*")


def _first_conjuncts(doc: Doc) -> list[int]:
    """For each token, the index of the first of the conjuncts it belongs to (its own
    when it is no conjunct); a conjunct's head comes before it, so one pass does."""
    first = list(range(len(doc)))
    for token in doc:
        if token.dep_ == "conj" and token.head.i < token.i:
            first[token.i] = first[token.head.i]
    return first


def fullest(name: str, known: Iterable[str]) -> str:
    """The longest known name with the same last word (a surname alone -> the full name)."""
    last = name.split()[-1] if name.split() else name
    fuller = [p for p in known if p.split()[-1] == last and len(p) > len(name)]
    return max(fuller, key=len) if fuller else name


@dataclass(frozen=True)
class Roles:
    """The role words of lexicons/roles.yaml."""

    leader_titles: frozenset[str]
    leader_references: frozenset[str]
    pronouns: frozenset[str]
    ordering_nouns: frozenset[str]
    requesting_nouns: frozenset[str]
    decree_nouns: frozenset[str]
    agent_verbs: frozenset[str]
    not_name_words: frozenset[str]
    collective_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_roles() -> Roles:
    data = load_lexicon(LEXICON, KEYS)
    return Roles(**{key: frozenset(str(w).lower() for w in data[key]) for key in KEYS})


def entity_span(token: Token) -> Span:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return token.doc[token.i : token.i + 1]


@dataclass
class Discourse:
    """People named in a document so far, with the leaders among them."""

    gazetteer: Gazetteer
    roles: Roles = field(default_factory=load_roles)
    people: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)  # in order of mention
    releasers: list[str] = field(default_factory=list)  # leaders who freed people in the text
    bodies: list[str] = field(default_factory=list)  # agencies, groups, ministries named

    # -- names the tagger missed -------------------------------------------------------

    def retag(self, doc: Doc) -> None:
        """Label as PERSON the runs of two or three capitalised proper nouns that the
        tagger took for a body or a place but that name no known place or body
        ("Nadia Aleksina was transferred", tagged as a city); then drop the people a
        dateline head seems to name."""
        self._trim_countries(doc)
        self._label_people(doc)
        self._join_hyphenated(doc)
        self._drop_dateline_place(doc)

    @staticmethod
    def _join_hyphenated(doc: Doc) -> None:
        """'Nazanin Zaghari-Ratcliffe': a name the tagger cut at a hyphen written with no
        space goes on to the capitalised word after it."""
        ents = list(doc.ents)
        taken = {t.i for e in ents for t in e}
        for k, ent in enumerate(ents):
            end = ent.end
            if (
                ent.label_ == "PERSON"
                and end + 1 < len(doc)
                and doc[end].text in ("-", "‐")
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].text[:1].isupper()
                and doc[end + 1].is_alpha
                and end + 1 not in taken
            ):
                ents[k] = Span(doc, ent.start, end + 2, label="PERSON")
        doc.ents = ents

    def _label_people(self, doc: Doc) -> None:
        found = []
        for span in self._name_runs(doc):
            if len(span) == 3 and span[0].is_sent_start:  # "Anarchist Mikalai Shuliak said"
                span = span[1:]
            if self._looks_like_person(span):
                found.append(span)
        found += [
            c for c in self._coordinated_surnames(doc) if not any(c.start < f.end for f in found)
        ]
        if not found:
            return
        kept = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
        doc.ents = sorted(
            kept + [Span(doc, f.start, f.end, label="PERSON") for f in found], key=lambda e: e.start
        )

    def _coordinated_surnames(self, doc: Doc) -> list[Span]:
        """'Zhavaronak, Sharko and Liskou were arrested': lone capitalised proper nouns
        coordinated with a person are people too, unless they name a known place or body."""
        first = _first_conjuncts(doc)
        groups: dict[int, list[Token]] = {}
        for token in doc:
            groups.setdefault(first[token.i], []).append(token)
        people = {first[e.root.i] for e in doc.ents if e.label_ == "PERSON"}
        return [
            doc[t.i : t.i + 1]
            for first in people
            if len(groups[first]) > 1
            for t in groups[first]
            if t.ent_type_ != "PERSON" and self._looks_like_surname(doc[t.i : t.i + 1])
        ]

    def _looks_like_surname(self, span: Span) -> bool:
        token = span[0]
        return (
            token.pos_ == "PROPN"
            and not any(c.dep_ == "compound" for c in token.children)
            and token.lower_ not in self.roles.not_name_words
            and bool(re.fullmatch(r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][a-zà-öø-ÿłśżźćńšžčěřůėįųūą'’-]+", token.text))
            and not self.gazetteer.find(token.text)
            and self.gazetteer.country_of_adjective(token.text) is None
        )

    def _trim_countries(self, doc: Doc) -> None:
        """'President of [Belarus Aleksandr Lukashenko]': a person's name never starts with
        a country; the tagger ran the two together."""
        ents = list(doc.ents)
        for k, ent in enumerate(ents):
            if ent.label_ == "PERSON" and len(ent) > 2 and self.gazetteer.country_of(ent[0].text):
                ents[k] = Span(doc, ent.start + 1, ent.end, label="PERSON")
        doc.ents = ents

    def _drop_dateline_place(self, doc: Doc) -> None:
        """'YANGON (Irrawaddy Desk) —', 'TBILISI, May 3 -': the place a text was filed
        from and the outlet in brackets after it name no person."""
        end = dateline_end(doc.text)
        head = doc.text[:end]
        place = re.split(r"[,(—–-]", head)[0].strip().title()
        marked = "(" in head or any(c.isdigit() for c in head)  # an outlet, a date
        if end and (marked or self.gazetteer.country_of(place) is not None):
            doc.ents = [e for e in doc.ents if not (e.label_ == "PERSON" and e.end_char <= end)]

    @staticmethod
    def _name_runs(doc: Doc) -> list[Span]:
        runs, start = [], None
        for token in [*doc, None]:
            if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper():
                start = token.i if start is None else start
                continue
            if start is not None:
                end = token.i if token is not None else len(doc)
                if 2 <= end - start <= 3:
                    runs.append(doc[start:end])
                start = None
        return runs

    def _looks_like_person(self, span: Span) -> bool:
        labels = {t.ent_type_ for t in span}
        if labels == {"PERSON"} or labels & {"DATE", "TIME", "CARDINAL", "MONEY"}:
            return False
        if span.start > 0 and span.doc[span.start - 1].lower_ in ("the", "of"):
            return False
        if any(
            t.lower_ in self.roles.not_name_words
            or not re.fullmatch(r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][a-zà-öø-ÿłśżźćńšžčěřůėįųūą'’-]+", t.text)
            or self.gazetteer.find(t.text)
            or self.gazetteer.country_of_adjective(t.text)
            for t in span
        ):
            return False
        return not self.gazetteer.find(span.text)

    # -- feeding -----------------------------------------------------------------

    def read(self, doc: Doc) -> None:
        """Remember the people a parsed sentence names, and which of them lead a state."""
        self._described_bodies(doc)
        for ent in doc.ents:
            if ent.label_ == "ORG" and len(ent) > 1:
                self._add_body(ent)
            if ent.label_ != "PERSON" or not ent.text[:1].isupper():
                continue
            name = ent.text.strip()
            if name not in self.people:
                self.people.append(name)
            if self.gazetteer.is_leader(name) or self._titled_leader(ent):
                self._add_leader(name)
        if not self.leaders:  # "President of the Republic of Belarus A. Lukashenko", untagged
            self._known_leaders(doc_text(doc))

    def _described_bodies(self, doc: Doc) -> None:
        """Bodies told by a described role noun ("the presidential press service", "Lithuania's
        foreign ministry"), so that a later "the press service" finds them."""
        for token in doc:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in load_speech_lexicon().org_roles:
                continue
            modifiers = [
                c for c in token.lefts if c.dep_ in ("amod", "compound", "poss") and c.i < token.i
            ]
            if not modifiers or token.ent_type_:
                continue
            words = [t for t in doc[token.left_edge.i : token.i + 1] if t.dep_ != "det"]
            if any(t.pos_ == "PROPN" or t.ent_type_ or t.lower_ in GENERIC_WORDS for t in words):
                continue  # "the Viasna rights centre" is Viasna; "a sixth such group"
            name = doc[words[0].i : token.i + 1].text
            if name not in self.bodies and len(words) > 1:
                self.bodies.append(name)

    def read_text(self, text: str) -> None:
        """Leaders and bodies named in a sentence that was not parsed."""
        for match in BODY_RUN.finditer(text):
            words = match.group(0).split()
            if len(words) > 1 and any(w.lower() in self.roles.not_name_words for w in words):
                name = re.sub(r"^(?:The|the)\s+", "", match.group(0))
                if name not in self.bodies:
                    self.bodies.append(name)
        self._known_leaders(text)

    def names_in_text(self, text: str) -> list[tuple[int, str]]:
        """People a sentence that was not parsed names, by offset: the last two or three
        of a run of capitalised words, none of them a place, a country adjective, a title
        or a body's word, nor a leader ("Belarusian Foreign Minister Maxim Ryzhenkov met
        Pavel Sevruk": both), and no place after "in", "to", "from"."""
        found = []
        for match in PERSON_RUN.finditer(text):
            words = match.group(0).split()
            kept: list[str] = []
            for word in reversed(words):
                if not self._name_word(word) or (
                    word is words[0] and match.start() == 0 and word.lower() in STOP_WORDS
                ):
                    break
                kept.insert(0, word)
            if not 2 <= len(kept) <= 3:
                continue
            name = " ".join(kept)
            start = match.end() - len(name)
            before = text[:start].split()
            if (before and before[-1].lower() in PLACE_PREPOSITIONS) or (
                self.gazetteer.is_leader(name) or self.gazetteer.find(name)
            ):
                continue
            found.append((start, name))
            if name not in self.people:
                self.people.append(name)
        return found

    def _name_word(self, word: str) -> bool:
        return not (
            word.lower() in self.roles.not_name_words
            or word.lower() in self.roles.leader_titles
            or self.gazetteer.country_of_adjective(word) is not None
            or self.gazetteer.find(word)
        )

    def _known_leaders(self, text: str) -> None:
        """The gazetteer's leaders named in `text`, with the first name before them."""
        for leader in self.gazetteer.leaders:
            if leader not in text:
                continue  # the pattern is case-sensitive: no match without the name itself
            for match in re.finditer(rf"(?:{NAME}\s+)?{re.escape(leader)}\b", text):
                words = [
                    w for w in match.group(0).split() if w.lower() not in self.roles.leader_titles
                ]
                self._add_leader(" ".join(words))

    def _add_leader(self, name: str) -> None:
        full = self.full_name(name)
        if full in self.leaders:
            self.leaders.remove(full)
        self.leaders.append(full)

    def _titled_leader(self, ent: Span) -> bool:
        doc = ent.doc
        before = doc[max(0, ent.start - 4) : ent.start]
        words = {t.lower_ for t in before} | {ent[0].lower_}
        words |= {t.lower_ for c in ent.root.children if c.dep_ == "appos" for t in c.subtree}
        if ent.root.dep_ == "appos":
            words |= {t.lower_ for t in ent.root.head.subtree if t.i < ent.start}
        return bool(words & self.roles.leader_titles) or "head of state" in before.text.lower()

    # -- resolving ------------------------------------------------------------------

    def full_name(self, name: str) -> str:
        """The fullest form of a name seen so far (a surname alone -> the full name)."""
        return fullest(name, self.people)

    def _add_body(self, ent: Span) -> None:
        """A body's full name: the entity with the phrase it heads ("the Coordination
        Headquarters for the Treatment of Prisoners of War"), without an owner's 's."""
        doc = ent.doc
        end = max(ent.end, ent.root.right_edge.i + 1) if ent.root.head.i != ent.root.i else ent.end
        tokens = [t for t in doc[ent.start : end]]
        while len(tokens) > 2 and tokens[1].tag_ == "POS":  # "Ukraine's Coordination ..."
            tokens = tokens[2:]
        while tokens and tokens[0].lower_ == "the":
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        name = doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
        if name and name not in self.bodies and len(tokens) <= 12:
            self.bodies.append(name)

    def body(self, name: str) -> str:
        """'the Headquarters', 'the ministry': the fullest body named before whose name
        holds that head word; else `name` unchanged."""
        words = name.split()
        if not words:
            return name
        head = words[-1].lower()
        fuller = [b for b in self.bodies if head in b.lower().split() and len(b) > len(name)]
        return max(fuller, key=len) if fuller else name

    def leader(self) -> str | None:
        """The leader a title or pronoun most likely means: one who freed people before,
        else the holding state's leader, else the last leader named."""
        if self.releasers:
            return self.releasers[-1]
        known = [n for n in self.leaders if self.gazetteer.is_leader(n)]
        if known:
            return known[-1]
        return self.leaders[-1] if self.leaders else None

    def note_releaser(self, name: str) -> None:
        if name in self.leaders or self.gazetteer.is_leader(name):
            self.releasers.append(name)

    def is_leader(self, name: str) -> bool:
        return self.gazetteer.is_leader(name) or self.full_name(name) in self.leaders

    def refers_to_leader(self, token: Token) -> bool:
        """'he', 'the head of state', 'the Belarusian ruler', 'the president of Belarus'."""
        if token.lower_ in self.roles.pronouns:
            return True
        skip = {
            t.i
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of" and self._names_state(c)
            for t in c.subtree
        }
        words = [
            t.lower_
            for t in token.subtree
            if t.i not in skip
            and t.dep_ not in ("det", "punct")
            and self.gazetteer.country_of_adjective(t.text) is None
            and self.gazetteer.country_of(t.text) is None
        ]
        phrase = " ".join(words).replace(" 's", "'s").removeprefix("'s ")
        return phrase in self.roles.leader_references

    def _names_state(self, prep: Token) -> bool:
        return any(
            self.gazetteer.country_of(entity_span(g).text) is not None
            for g in prep.children
            if g.dep_ == "pobj"
        )

    def agent(self, token: Token) -> str | None:
        """The person a subject of a pardon or release stands for, or None."""
        if token.ent_type_ == "PERSON" or self.gazetteer.is_leader(token.text):
            return self.full_name(entity_span(token).text)
        if token.pos_ == "PROPN" and self.full_name(token.text) in self.leaders:
            return self.full_name(token.text)
        if self.refers_to_leader(token):
            named = self.leader()
            home = any(
                self.gazetteer.country_of_adjective(t.text) == self.gazetteer.holding_state
                for t in token.subtree
            )  # "the Belarusian ruler" in a text that never names him
            return named or (self.gazetteer.leaders[0] if home else None)
        return None

    def ordered_by(self, trigger: Token) -> str | None:
        """'freed on the orders of X', 'pardoned by presidential decree': the one who ordered."""
        nouns = [g for prep in self._preps(trigger) for g in prep.children if g.dep_ == "pobj"]
        # "the president's decision to free 16": the noun the trigger completes, when it
        # names who decided ("a decree pardoning 37" is its signer's: acting_subject)
        completed = trigger.head if trigger.dep_ == "acl" else None
        for noun in nouns + ([completed] if completed is not None else []):
            if noun.lemma_.lower() in self.roles.requesting_nouns:
                continue
            if noun.lower_ not in self.roles.ordering_nouns and noun.lemma_.lower() not in (
                self.roles.ordering_nouns
            ):
                continue
            named = [
                g
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ] + [c for c in noun.children if c.dep_ == "poss"]
            for person in named:
                found = self.agent(person)
                if found:
                    return found
            if not named and noun is not completed and (
                noun.lower_ in self.roles.decree_nouns
                or any(c.lower_ == "presidential" for c in noun.children)
            ):
                return self.leader() or self._holding_leader(trigger)
        return None

    def _holding_leader(self, trigger: Token) -> str | None:
        """'pardoned by presidential decree' with no leader named: the holding state's
        leader, when the sentence is about that state."""
        state = self.gazetteer.holding_state
        if state[:6].lower() in trigger.sent.text.lower() and self.gazetteer.leaders:
            return self.gazetteer.leaders[0]
        return None

    def acting_subject(self, trigger: Token) -> Token | None:
        """The active subject of an agent verb: 'he pardoned', 'X decided to free',
        'X signed a decree pardoning 37', 'decrees that freed 300' (their signer)."""
        node = trigger
        for _ in range(5):
            if node.lemma_.lower() not in self.roles.agent_verbs:
                return None
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            # the one nearest the verb: "HAVANA, Jan 17 (Wire) - Cuban authorities freed"
            subject = max(subjects, key=lambda c: c.i if c.i < node.i else -1, default=None)
            if subject is not None and subject.lower_ not in ("that", "which"):
                return subject
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children):
                return None
            before = self._leader_phrase_before(node)
            if before is not None:
                return before
            if node.dep_ in ("xcomp", "conj") and node.head.pos_ in ("VERB", "AUX"):
                node = node.head
            elif (
                node.dep_ in ("acl", "relcl")
                and node.head.lemma_.lower() in self.roles.decree_nouns
            ):
                noun = node.head
                while noun.dep_ in ("conj", "compound") and noun.head.i != noun.i:
                    noun = noun.head
                node = noun.head if noun.dep_ in ("dobj", "pobj") else noun
                if node.dep_ == "prep":
                    node = node.head
            else:
                return None
        return None

    def _leader_phrase_before(self, verb: Token) -> Token | None:
        """'..., the head of state decided to pardon': a leader's title right before a verb
        the parser left without a subject (it hung the title on the name before)."""
        if verb.i == 0 or verb.dep_ not in ("ROOT", "conj"):
            return None
        noun = verb.doc[verb.i - 1]
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i < verb.i:
            noun = noun.head.head  # "state" in "head of state" -> "head"
        return noun if noun.pos_ == "NOUN" and self.refers_to_leader(noun) else None

    def leader_before(self, trigger: Token) -> str | None:
        """A leader named before an active pardon verb in its sentence, outside a
        requester's phrase: the parse missed the subject ("President of the Republic
        of Belarus A. Lukashenko has signed a decree pardoning 37")."""
        if trigger.lemma_.lower() not in self.roles.agent_verbs:
            return None
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
        if passive and not any(c.dep_ == "agent" for c in trigger.children):
            return None
        for token in reversed(trigger.doc[: trigger.i]):
            if not self.gazetteer.is_leader(token.text):
                continue
            if any(a.lemma_.lower() in self.roles.requesting_nouns for a in token.ancestors):
                continue  # "at the request of the Pope, Lukashenka" misparsed as one phrase
            if any(a.i == trigger.i for a in token.ancestors) or token.head.i > trigger.i or (
                token.dep_ in ("nsubj", "appos", "pobj", "compound")
            ):
                return self.full_name(entity_span(token).text)
        return None

    @staticmethod
    def _preps(trigger: Token) -> list[Token]:
        heads = [trigger]
        if trigger.dep_ == "conj":
            heads.append(trigger.head)
        return [c for h in heads for c in h.children if c.dep_ in ("prep", "agent")]


__all__ = ["Discourse", "Roles", "load_roles"]
