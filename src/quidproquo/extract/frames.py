"""Filling an event's fields from the dependency parse around its trigger.

A trigger's *clause* is its subtree without coordinated or subordinate verbs of
their own (which carry their own events), plus the subject it shares with the
verb it is coordinated with and the noun it modifies. Counts, persons,
destinations, targets and dates are taken from that clause first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from quidproquo.extract.counts import CountMention
from quidproquo.extract.dates import DateMention, respective_dates
from quidproquo.extract.discourse import Discourse, load_roles
from quidproquo.extract.gazetteer import Gazetteer, Mention
from quidproquo.extract.lexicon import load_lexicon
from quidproquo.extract.modality import load_modality
from quidproquo.extract.nlp import doc_text
from quidproquo.extract.quotes import description_of
from quidproquo.extract.triggers import Trigger, TriggerLexicon, detached_of

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
OWN_CLAUSE_BREAKS = frozenset({"conj", "advcl", "ccomp", "parataxis"})
SUBORDINATE = OWN_CLAUSE_BREAKS | {"relcl", "acl"}
LISTING_VERBS = frozenset({"include", "comprise"})
CARRIED_DEPS = frozenset({"pobj", "prep", "amod", "acl", "compound"})  # trigger -> carried group
DESTINATION_PREPS = frozenset({"to", "into", "across", "over", "for", "toward", "towards"})
REPORT_LEMMAS = frozenset(
    {
        "say",
        "report",
        "state",
        "count",
        "estimate",
        "identify",
        "document",
        "put",
        "list",
        "find",
        "show",
        "remind",
    }
)
SAY_LEMMAS = frozenset({"say", "tell", "report", "state", "claim", "announce", "write", "add"})


@dataclass(frozen=True)
class FrameWords:
    """Words the frames read by position (lexicons/roles.yaml, the section after the roles)."""

    warning_verbs: frozenset[str]
    clause_fillers: frozenset[str]
    life_terms: frozenset[str]
    fresh_swap_words: frozenset[str]
    pointing_determiners: frozenset[str]


@lru_cache(maxsize=1)
def frame_words() -> FrameWords:
    keys = (
        "warning_verbs",
        "clause_fillers",
        "life_terms",
        "fresh_swap_words",
        "pointing_determiners",
    )
    data = load_lexicon("roles.yaml", keys)
    return FrameWords(**{key: frozenset(str(w).lower() for w in data[key]) for key in keys})


COMPOSITION = re.compile(r"^\s*of\s+(?:them|those|these|whom|the)\b", re.I)
ANAPHORIC_SUBJECTS = frozenset(
    {
        "they",
        "them",
        "those",
        "these",
        "he",
        "she",
        "it",
        "most",
        "all",
        "many",
        "some",
        "majority",
        "prisoners",
        "others",
        "rest",
        "group",
        "deportees",
    }
)
GENERIC_DETERMINERS = frozenset({"every", "each", "any", "next"})
DISTRIBUTIVE = frozenset({"both"})  # "A and B, both jailed in 2021": A and B
PEOPLE_TYPES = frozenset({"release", "deportation", "detention"})
NUMERIC_ENTITIES = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "DATE", "TIME", "ORDINAL"})
NUMBER_NOUNS = frozenset({"number", "figure", "tally", "total", "toll"})
# "with (other) 51 prisoners", "along with that of 13 others"
COMPANION = re.compile(r"\bwith\s+(?:(?:that|those)\s+of\s+)?(?:the\s+)?(other\s+)?$", re.I)
# "18 of the 123", "most of the 250" (not "10 percent of the 1,000": a share, no part)
PARTITIVE_WHOLE = re.compile(
    r"(?:\b(?!percent\b|cent\b)[\w,]+\s+|^\s*)of\s+(?:the|those|these)\s+$", re.I
)
# "in exchange for", "as part of a swap", "in what officials called part of a swap"
SWAP_PATH = frozenset({"pobj", "prep", "compound", "nmod", "pcomp", "oprd", "advcl"})
EXCLUDING_BEFORE = re.compile(r"(?:\bincluding|\bthe)\s+$", re.I)
# "freed three nationals in exchange for two officers": the other side of a trade
TRADED_FOR = re.compile(r"\b(?:in\s+(?:exchange|return)|swapped|traded|exchanged)\s+for\s+$", re.I)


@dataclass
class Slots:
    """The fields one trigger fills."""

    type: str
    modality: str
    trigger: int  # token index in the sentence doc
    count: int | None = None
    count_qualifier: str | None = None
    actor: str | None = None
    target: str | None = None
    persons: list[str] = field(default_factory=list)
    destination: str | None = None
    date_min: date | None = None
    date_max: date | None = None
    anaphoric: bool = False  # subject is a back-reference ("those freed", "they")
    instrument: str | None = None
    persons_from_pronoun: bool = False  # "he" resolved to the last named person
    background: bool = False  # dated from "N days after <this clause>": not the running date
    on_a_person: bool = False  # in a clause describing one named person ("B, who had been ...")
    own_date: bool = False  # dated by a date in its own clause, not inherited

    def adds_something(self) -> bool:
        named = self.persons and not self.persons_from_pronoun
        return bool(self.count is not None or named or self.destination)


@dataclass
class SentenceView:
    """A parsed candidate sentence with the mentions found in it (offsets relative to `doc`)."""

    doc: Doc
    counts: list[CountMention]
    places: list[Mention]

    def tokens_of(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []


def clause_tokens(token: Token, needs: frozenset[str] = frozenset()) -> set[int]:
    """Indices of the trigger's own clause (see module doc)."""
    keep: set[int] = set()
    stack = [token]  # iterative: a long list is a deep chain of conjuncts
    while stack:
        node = stack.pop()
        keep.add(node.i)
        for child in node.children:
            if (
                child.dep_ in OWN_CLAUSE_BREAKS
                and child.pos_ in ("VERB", "AUX")
                and node.i == token.i
                and child.lower_ not in needs
            ):
                continue
            stack.append(child)
    keep.update(membership_clause(token))  # "Among those freed was X"
    detached = detached_of(token)
    if detached is not None:  # "the release today of 52 prisoners": the 52
        keep.update(t.i for t in detached.subtree)
    group = membership_participle(token)
    if group is not None:  # "X, who was among 40 detainees freed in May": X and the 40
        keep.add(group.i)
        counts = [c for c in group.children if c.dep_ in ("nummod", "quantmod")]
        keep.update(t.i for c in counts for t in c.subtree)
        keep.update(membership_clause(group))
        member = group_member(group.head.head)
        if member is not None:
            keep.add(member.i)
    if not any(c.dep_ in SUBJECTS for c in token.children) and token.dep_ in ("conj", "xcomp"):
        head = token.head
        while head.dep_ in ("conj", "xcomp") and not any(c.dep_ in SUBJECTS for c in head.children):
            head = head.head
        for child in head.children:
            if child.dep_ in SUBJECTS:
                keep.update(t.i for t in child.subtree)
    taken_up = any(c.dep_ == "dobj" and c.lower_ == "them" for c in token.children)
    if token.dep_ == "conj" and taken_up:
        for child in token.head.children:  # "freed nine pastors and put them on a flight"
            if child.dep_ == "dobj" and counted(child):
                keep.update(t.i for t in child.subtree)
    if token.dep_ in ("advmod", "acomp", "attr", "prep") and token.head.pos_ in ("AUX", "VERB"):
        for child in token.head.children:  # "Babaryka is out", "Statkevich is back in a colony"
            if child.dep_ in SUBJECTS:
                keep.update(t.i for t in child.subtree)
    anchor = token  # "X, who was freed and expelled to Y": the conjunct shares the noun
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i and anchor.pos_ in ("VERB", "AUX"):
        anchor = anchor.head
    if anchor.dep_ in ("acl", "relcl", "amod") and anchor.head.pos_ in (
        "NOUN",
        "PROPN",
        "PRON",
        "NUM",
    ):
        noun = anchor.head
        keep.add(noun.i)
        keep.update(
            t.i
            for c in noun.children
            if c.dep_ in ("nummod", "quantmod", "amod", "det")
            for t in c.subtree
        )
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.pos_ in ("NUM", "NOUN")
        ):
            keep.add(noun.head.head.i)  # "most of those released"
        keep.update(membership_clause(noun))  # "Among those released were X and Y"
        if noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON":
            keep.update(t.i for t in noun.head.subtree if t.ent_type_ == "PERSON" and t.i < noun.i)
        if noun.lemma_ in NUMBER_NOUNS:
            keep.update(t.i for t in noun.sent)  # "put the number freed at 207, others at 250"
        keep.update(copular_count(noun))
    return keep


def copula_of(noun: Token) -> Token | None:
    """The 'are' of '109 are citizens (of Belarus)' when `noun` is what it predicates."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # "citizens of Belarus"
    return noun.head if noun.dep_ == "attr" else None


def copular_count(noun: Token) -> set[int]:
    """'109 are citizens of Belarus, who were handed over': the number the noun predicates."""
    copula = copula_of(noun)
    if copula is None:
        return set()
    return {
        t.i
        for c in copula.children
        if c.dep_ == "nsubj" and c.pos_ == "NUM"
        for t in c.subtree
        if t.dep_ != "prep" and t.head.dep_ != "prep"  # "Five of them": the part alone
    }


def membership_clause(noun: Token) -> set[int]:
    """'X was among (the N) freed', 'X was one of N freed', 'those freed included X': the members.

    The copular clause around "among"/"one of", without its own subordinate verbs
    ("..., who had been jailed since 2020").
    """
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in LISTING_VERBS:
        verb = noun.head  # "Those freed included A; B, who ...; and C"
    elif noun.dep_ != "pobj":
        return set()
    elif noun.head.lower_ == "among":
        verb = noun.head.head
    elif (
        noun.head.lower_ == "of"
        and noun.head.head.lower_ == "one"
        and noun.head.head.dep_ in ("attr", "nsubj")
    ):
        verb = noun.head.head.head
    else:
        return set()
    if verb.pos_ not in ("AUX", "VERB"):
        return set()
    keep: set[int] = set()
    stack = [verb]
    while stack:
        node = stack.pop()
        keep.add(node.i)
        for child in node.children:
            if child.dep_ in SUBORDINATE and child.pos_ in ("VERB", "AUX") and child.i != noun.i:
                continue
            stack.append(child)
    return keep


def names_members(token: Token) -> bool:
    """'Among the detained is X', 'among those held are A and B', 'those jailed include C':
    the trigger names a group told before, the sentence names members of it."""
    return bool(
        membership_clause(token) or (token.dep_ == "acl" and membership_clause(token.head))
    )


def counted(noun: Token) -> bool:
    """The noun has its own numeral ("14 prisoners released"): a new group, no back-reference."""
    return any(c.dep_ in ("nummod", "quantmod") for c in noun.children)


def membership_participle(token: Token) -> Token | None:
    """'X, who was among 40 detainees freed in May': the group noun a bare participle right
    after "among (N) <noun>" describes, however the parser attached the participle (it
    often makes X its subject); None otherwise."""
    if token.tag_ != "VBN" or token.i == 0:
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return None
    noun = token.doc[token.i - 1]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "pobj" or noun.head.lower_ != "among":
        return None
    return noun if noun.head.head.pos_ in ("AUX", "VERB") else None


def group_member(verb: Token) -> Token | None:
    """The one said to be in the group of "was among (N) ...": the subject of the copula
    ("The 50-year-old was among 40 freed") or the noun its relative clause describes
    ("Now the 50-year-old, who was among 40 freed, ...")."""
    if verb.lemma_ != "be" or not any(c.lower_ == "among" for c in verb.children):
        return None
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        return verb.head
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)


def nominal_agent(noun: Token) -> Token | None:
    """'the release of 31 detainees by Belarus', 'the release by Minsk of 20 inmates': who
    freed them, in a "by" phrase on the noun or on its "of" phrase."""
    if noun.pos_ != "NOUN":
        return None
    ofs = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    ofs += [p for p in [detached_of(noun)] if p is not None]
    heads = {noun.i} | {g.i for p in ofs for g in p.children if g.dep_ == "pobj"}
    for prep in [c for h in [noun, *ofs] for c in h.subtree if c.lower_ == "by"]:
        if prep.head.i in heads:
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def coordinated_subject(verb: Token) -> Token | None:
    """'Baku released 32 soldiers and Yerevan freed two': the name right before a second
    verb with no subject of its own, which the parser made a conjunct of the first verb's
    object, is the second verb's subject."""
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    name = verb.doc[verb.i - 1] if verb.i > 0 else None
    if name is None or name.pos_ != "PROPN" or name.dep_ != "conj" or name.head.i >= name.i:
        return None
    start = name.left_edge.i
    joined = start > 0 and verb.doc[start - 1].lower_ == "and"
    return name if joined and name.head.head.i != verb.i else None


def subject_of(token: Token) -> Token | None:
    """The grammatical subject (or passive agent) acting in the trigger's clause."""
    coordinated = coordinated_subject(token)
    if coordinated is not None:
        return coordinated
    if membership_participle(token) is not None:
        # "X was among 40 freed (by Y)": X is one of the freed, Y (if named) freed them
        agents = [g for c in token.children if c.dep_ == "agent" for g in c.children]
        return next((g for g in agents if g.dep_ == "pobj"), None)
    node = token
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:  # the one nearest the verb ("GRODNO, Mar 6 (Wire) - Belarus released")
            return max(subjects, key=lambda c: c.i if c.i < node.i else -1)
        if any(c.dep_ == "nsubjpass" for c in node.children) and not any(
            c.dep_ == "agent" for c in node.children
        ):
            return None
        for child in node.children:
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if (
            node.dep_ in ("xcomp", "conj", "acl", "advcl", "pcomp", "dobj", "pobj", "prep", "relcl")
            and node.head.i != node.i
        ):
            if node.dep_ == "relcl":
                return None
            node = node.head
            continue
        break
    return None


# Words between a person's name and a describing clause's verb: "X, who had been ...", "X ("
CLAUSE_OPENERS = frozenset({"who", "("})


def described_before(trigger: Token) -> Span | None:
    """The person named just before the relative or parenthetical clause that opens on
    the trigger: 'B, who had been sentenced to 14 years', 'B (jailed for a post)'."""
    doc, i = trigger.doc, trigger.i - 1
    opened = False
    while i >= 0 and trigger.i - i <= 6:
        word = doc[i].lower_
        if word in CLAUSE_OPENERS:
            opened = True
        elif word not in frame_words().clause_fillers and doc[i].pos_ != "ADV":
            break
        i -= 1
    if not opened or i < 0:
        return None
    if doc[i].lower_ == ")":  # "Andreyeva (Bakhvalava), who had served": the name before
        i = next((j for j in range(i - 1, max(-1, i - 6), -1) if doc[j].lower_ == "("), 0) - 1
    return next(
        (e for e in doc.ents if e.label_ == "PERSON" and e.end == i + 1 and e.text[:1].isupper()),
        None,
    )


def recipients(trigger: Token, needs: frozenset[str]) -> set[int]:
    """'granted clemency to 25 convicts': the 'to' phrase right after the needed noun is the
    trigger's, wherever the parser hung it ('X by decree granted clemency to 25' breaks it)."""
    doc = trigger.doc
    found: set[int] = set()
    for noun in doc[trigger.i + 1 : min(len(doc) - 1, trigger.i + 4)]:
        after = doc[noun.i + 1]
        if noun.lower_ in needs and after.lower_ == "to" and after.dep_ == "prep":
            found |= {t.i for t in after.subtree}
    return found


def passive_subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def shared_subject_conjuncts(verb: Token) -> list[Token]:
    """Verbs that take `verb`'s subject: conjuncts with none of their own after it, and a
    participle clause on it or it on ('expelled 40, flying them to Panama City')."""
    linked = [
        c
        for c in verb.conjuncts
        if not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children if g.i > verb.i)
    ]
    linked += [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        linked.append(verb.head)
    return linked


def handed_group(trigger: Token) -> Token | None:
    """The people a verb moves: its passive subject, its object, or the noun it describes."""
    for child in trigger.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            if child.pos_ == "PRON" and trigger.dep_ == "conj":  # "freed 31 Poles and handed
                return handed_group(trigger.head) or child  # them over": the first verb's
            return child
    if trigger.dep_ in ("acl", "relcl") and trigger.head.i != trigger.i:
        return trigger.head
    if trigger.dep_ == "conj":  # "were driven to the border and handed over": shared subject
        return handed_group(trigger.head)
    return None


def entity_text(token: Token) -> str:
    """The named entity containing `token`, else its compound noun phrase."""
    if token.ent_type_:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    parts = [c for c in token.children if c.dep_ == "compound"]
    start = min([token.i] + [c.left_edge.i for c in parts])
    return token.doc[start : token.i + 1].text


def quoted_name(span: Span) -> str | None:
    match = re.search(r"[\"“]([^\"”]+)[\"”]", span.text)
    return match.group(1) if match else None


# "WARSAW, March 19 (Wire) - ", "MANAGUA (Wire) — ", "March 6, Newsdesk. ": a dateline,
# whose place is never an actor
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
HEADER = re.compile(
    r"^(?:[A-Z][A-Z .'/-]+(?:,[^()\n—–]{0,40})?"  # "WARSAW, March 19", "STOCKHOLM"
    rf"|[A-Z][\w'-]+(?: [A-Z][\w'-]+)?, (?:{MONTH} \d|\d)[^()\n—–]{{0,30}}"  # "Vilnius, Sept 11"
    rf"|{MONTH} \d{{1,2}},[^()\n—–.]{{0,40}})"  # "March 6, Baltic Newsdesk"
    r"(?:\s*\([^)]*\))?\s*(?:[-–—]|\.)\s+"
)


def past_dateline(subject: Token) -> list[Token]:
    """The subject and its appositions after the dateline, the last apposition first:
    'VILNIUS, Feb 12 (Wire) - Belarus ... freed' heads the appositive with the city."""
    appositives = [c for c in subject.children if c.dep_ == "appos" and c.i > subject.i]
    header = leading_header(doc_text(subject.doc))
    return [n for n in [subject, *reversed(appositives)] if n.idx >= header]


def leading_header(text: str) -> int:
    """The end of a dateline at the start of `text` (0 when there is none)."""
    match = HEADER.match(text)
    return match.end() if match else 0


def source_phrase(noun: Token) -> str:
    """A described source as written: 'Critics in Congress', 'human rights defenders'
    (without its article or a relative clause)."""
    clauses = {t.i for c in noun.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    tokens = [t for t in noun.subtree if t.i not in clauses and not t.is_punct]
    while tokens and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    return noun.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else noun.text


def back_reference(token: Token) -> bool:
    """A participle used as a noun for a group told before: 'the pardoned', 'the freed',
    'those freed' (unless dated: 'those freed on Friday')."""
    if token.dep_ not in SUBJECTS | {"dobj", "pobj"}:
        return False
    determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
    dated = any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree)
    return "the" in determiners or bool(determiners & {"those", "these"}) and not dated


def _names_a_thing(token: Token) -> bool:
    """A year that only names something: 'convicted over the 2020 protests'."""
    return token.dep_ in ("nummod", "compound", "amod") and token.head.ent_type_ == ""


def _part_of_a_told_group(noun: Token) -> bool:
    """'a handful of those freed', 'half of the pardoned': a part of a group told before."""
    return any(
        o.lower_ in ("those", "these", "them") or any(d.lower_ == "the" for d in o.children)
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    )


def _timed(token: Token) -> bool:
    """A date or a term in the trigger's phrase: 'in 2021', 'to six years', 'a 15-year term'."""
    return any(
        t.ent_type_ in ("DATE", "TIME")
        or t.lower_.endswith("-year")
        or t.lower_ in frame_words().life_terms
        for t in token.subtree
    )


def _duration(token: Token) -> bool:
    """'for years', 'for months': a length of time, not a date."""
    return any(a.lower_ == "for" for a in token.ancestors)


def pair_respectively(slots: list[Slots], dates: list[DateMention], text: str) -> None:
    """'On 11 March and 2 May he freed 5 and 7 people, respectively': the n-th count of one
    trigger takes the n-th of the coordinated dates (`dates.respective_dates`, which
    `pipeline.respectively` uses for uncounted events)."""
    paired = respective_dates(text, dates)
    by_trigger: dict[int, list[Slots]] = {}
    for slot in slots:
        if slot.count is not None:
            by_trigger.setdefault(slot.trigger, []).append(slot)
    for group in by_trigger.values():
        if len(group) > 1 and len(group) == len(paired):
            for slot, mention in zip(group, paired, strict=True):
                slot.date_min, slot.date_max = mention.date_min, mention.date_max


def object_of(token: Token, trigger: Token) -> bool:
    """`token` names what the trigger acts on: its object or passive subject, or an
    apposition or conjunct of it ("freed the diplomat X and the engineer Y")."""
    node = token
    for _ in range(6):
        if node.head.i == trigger.i:
            return node.dep_ in ("dobj", "nsubjpass", "pobj", "dative")
        if node.dep_ not in ("appos", "conj", "compound") or node.head.i == node.i:
            return False
        node = node.head
    return False


def coordinated(a: Token, b: Token) -> bool:
    """'state banks and Belaruskali', 'on state banks and on Belaruskali'."""
    return a in b.conjuncts or (a.dep_ == b.dep_ == "pobj" and a.head in b.head.conjuncts)


def named_in_apposition(noun: Token, name: Token) -> bool:
    """'two state banks, Belinvestbank and ...': the names after a comma spell out the
    counted noun (parsed as an apposition or as conjuncts)."""
    if any(name in c.subtree for c in noun.children if c.dep_ == "appos"):
        return True
    listed = counted(noun) and noun.i + 1 < len(noun.doc) and noun.nbor().text == ","
    return listed and name in noun.conjuncts


def same_person(a: str, b: str) -> bool:
    """The same name, or one is the surname of the other."""
    return a == b or a.split()[-1] == b.split()[-1]


def is_titled(person: Span, titles: frozenset[str]) -> bool:
    """A person with a title: 'U.S. envoy John Coale', 'Smith, a Deputy Assistant Secretary'."""
    root = person.root
    near = [c for c in root.children if c.dep_ in ("compound", "appos", "amod", "nmod")]
    near += [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    if root.dep_ == "appos":
        near.append(root.head)
    near += [t for t in person.doc[max(0, person.start - 3) : person.start]]
    return any(t.lemma_.lower() in titles or t.lower_ in titles for t in near)


class FrameFiller:
    """Fills Slots for triggers of one parsed sentence."""

    def __init__(self, gazetteer: Gazetteer, lexicon: TriggerLexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    # -- people --------------------------------------------------------------

    def is_envoy(self, person: Span) -> bool:
        return self.gazetteer.is_envoy(person.text) or is_titled(
            person, self.gazetteer.envoy_titles
        )

    def people_in(self, view: SentenceView, indices: set[int]) -> list[Span]:
        return [e for e in view.doc.ents if e.label_ == "PERSON" and e.root.i in indices]

    def subject_people(self, trigger: Token, view: SentenceView, indices: set[int]) -> list[str]:
        """Named people the event is about: not leaders, envoys, speakers or describers."""
        names = []
        for person in self.people_in(view, indices):
            root = person.root
            if self.gazetteer.is_leader(person.text):
                continue
            if self.is_envoy(person) and not object_of(root, trigger):
                continue  # "the freed diplomat X" is freed; the envoy who came is not
            if root.dep_ == "poss" or self._is_speaker(root) or not person.text[:1].isupper():
                continue
            if any(a.lemma_.lower() in load_roles().requesting_nouns for a in root.ancestors):
                continue  # "at the request of Pope X": X asked, X was not freed
            if any(not w[:1].isupper() for w in person.text.split()) or self.gazetteer.find(
                person.text
            ):
                continue
            if person.text.isupper() and person.end_char <= leading_header(doc_text(view.doc)):
                continue  # "YANGON (Desk) —": the dateline's city, not a person
            if self._describes_other(root):
                continue
            names.append(person.text)
        for ent in self.members_named(view):  # "...; among them were A and B"
            if ent.text not in names and not (
                self.gazetteer.is_leader(ent.text) or self.is_envoy(ent)
            ):
                names.append(ent.text)
        described = self.described_person(trigger)
        if (
            described is not None
            and not self.gazetteer.is_leader(described.text)
            and not self.is_envoy(described)
        ):
            # "A; B, who had been jailed since 2020; and C": the clause is about B alone
            return [described.text, *self._coordinated_people(described, view)]
        return names

    @staticmethod
    def _coordinated_people(person: Span, view: SentenceView) -> list[str]:
        """The people coordinated with `person` ahead of one relative clause ('A and B, who
        were arrested'), `person` first."""
        first = person.root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        chain = {first.i} | {t.i for t in first.subtree if t.dep_ == "conj" and t.i <= person.end}
        return [
            e.text
            for e in view.doc.ents
            if e.label_ == "PERSON" and e.root.i in chain and e.text != person.text
        ]

    def people_before(self, pronoun: Token, view: SentenceView) -> list[str]:
        """'A and B, both held since 2022': the people named before a distributive pronoun
        that heads a clause of its own."""
        if pronoun.head.dep_ not in ("advcl", "acl", "conj", "relcl", "parataxis"):
            return []
        return [
            e.text
            for e in view.doc.ents
            if e.label_ == "PERSON"
            and e.end <= pronoun.i
            and e.text[:1].isupper()
            and not self.gazetteer.is_leader(e.text)
            and not self.is_envoy(e)
        ]

    def described_person(self, trigger: Token) -> Span | None:
        """The person a relative clause holding the trigger describes through an apposition:
        'A, a reporter who had been held since 2020', 'a student, B, who was detained';
        or the person named right before the clause's opening word ('B, who had been
        sentenced', 'B (sentenced to five years)'), whatever the parse made of a list."""
        opened = described_before(trigger)
        if opened is not None:
            return opened
        clause = next((a for a in [trigger, *trigger.ancestors] if a.dep_ == "relcl"), None)
        if clause is None:
            return None
        noun = clause.head
        who = any(t.lower_ in ("who", "whom") for t in clause.children)
        while who and noun.ent_type_ != "PERSON" and noun.dep_ == "pobj" and noun.head.head:
            noun = noun.head.head  # "B, a reporter for Radio X who had been held": B
            if noun.dep_ == "prep":
                break
        candidates = [noun] + ([noun.head] if noun.dep_ == "appos" else [])
        candidates += [c for c in noun.children if c.dep_ == "appos"]
        person = next(
            (c for c in candidates if c.ent_type_ == "PERSON" and c.text[:1].isupper()), None
        )
        return self._ent(person) if person is not None else None

    def members_named(self, view: SentenceView) -> list[Span]:
        """People named in an 'among them' clause: members of a group counted elsewhere."""
        among = self.lexicon.membership_token(view.doc)
        if among is None:
            return []
        clause = {t.i for t in among.head.subtree}
        if not any(t.is_alpha for t in view.doc[: among.i]):
            # "Among those freed were A; B, who ...; and C": the list runs to the end,
            # however the parser split it at the semicolons
            clause |= {t.i for t in view.doc[among.i :]}
        return [e for e in view.doc.ents if e.label_ == "PERSON" and e.root.i in clause]

    @staticmethod
    def _describes_other(root: Token) -> bool:
        """A person named inside another person's description ("husband of X")."""
        node = root
        through_modifier = False
        while node.head.i != node.i:
            if node.dep_ in ("pobj", "poss", "relcl", "acl"):
                through_modifier = True
            node = node.head
            if node.ent_type_ == "PERSON" and through_modifier:
                return True
        return False

    @staticmethod
    def _is_speaker(token: Token) -> bool:
        if token.dep_ == "nsubj" and token.head.lemma_ in SAY_LEMMAS:
            return True
        return any(a.lower_ == "according" for a in token.ancestors)

    def reporter(self, token: Token) -> str | None:
        """The named source a figure is attributed to: 'according to X', 'X says ...',
        'X counts ...' (a name, not 'the group')."""
        for node in [token, *token.ancestors]:
            objs = [
                g
                for c in node.children
                if c.lower_ == "according"
                for p in c.children
                for g in p.children
                if g.dep_ == "pobj"
            ]
            if node.lemma_.lower() in REPORT_LEMMAS:
                objs += [c for c in node.children if c.dep_ == "nsubj"]
            said = SAY_LEMMAS | frame_words().warning_verbs
            if node.lemma_.lower() in said and node.dep_ == "advcl":
                # "..., X said, while warning that ...": the speaker of the said beside it
                objs += [
                    g
                    for c in node.head.children
                    if c.dep_ == "parataxis" and c.lemma_.lower() in SAY_LEMMAS
                    for g in c.children
                    if g.dep_ == "nsubj"
                ]
            for obj in objs:
                obj = self._named_source(obj)
                if obj.ent_type_ in ("ORG", "PERSON") or obj.pos_ == "PROPN":
                    return entity_text(obj)
                owner = [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
                if owner:  # "a European Parliament resolution says": the body behind it
                    return obj.doc[owner[0].i : owner[-1].i + 1].text
                if obj.pos_ == "NOUN" and obj.tag_ == "NNS":  # "Local monitors estimate"
                    return source_phrase(obj)
                owned_by = [
                    g
                    for p in obj.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children
                    if g.dep_ == "pobj" and (g.ent_type_ in ("ORG", "PERSON") or g.pos_ == "PROPN")
                ]
                if obj.pos_ == "NOUN" and owned_by:  # "the office of opposition leader X"
                    return f"{obj.lower_} of {entity_text(owned_by[0])}"
                if obj.pos_ == "NOUN" and any(c.lower_ == "the" for c in obj.children):
                    return f"the {obj.lower_}"  # "the group says": the body named before
        return None

    def _named_source(self, obj: Token) -> Token:
        """The name a source noun stands for: 'the rights group Free Voices' (apposition),
        'X, a monitoring group that says' (the relative's antecedent and its apposition),
        'figures from the monitors' (whose figures they are)."""
        while obj.lemma_.lower() in self.lexicon.source_documents:
            owner = [g for p in obj.children if p.lower_ in ("of", "from") for g in p.children]
            if not owner or owner[0].dep_ != "pobj":
                break
            obj = owner[0]
        if obj.lower_ in ("that", "which", "who") and obj.head.dep_ == "relcl":
            obj = obj.head.head
            if obj.dep_ == "appos" and obj.head.pos_ == "PROPN":
                return obj.head
        if obj.pos_ == "NOUN":
            name = next((c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if name is not None:
                return name
        return obj

    # -- exchanges ------------------------------------------------------------------

    def is_swap(self, token: Token, needs_mover: bool = False) -> bool:
        """A swap of prisoners that happened or was claimed: not a trade of people for
        something else ("in exchange for sanctions relief"), not a generic one ("every
        exchange", "the next swap"). `needs_mover`: the phrase is a swap only on a verb that
        moves people ("freed them in return", never "in return, Washington lifted ...")."""
        if any(
            c.dep_ in ("det", "amod") and c.lower_ in GENERIC_DETERMINERS for c in token.children
        ):
            return False
        verb = token.head.head if token.dep_ == "pobj" else None
        fors = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"]
        # "USA in exchange lifts sanctions": the bare phrase trades whatever its verb does
        needs_mover = needs_mover or (
            verb is not None and token.head.lower_ == "in" and not list(token.children)
        )
        for prep in fors:
            objs = [g for g in prep.children if g.dep_ == "pobj"]
            if objs and not any(self.lexicon.is_people(o) or self._names_release(o) for o in objs):
                return False
        if needs_mover and (verb is None or verb.pos_ not in ("VERB", "AUX")):
            return False
        if (fors or needs_mover) and verb is not None and verb.pos_ in ("VERB", "AUX"):
            moved = any(t.type in PEOPLE_TYPES for t in self.lexicon.match(verb))
            if not moved and not any(
                c.dep_ in ("dobj", "nsubjpass") and self.lexicon.is_people(c)
                for c in verb.children
            ):
                return False  # "unfreeze the banks in exchange for the release of ..."
        return True

    def _names_release(self, noun: Token) -> bool:
        return any(t.type == "release" for t in self.lexicon.match(noun))

    def exchange_people(self, token: Token, view: SentenceView) -> list[str]:
        """People of the swap: those of its own clause ("in exchange for B") and those the
        release it completes acts on ("Iran freed A in an exchange", "freed A in what both
        sides called part of a swap"), with the other side's release told beside it
        ("..., while Sweden released C")."""
        people = self.subject_people(token, view, clause_tokens(token))
        verb = self._swapping_release(token)
        if verb is None:
            return people
        sides = [verb] + [
            c
            for c in verb.children
            if c.dep_ in ("advcl", "conj") and self._names_release(c)
        ]
        found = [p for side in sides for p in self.subject_people(side, view, clause_tokens(side))]
        return list(dict.fromkeys(found + people))

    def _swapping_release(self, token: Token) -> Token | None:
        """The release verb a swap noun completes, through its prepositional phrase."""
        node = token
        while node.dep_ in SWAP_PATH and node.head.i != node.i:
            node = node.head
            if self._names_release(node):
                return node
        return None

    # -- counts -----------------------------------------------------------------

    def counts_for(
        self, view: SentenceView, indices: set[int], trigger: Token | None = None
    ) -> list[CountMention]:
        text = doc_text(view.doc)
        found = []
        for mention in view.counts:
            tokens = view.tokens_of(mention.start, mention.end)
            if not tokens or not any(t.i in indices for t in tokens):
                continue
            if COMPOSITION.match(text[mention.end :]) and not self._partitive_subject(
                tokens, trigger
            ):
                continue
            if PARTITIVE_WHOLE.search(text[: mention.start]) and not (
                trigger is not None and trigger.head in tokens + [t.head for t in tokens]
            ):
                continue  # "18 of the 123 prisoners": the whole the part is taken from
            # "including about 90 foreigners who will be deported": the relative clause's own
            described = (
                trigger is not None
                and trigger.dep_ == "relcl"
                and any(c.lower_ in ("who", "whom") for c in trigger.children)
                and any(t.head.i == trigger.head.i for t in tokens)
            )
            group = membership_participle(trigger) if trigger is not None else None
            if group is not None and any(t.head.i == group.i for t in tokens):
                found.append(mention)  # "X, who was among 40 detainees freed": the 40
                continue
            before = EXCLUDING_BEFORE.search(text[: mention.start])
            if before and not described and (
                mention.unit is None or not before.group(0).lower().startswith("the")
            ):
                continue  # "the 16", "including one American", "10 percent of the 1,000"
            if TRADED_FOR.search(text[: mention.start]) and not described:
                continue  # the people given in return are not the event's group
            if trigger is not None and any(
                a.dep_ == "relcl" and trigger not in list(a.subtree) for a in tokens[0].ancestors
            ):
                continue  # "..., according to X, which still counts 1,300 prisoners"
            if self._membership_apposition(tokens, trigger):
                continue  # "52 prisoners, among them six Poles, crossed": composition
            if trigger is not None and any(
                a.dep_ == "relcl" and trigger not in list(a.subtree) for a in tokens[0].ancestors
            ):
                continue  # "X, who was among 31 freed in May, is back behind bars": not 31 held
            own_noun = trigger is not None and (
                mention.unit == trigger.lower_
                or any(t.dep_ in SUBJECTS and t.head.i == trigger.i for t in tokens)
                or any(t.head.dep_ in SUBJECTS and t.head.head.i == trigger.i for t in tokens)
            )
            counts_people = mention.people or mention.unit is None or mention.parts
            if not (
                counts_people or own_noun or described or self._counted_acts(mention, view, trigger)
            ):
                continue
            found.append(mention)
        return found

    @staticmethod
    def _counted_acts(mention: CountMention, view: SentenceView, trigger: Token | None) -> bool:
        """'handed down nine sentences': the trigger's object counts its own acts, one a person
        (the unit is an event noun of counts.yaml, not a people noun)."""
        if trigger is None or mention.unit is None or mention.unit_end is None:
            return False
        return any(
            t.lower_ == mention.unit and t.dep_ == "dobj" and t.head.i == trigger.i
            for t in view.tokens_of(mention.start, mention.unit_end)
        )

    @staticmethod
    def _partitive_subject(tokens: list[Token], trigger: Token | None) -> bool:
        """'Fifteen of the prisoners were expelled': a part that is itself the subject (or
        object) of a deportation or release verb is that event's count."""
        if trigger is None or trigger.pos_ not in ("VERB", "AUX"):
            return False
        verbs = {trigger.i} | ({trigger.head.i} if trigger.dep_ == "conj" else set())
        copula = copula_of(trigger.head) if trigger.dep_ == "relcl" else None
        if copula is not None:  # "Five of them are citizens of Ukraine, who returned home"
            verbs.add(copula.i)
        # "expelled nine of them to Latvia": the part is the verb's own object too
        return any(t.dep_ in SUBJECTS | {"dobj"} and t.head.i in verbs for t in tokens)

    def _membership_apposition(self, tokens: list[Token], trigger: Token | None) -> bool:
        """The counted noun is an object of 'among them', or the subject of an 'of whom'
        clause that is not the trigger's own: a part of the group, not its size."""
        for token in tokens:
            node = token
            while node.dep_ in ("nummod", "compound", "conj", "quantmod") and node.head.i != node.i:
                node = node.head
            if node.dep_ == "pobj" and self.lexicon.membership_token([node.head]) is not None:
                return True
            lead = [c for c in node.children if c.i < token.i]  # "among them nine Poles"
            if self.lexicon.membership_token(lead) is not None:
                return True
            verb = node.head  # "30 detainees, of whom four are women"
            if (
                node.dep_ in SUBJECTS | {"attr"}
                and verb.dep_ == "relcl"
                and (trigger is None or trigger.i != verb.i)
                and any(
                    g.lower_ == "whom"
                    for c in verb.children
                    if c.dep_ == "prep"
                    for g in c.children
                )
            ):
                return True
        return False

    # -- places -----------------------------------------------------------------

    def destinations(self, trigger: Token, view: SentenceView, indices: set[int]) -> list[str]:
        """Countries the trigger's clause sends people to, else those of the verb that
        carries the trigger's group ("those released were taken to the Polish border")."""
        found = self._destinations_in(
            view, indices - self._other_events(trigger, view, ("relcl", "acl"))
        )
        if not found:
            carrier = self._carrying_verb(trigger)
            if carrier is not None:
                found = self._destinations_in(view, clause_tokens(carrier))
                if any(self._expels(v, view) for v in [carrier, *carrier.conjuncts]):
                    found = []  # "those freed were handed over to Ukraine": a deportation's place
        # "were driven to the Lithuanian border and expelled", "... but refused to cross",
        # "were forced out and brought to the Chernihiv region": the conveying verb's place
        verb = trigger.head if trigger.dep_ == "xcomp" else trigger
        for other in [] if found else shared_subject_conjuncts(verb):
            if self.conveys(other) and not self._expels(other, view):
                found = self._destinations_in(view, clause_tokens(other))
                if found:
                    break
        receiver = self.receiver(trigger)
        if not found and receiver is not None:
            country = self.place_country(receiver) or self.state_of(receiver)
            found = [country] if country and country != self.gazetteer.holding_state else []
        return found

    def conveys(self, verb: Token) -> bool:
        verbs = self.lexicon.conveyance_verbs
        return verb.lemma_.lower() in verbs or verb.lower_ in verbs

    def _describes_the_freed(self, token: Token) -> bool:
        """An undated participle on the people a release or deportation moves."""
        group = token.head
        if token.dep_ != "acl" or token.tag_ != "VBN" or group.dep_ not in SUBJECTS | {"dobj"}:
            return False
        if any(t.ent_type_ in NUMERIC_ENTITIES and not _names_a_thing(t) for t in token.subtree):
            return False  # "jailed since 2020", "sentenced to 14 years": its own event
        moved = ("release", "deportation")
        return any(t.type in moved for t in self.lexicon.match(group.head))

    def _deported_with(self, verb: Token, view: SentenceView) -> bool:
        """A deportation verb coordinated with `verb` and sharing its subject."""
        return any(self._expels(c, view) for c in shared_subject_conjuncts(verb))

    def _expels(self, verb: Token, view: SentenceView) -> bool:
        """`verb` deports: a deportation trigger, or a handover to a state not the people's."""
        for trig in self.lexicon.match(verb):
            if trig.type == "deportation" and not trig.spec.refused_only:
                return True
            if trig.spec.foreign_is_deportation:
                dests = self._destinations_in(view, clause_tokens(verb, trig.spec.needs))
                if len(dests) == 1 and self.expelled_to(verb, dests[0]):
                    return True
        return False

    def receiver(self, trigger: Token) -> Token | None:
        """The subject of a verb taking in the trigger's group: 'Poland has received 12
        prisoners freed by Belarus', 'Latvia took in 30 who were expelled'."""
        group = trigger
        while group.dep_ in ("acl", "relcl", "amod") and group.head.i != group.i:
            group = group.head
        if group is trigger or group.dep_ != "dobj":
            return None
        verb = group.head
        particle = self.lexicon.receiving_verbs.get(verb.lemma_.lower())
        if particle is None or (
            particle and not any(c.lower_ == particle for c in verb.children)
        ):
            return None
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)

    def _other_events(
        self, trigger: Token, view: SentenceView, clauses: tuple[str, ...] = ("relcl",)
    ) -> set[int]:
        """Relative clauses with a trigger of their own ('..., of whom 25 were deported to X');
        with "acl", participle clauses too ('a dissident deported to Ukraine arrived in X')."""
        return {
            t.i
            for verb in view.doc
            if verb.dep_ in clauses
            and verb.i != trigger.i
            and self.lexicon.match(verb)
            and trigger not in verb.subtree
            for t in verb.subtree
        }

    def _destinations_in(self, view: SentenceView, indices: set[int]) -> list[str]:
        found: list[str] = []
        for token in view.doc:
            if token.i not in indices:
                continue
            toward = token.dep_ == "pobj" and (
                token.head.lower_ in DESTINATION_PREPS
                or token.head.lower_ == "with"  # "the border with Lithuania"
                and token.head.head.lower_ in self.gazetteer.border_nouns
                or token.head.lower_ == "at"  # "handed over at the Medininkai crossing"
                and token.lower_ in self.gazetteer.border_nouns
                or token.head.lower_ in ("in", "at")
                and token.head.head.lemma_.lower() in self.lexicon.arrival_verbs
            )
            crossed = token.dep_ == "dobj" and token.lower_ in self.gazetteer.border_nouns
            if not (toward or crossed):
                continue
            for node in [token, *[c for c in token.conjuncts]]:
                country = self.place_country(node)
                if country and country not in found and country != "Belarus":
                    found.append(country)
        return found

    def _carrying_verb(self, trigger: Token) -> Token | None:
        """The conveyance verb whose subject contains the trigger, if any."""
        node = trigger
        for _ in range(4):
            if node.dep_ in ("nsubj", "nsubjpass"):
                head = node.head
                verbs = self.lexicon.conveyance_verbs
                return head if head.lemma_.lower() in verbs or head.lower_ in verbs else None
            if node.dep_ not in CARRIED_DEPS or node.head.i == node.i:
                return None
            node = node.head
        return None

    def place_country(self, token: Token) -> str | None:
        name = entity_text(token)
        country = self.gazetteer.country_of(name) or self.gazetteer.country_of(token.text)
        if country:
            return country
        receiving = self.gazetteer.border_nouns | self.gazetteer.receiving_nouns
        for child in token.children:  # "the Chernihiv region", "the Medininkai crossing"
            if child.dep_ == "compound":
                country = self.gazetteer.country_of(entity_text(child))
                if country:
                    return country
        # "the crossing at Terespol", "the border of Latvia", "a prison in El Salvador"
        border = token.lower_ in self.gazetteer.border_nouns
        preps = ("at", "near", "in", "of") if border else ("in",)
        if token.dep_ == "pobj" or border:
            for prep in (c for c in token.children if c.lower_ in preps):
                for place in (g for g in prep.children if g.dep_ == "pobj"):
                    country = self.gazetteer.country_of(entity_text(place))
                    if country:
                        return country
        if token.lower_ in receiving:  # "the Lithuanian border", "the Polish side"
            for child in token.children:
                if child.dep_ in ("amod", "compound", "nmod"):
                    country = self.gazetteer.country_of_adjective(child.text)
                    if country:
                        return country
        return None

    # -- actors -------------------------------------------------------------------

    def state_named_by(self, token: Token) -> str | None:
        """'Belarusian authorities', 'the government of Belarus', 'Minsk's regime': that state."""
        if token.lemma_.lower() not in self.gazetteer.government_nouns and (
            token.lower_ not in self.gazetteer.government_nouns
        ):
            return None
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                names = [child.text]
            elif child.dep_ == "poss":
                names = [entity_text(child)]
            elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
                # the name itself too when the tagger took "the Government of X" as one entity
                objects = [g for g in child.children if g.dep_ == "pobj"]
                names = [n for g in objects for n in (entity_text(g), g.text)]
            else:
                continue
            for name in names:
                state = self.gazetteer.country_of_adjective(name) or self.gazetteer.government_of(
                    name
                )
                if state:
                    return state
            if child.dep_ in ("poss", "prep"):  # "Eritrea's government": a country the
                places = [g for g in child.subtree if g.ent_type_ == "GPE" and g.i != child.i]
                places += [child] if child.ent_type_ == "GPE" else []  # gazetteer lacks
                if places:
                    return entity_text(places[0]).removeprefix("the ")
        return None

    def government(self, token: Token | None) -> str | None:
        if token is None:
            return None
        phrase = token.doc[token.left_edge.i : token.i + 1].text  # "the 27-nation bloc"
        for text in (entity_text(token), token.text, phrase[:1].lower() + phrase[1:]):
            gov = self.gazetteer.government_of(text)
            if gov:
                return gov
        state = self.state_named_by(token)
        if state:
            return state
        if token.ent_type_ == "PERSON" and is_titled(self._ent(token), self.gazetteer.envoy_titles):
            return None
        return None

    @staticmethod
    def _ent(token: Token) -> Span:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent
        return token.doc[token.i : token.i + 1]

    def sentence_government(
        self, view: SentenceView, indices: set[int] | None = None
    ) -> str | None:
        """A government or agency named in the clause (or the sentence)."""
        for mention in view.places:
            if mention.kind not in ("agency", "country", "city"):
                continue
            tokens = view.tokens_of(mention.start, mention.end)
            if indices is not None and not any(t.i in indices for t in tokens):
                continue
            gov = self.gazetteer.government_of(mention.surface) or (
                self.gazetteer.metonyms.get(mention.surface) if mention.kind == "city" else None
            )
            if gov and gov != "Belarus":
                return gov
        return None

    def releaser(self, trigger: Token, discourse: Discourse | None = None) -> str | None:
        """The leader or state that freed people (DEV.md 7): the one who ordered it, else
        the subject of a verbal trigger (a leader, a state, a title or pronoun that the
        discourse resolves); never a requester."""
        if discourse is not None:
            ordered = discourse.ordered_by(trigger)
            if ordered:
                return ordered
        acting = discourse.acting_subject(trigger) if discourse is not None else None
        if membership_participle(trigger) is not None or coordinated_subject(trigger):
            acting = None  # "X, who was among 40 freed": X is one of the freed
        agent_noun = nominal_agent(trigger)
        subject = acting or agent_noun or subject_of(trigger)
        if subject is not None and subject == self.receiver(trigger):
            subject = None  # "Poland received 12 prisoners freed": the receiver freed no one
        # a person acts only as the subject of an agent verb ("he pardoned") or as the agent
        # of a passive one ("pardoned by the president"), any state as the subject of a
        # verbal trigger; the subject of "welcomed the release" freed no one
        agentive = subject is not None and trigger.pos_ in ("VERB", "AUX", "ADJ")
        by_agent = subject is not None and (subject.head.dep_ == "agent" or subject == agent_noun)
        if subject is None:  # "Belarus on Saturday pardoned" misparsed after a dateline
            subject = next(
                (
                    t
                    for t in reversed(trigger.doc[max(0, trigger.i - 4) : trigger.i])
                    if t.pos_ == "PROPN" and t.ent_type_ not in NUMERIC_ENTITIES
                ),
                None,
            )
        if subject is None:
            return discourse.leader_before(trigger) if discourse is not None else None
        # "VILNIUS, Feb 12 (Wire) - Belarus ... freed": the dateline city heads the appositive
        nodes = past_dateline(subject)
        header = leading_header(doc_text(trigger.doc))
        if not nodes:  # the dateline swallowed the subject: the first name after it
            nodes = [
                t
                for t in trigger.doc[: trigger.i]
                if t.idx >= header and t.pos_ == "PROPN" and t.ent_type_ not in NUMERIC_ENTITIES
            ][:1]
        for node in nodes:
            name = entity_text(node)
            if self.gazetteer.is_leader(name):
                return discourse.full_name(name) if discourse is not None else name
            gov = self.state_of(node)
            if gov == self.gazetteer.holding_state or (gov and agentive):
                return gov
            if (acting is not None or by_agent) and discourse is not None:
                person = discourse.agent(node)
                if person:
                    return person
        if discourse is not None and trigger.pos_ in ("VERB", "AUX"):
            return discourse.leader_before(trigger)
        return None

    def state_of(self, node: Token) -> str | None:
        """The state a noun phrase names: a country, capital, agency, 'Cuban authorities'."""
        name = entity_text(node)
        gov = (
            self.gazetteer.metonyms.get(name)
            or self.gazetteer.government_of(name)
            or self.state_named_by(node)
        )
        if gov is None and node.ent_type_ == "GPE":
            gov = self.gazetteer.country_of(name) or name.removeprefix("the ")
        return gov

    # -- filling ----------------------------------------------------------------

    def fill(
        self,
        trig: Trigger,
        modality: str,
        view: SentenceView,
        discourse: Discourse | None = None,
    ) -> list[Slots]:
        """Slots for the trigger: several when it names several targets, counts or places."""
        token = trig.token
        frame = self.lexicon.frames[trig.type]
        indices = clause_tokens(token, trig.spec.needs) | recipients(token, trig.spec.needs)
        base = Slots(trig.type, modality, token.i)
        subject = subject_of(token) or passive_subject(token)
        if subject is not None and (
            subject.lower_ in ANAPHORIC_SUBJECTS
            or any(c.dep_ == "det" and c.lower_ in ("those", "these") for c in subject.children)
        ):
            base.anaphoric = True
        if (
            token.dep_ in ("acl", "amod")
            and token.head.lower_ in ANAPHORIC_SUBJECTS | {"those"}
            and not counted(token.head)
        ):
            base.anaphoric = True
        if token.dep_ in SUBJECTS | {"dobj", "pobj"} and any(
            c.dep_ == "det" and c.lower_ in ("those", "these") for c in token.children
        ):
            base.anaphoric = True  # "Those freed were driven ...": the participle names the group
        if frame.persons:
            base.persons = self.subject_people(token, view, indices)
            base.on_a_person = self.described_person(token) is not None
            if not base.persons and subject is not None and subject.lower_ in DISTRIBUTIVE:
                base.persons = self.people_before(subject, view)
        if frame.actor == "releaser":
            base.actor = self.releaser(token, discourse)
            if base.actor:  # the pardoning leader is the actor, never one of the persons
                base.persons = [p for p in base.persons if not same_person(p, base.actor)]
        elif frame.actor == "subject" and modality != "refused":  # the refuser expels no one
            # the one who expels: an active subject, never the expelled (passive) or a dateline
            agent = subject_of(token)
            agent = next(iter(past_dateline(agent)), None) if agent is not None else None
            if agent is not None and (
                agent.ent_type_ not in NUMERIC_ENTITIES | {"", "NORP"}
                or self.state_named_by(agent)  # "Belarusian authorities expelled"
            ):
                base.actor = self.state_of(agent) or entity_text(agent)
        elif frame.actor == "speaker":
            base.actor = self.denier(token, subject)
        elif frame.actor == "government":
            base.actor = (
                self.government(subject)
                or self.sentence_government(view, indices)
                or self.sentence_government(view)
            )
        if frame.actor == "speaker" and base.actor:
            # "a figure Baku disputes": the capital stands for its government
            base.actor = self.gazetteer.metonyms.get(base.actor, base.actor)
            if discourse is not None:
                base.actor = discourse.body(base.actor)  # "the Headquarters" -> its full name
        variants = [base]
        if trig.type in PEOPLE_TYPES and self._generic(
            token, subject, base, view, indices, trig.spec.needs_time
        ):
            return []
        if trig.type == "denial" and any(
            c.dep_ in ("dative", "nsubjpass")
            or (
                c.dep_ == "dobj"
                and self.lexicon.is_people(c)
                and c.lower_ not in trig.spec.needs  # "rejected the figures": an account
            )
            for c in token.children
        ):
            return []  # "were denied consular access", "deny them lawyers": withholding
        if trig.type == "denial" and load_modality().is_habitual(token):
            return []  # "officials routinely deny ...": a practice, not one rebuttal
        if frame.count:  # not the count of another event told in a relative clause
            variants = self._with_counts(base, view, indices - self._other_events(token, view))
        if base.anaphoric and token.dep_ in ("acl", "amod") and not counted(token.head):
            for slot in variants:  # "Among those pardoned are 15 women and seven men": composition
                slot.count = slot.count_qualifier = None
            variants = variants[:1]
        if trig.type == "detention" and self._describes_the_freed(token):
            return []  # "two citizens jailed in Belarus were pardoned": who, not what happened
        if trig.type == "detention" and base.on_a_person and not _timed(token):
            return []  # "B (jailed over a poem)": who B is; "B, sentenced to six years": a term
        if trig.type == "detention" and self._describes_a_group(token, base):
            return []  # "a swap involving two jailed reporters": who they are, no arrest told
        if trig.type == "release" and self.conveys(token) and self._deported_with(token, view):
            return []  # "driven to the border and expelled": one deportation, not a release
        if frame.destination:
            dests = self.destinations(token, view, indices)
            if trig.spec.destination_home:
                home = self.nationality(subject, token) if subject is not None else None
                dests = [home] if home else []
            if trig.spec.destination_from_subject and subject is not None:
                taker = self.gazetteer.government_of(entity_text(subject))
                dests = [taker] if taker else []
            if trig.spec.needs_destination and (
                not dests
                or (
                    subject is not None
                    and subject.ent_type_ == "PERSON"
                    and self.is_envoy(self._ent(subject))
                )
            ):
                return []  # "the envoy arrived in Vilnius": a trip, no one freed
            if dests:
                variants = self._spread(variants, "destination", dests)
            if (
                trig.spec.foreign_is_deportation
                and len(dests) == 1
                and self.expelled_to(token, dests[0])
            ) or (trig.type == "release" and self.conveys(token) and self._stripped(token)):
                for slot in variants:
                    slot.type = "deportation"
        if frame.target:
            targets = self.targets(trig, view, indices)
            if targets:
                variants = self._spread(variants, "target", targets)
        return variants

    def _stripped(self, verb: Token) -> bool:
        """'handed over without passports': people moved without their papers."""
        return any(
            c.lower_ == "without" and g.lower_ in self.lexicon.expulsion_marks
            for v in [verb, *shared_subject_conjuncts(verb)]
            for c in v.children
            for g in c.children
        )

    def moves_deportees(self, trigger: Token) -> bool:
        """The people `trigger` moves were deported before: 'the Belarusians deported to
        Ukraine left for Poland', 'eleven of the prisoners expelled to Ukraine were moved on'."""
        group = handed_group(trigger) or subject_of(trigger)
        if group is None:
            return False
        nouns = [group] + [
            g
            for c in group.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        return any(
            t.type == "deportation" and not t.spec.refused_only
            for noun in nouns
            for c in noun.children
            if c.dep_ in ("acl", "relcl")
            for t in self.lexicon.match(c)
        )

    @staticmethod
    def group_told_before(trigger: Token) -> bool:
        """The people `trigger` moves are a group named before: 'they', a bare number ('58
        have now been taken to Poland')."""
        group = handed_group(trigger) or subject_of(trigger)
        if group is None:
            return False
        return group.lower_ in ("they", "them") or (
            group.pos_ == "NUM" and group.dep_ in SUBJECTS
        )

    def expelled_to(self, trigger: Token, destination: str) -> bool:
        """People handed over to a state not their own are deported there (DEV2.md): nationals
        of another state, or a group of unstated nationality ('most of those freed were
        handed over to Ukraine'); a named person of unstated nationality stays a release."""
        group = handed_group(trigger)
        if group is None:
            return False
        home = self.nationality(group, trigger)
        if home is not None:
            return home != destination
        named = [group, *(c for c in group.children if c.dep_ == "appos")]
        return not any(n.ent_type_ == "PERSON" for n in named) and group.lower_ not in (
            "who",
            "that",
        )

    def nationality(self, people: Token, trigger: Token) -> str | None:
        """The state whose nationals the people are: 'Latvian nationals', 'citizens of
        Belarus, who were handed over' (the relative takes its antecedent)."""
        if people.lower_ in ("who", "that") and trigger.dep_ == "relcl":
            people = trigger.head
        if (
            people.dep_ == "pobj"
            and people.head.lower_ == "of"
            and self.lexicon.is_people(people.head.head)  # "citizens of Belarus"
        ):
            return self.gazetteer.country_of(entity_text(people))
        if people.ent_type_ == "NORP":  # "31 Ukrainians", "two Poles"
            return self.gazetteer.country_of_adjective(people.text.removesuffix("s"))
        for child in people.children:
            if child.dep_ in ("amod", "compound"):
                country = self.gazetteer.country_of_adjective(child.text)
                if country:
                    return country
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    country = self.gazetteer.country_of(entity_text(obj))
                    if country:
                        return country
        return None

    def denier(self, token: Token, subject: Token | None) -> str | None:
        """Who denied: a named spokesperson ('a spokesperson, Jane Roe'), a body with its
        state ("Moldova's interior ministry"), a name, else a role ('a Kremlin spokesman');
        for a noun ('a figure Baku disputes') the proper noun that modifies it."""
        if token.pos_ == "NOUN":
            subject = next((c for c in token.children if c.pos_ == "PROPN"), None)
        if subject is None:
            return None
        named = [c for c in subject.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if named:
            return entity_text(named[0])
        owners = [
            c
            for c in subject.children
            if c.dep_ == "poss" and any(t.pos_ == "PROPN" for t in c.subtree)
        ]
        if owners and subject.ent_type_ != "PERSON":
            start = owners[0].left_edge.i
            return subject.doc[start : subject.i + 1].text
        quoted = quoted_name(subject.doc[subject.left_edge.i : subject.right_edge.i + 1])
        if quoted:  # 'the "Open Doors" campaign'
            return quoted
        proper = bool(subject.ent_type_) or subject.pos_ == "PROPN"
        if proper and subject.ent_type_ not in NUMERIC_ENTITIES:
            return entity_text(subject)
        return description_of(subject)  # "a Kremlin spokesman denied ..."

    @staticmethod
    def _describes_a_group(token: Token, slot: Slots) -> bool:
        """A custody word that only describes unnamed people, with no time and no term:
        'two jailed reporters', 'six citizens who had been detained in X'."""
        describing = token.dep_ in ("amod", "acl", "relcl") and token.head.pos_ in (
            "NOUN",
            "PROPN",
            "PRON",
        )
        return describing and not slot.persons and not _timed(token)

    @staticmethod
    def _habitual_bare_plural(verb: Token) -> bool:
        """A perfect with a bare plural object and no date but 'since': a practice told."""
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        bare = bool(objects) and all(
            o.tag_ == "NNS" and not any(g.dep_ in ("det", "nummod", "poss") for g in o.children)
            for o in objects
        )
        dated = any(
            t.ent_type_ in ("DATE", "TIME") and not any(a.lower_ == "since" for a in t.ancestors)
            for t in verb.subtree
        )
        return perfect and bare and not dated

    def _generic(
        self,
        token: Token,
        subject: Token | None,
        slot: Slots,
        view: SentenceView,
        indices: set[int],
        trig_needs_time: bool = False,
    ) -> bool:
        """A statement about no one in particular: a habit in the simple present ("Tehran
        detains dual nationals", "citizens who are arrested") or a description of a group
        ("many of the exiles had been jailed"); no named person and no count."""
        of = [g for c in token.children if c.lower_ == "of" for g in c.children]
        clause = token.head if token.dep_ in ("acomp", "oprd") else token  # "walks free"
        described = [clause.head] if clause.dep_ in ("relcl", "acl") else []
        if any(
            c.dep_ in ("det", "amod") and c.lower_ in GENERIC_DETERMINERS
            for n in [token, *of, *described]
            for c in n.children
        ):
            return True  # "the release of every prisoner", "every prisoner who walks free"
        first = token.head if token.dep_ == "conj" else token
        to = [c for c in first.children if c.dep_ == "aux" and c.lower_ == "to"]
        if to and not any(not t.is_punct for t in token.doc[: to[0].i]):
            return True  # '"To pardon the convicts ...," reads the decree': wording, a heading
        modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)
        if modal and any(c.lower_ in self.lexicon.prediction_adverbs for c in token.children):
            return True  # "can soon be released": a prediction
        if any(a.lemma_.lower() in self.lexicon.generic_heads for a in token.ancestors):
            return True  # "have been known to detain", "a process in which X are released"
        if trig_needs_time and not any(t.ent_type_ in ("DATE", "TIME") for t in token.head.subtree):
            return True  # "X remains behind bars": no time, no event
        if slot.persons or self.counts_for(view, indices, token):
            return False
        verb = token if token.pos_ in ("VERB", "AUX") else None
        if verb is not None and self._habitual_bare_plural(verb):
            return True  # "has released prisoners in batches since 2024"
        if verb is not None:
            aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
            finite_base = verb.tag_ == "VB" and not aux and verb.dep_ in ("ROOT", "relcl", "conj")
            present = (
                verb.tag_ in ("VBZ", "VBP")
                or finite_base
                or (
                    verb.tag_ == "VBN"
                    and aux
                    and all(a.tag_ in ("VBZ", "VBP") for a in aux)
                    and all(a.lemma_ == "be" for a in aux)
                )
            )
            if present and not any(
                t.ent_type_ in ("DATE", "TIME") and not _duration(t) for t in verb.subtree
            ):
                return True
        return (
            slot.type == "detention"
            and subject is not None
            and (subject.lower_ in self.lexicon.group_quantifiers or _part_of_a_told_group(subject))
        )

    def _with_counts(self, base: Slots, view: SentenceView, indices: set[int]) -> list[Slots]:
        counts = self.counts_for(view, indices, view.doc[base.trigger])
        if not counts:
            return [base]
        out = []
        for mention in counts:
            slot = Slots(**{**base.__dict__, "persons": list(base.persons)})
            value = mention.value
            before = doc_text(view.doc)[: mention.start]
            companion = COMPANION.search(before)  # "X, along with 13 other prisoners"
            if mention.other or (companion and companion.group(1)):
                # "A along with 9 others": A adds one, members named do not
                members = {e.text for e in self.members_named(view)}
                named = len([p for p in base.persons if p not in members])
                value += named or (1 if companion else 0)
            slot.count, slot.count_qualifier = value, mention.qualifier
            out.append(slot)
        return out

    @staticmethod
    def _spread(variants: list[Slots], name: str, values: list[str]) -> list[Slots]:
        """Pair values with variants in order when their numbers agree, else multiply."""
        if len(variants) == len(values) and len(values) > 1:
            for slot, value in zip(variants, values, strict=True):
                setattr(slot, name, value)
            return variants
        out = []
        for slot in variants:
            for value in values:
                copy = Slots(**{**slot.__dict__, "persons": list(slot.persons)})
                setattr(copy, name, value)
                out.append(copy)
        return out

    def targets(self, trig: Trigger, view: SentenceView, indices: set[int]) -> list[str]:
        if trig.type == "visit":
            return self.visit_targets(view)
        entities: list[str] = []
        sectors: list[str] = []
        countries: list[str] = []
        sector_tokens: dict[str, list[Token]] = {}
        entity_tokens: list[Token] = []
        for scope in (indices, None):
            for mention in view.places:
                tokens = view.tokens_of(mention.start, mention.end)
                if scope is not None and not any(t.i in scope for t in tokens):
                    continue
                if mention.kind == "entity" and mention.canonical not in entities:
                    entities.append(mention.canonical)
                    entity_tokens += tokens
                elif mention.kind == "sector" and mention.canonical not in sectors:
                    sectors.append(mention.canonical)
                    sector_tokens[mention.canonical] = tokens
                elif mention.kind == "country" and any(
                    t.dep_ == "pobj" and t.head.lower_ == "on" for t in tokens
                ):
                    countries.append(mention.canonical)
            if entities or sectors or countries:
                break
        # "on two state banks and on Belaruskali": a sector coordinated with a firm
        beside = [
            sector
            for sector, tokens in sector_tokens.items()
            if any(coordinated(t, e) for t in tokens for e in entity_tokens)
            and not any(named_in_apposition(t, e) for t in tokens for e in entity_tokens)
        ]
        return entities + beside if entities else sectors or countries

    def visit_targets(self, view: SentenceView) -> list[str]:
        for mention in view.places:
            if mention.kind == "place_description":
                return [mention.canonical]
            if mention.kind == "city" and self.gazetteer.cities.get(mention.canonical) == "Belarus":
                return [mention.canonical]
        return []
