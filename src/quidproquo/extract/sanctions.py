"""Who a sanctions event is about when no known entity or sector names it, and which
governments act together (lexicons/sanctions.yaml).

"imposed sanctions on 12 Belarusian officials, including judges" -> "Belarusian officials";
"removed two companies, Granit Logistics and Polesie Timber, from its list" -> the two names;
"extended its measures against Belarus" -> "Belarus"; "The EU and Britain imposed" -> both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from quidproquo.extract.lexicon import LexiconError, load_lexicon

LEXICON = "sanctions.yaml"
TIMES = frozenset({"DATE", "TIME"})
# children of the party's head (and of its conjuncts) left out of its name
DROPPED = frozenset(
    {"det", "nummod", "quantmod", "relcl", "acl", "appos", "punct", "predet", "poss", "advmod"}
)


@dataclass(frozen=True)
class SanctionsLexicon:
    party_preps: frozenset[str]  # "sanctions on X", "measures against X", "airspace to X"
    holding_nouns: frozenset[str]  # "froze the assets of X": the party is the owner
    sanction_nouns: frozenset[str]  # objects that are the measure, not the party
    vague_modifiers: frozenset[str]  # "five more officials", "new companies"
    dropped_preps: frozenset[str]  # "officials, including judges": not part of the name
    pronouns: frozenset[str]
    sector_heads: frozenset[str]
    member_preps: frozenset[str]  # "four firms, including X": X is named
    general_verbs: frozenset[str]  # "ease", "lift": sanctions only with a measure or party

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SanctionsLexicon:
        try:
            return cls(**{name: frozenset(data[name]) for name in cls.__dataclass_fields__})
        except TypeError as exc:
            raise LexiconError(f"{LEXICON}: every entry must be a list of words: {exc}") from exc


@lru_cache(maxsize=1)
def load_sanctions() -> SanctionsLexicon:
    return SanctionsLexicon.from_data(
        load_lexicon(LEXICON, tuple(SanctionsLexicon.__dataclass_fields__))
    )


def acts_on_measure(verb: Token, lex: SanctionsLexicon) -> bool:
    """An everyday easing verb ("lift", "ease", "come off") acting on a measure, a named
    party or a pronoun object for one; any other verb passes. An active subject counts
    only as the measure itself ("the sanctions are coming off"), never as the one acting."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lex.general_verbs:
        return True
    holder = verb
    while holder.dep_ in ("conj", "xcomp") and not _arguments(holder):
        holder = holder.head  # "agreed to lift and ease sanctions": the shared object
    affected = [c for c in _arguments(holder) if c.dep_ != "nsubj"]
    subjects = [c for c in _arguments(holder) if c.dep_ == "nsubj"]
    named = any(a.pos_ == "PROPN" or a.ent_type_ in ("ORG", "GPE", "PRODUCT") for a in affected)
    # "struck two firms off the list": the measure as the object of a particle or preposition
    preps = [c for c in holder.children if c.dep_ in ("prep", "prt")]
    affected += [g for p in preps for g in p.children if g.dep_ == "pobj"]
    nouns = [s for s in subjects if s.pos_ != "PRON"]
    return named or any(is_measure(a, lex) for a in affected) or any(
        s.lemma_.lower() in lex.sanction_nouns for s in nouns
    )


def _arguments(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj", "attr")]


def is_measure(token: Token, lex: SanctionsLexicon) -> bool:
    """The noun names the measure ("sanctions", "the list") or stands for one ("some of
    them"), not a party."""
    return (
        token.lemma_.lower() in lex.sanction_nouns
        or token.lower_ in lex.sanction_nouns
        or token.lower_ in lex.pronouns
        or token.pos_ == "PRON"
    )


def party_head(trigger: Token, lex: SanctionsLexicon) -> Token | None:
    """The head noun of the sanctioned party in the trigger's clause."""
    for child in trigger.children:  # "sanctioned X", "added X to the list", "X was designated"
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        if child.lemma_.lower() in lex.holding_nouns:  # "froze the assets of X"
            owners = [g for p in child.children if p.lower_ == "of" for g in p.children]
            return owners[0] if owners else None
        if not is_measure(child, lex):
            return child
    nodes = [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    nodes += [  # "a package of measures against X"
        g
        for n in nodes[1:]
        if is_measure(n, lex)
        for p in n.children
        if p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj" and is_measure(g, lex)
    ]
    for node in nodes:  # "imposed sanctions on X", "extended measures against X"
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in lex.party_preps:
                continue
            for found in prep.children:
                if (
                    found.dep_ == "pobj"
                    and found.ent_type_ not in TIMES  # "on Tuesday"
                    and not is_measure(found, lex)  # "to its list"
                ):
                    return found
    return None


def _name_tokens(head: Token, lex: SanctionsLexicon) -> list[Token]:
    keep: list[Token] = []

    def walk(node: Token, top: bool) -> None:
        keep.append(node)
        for child in node.children:
            if top and (
                child.dep_ in DROPPED
                or child.lower_ in lex.vague_modifiers
                or (child.dep_ == "prep" and child.lower_ in lex.dropped_preps)
            ):
                continue
            walk(child, top and child.dep_ in ("conj", "cc"))

    walk(head, True)
    kept = {t.i for t in keep}
    keep += [  # the commas of a list: "judges, prosecutors and governors"
        t
        for t in head.doc
        if t.is_punct
        and t.i not in kept  # "state-owned": its hyphen is kept already
        and t.head.i in kept
        and t.i + 1 in kept
        and t.i - 1 in kept
    ]
    tokens = sorted(keep, key=lambda t: t.i)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens


def sanctioned_parties(
    trigger: Token, lex: SanctionsLexicon | None = None, named_only: bool = False
) -> list[str]:
    """Names of the parties the trigger sanctions or relieves, as written; [] if none.

    `named_only`: only proper names ("removed Granit Logistics from the list"), not
    descriptions ("lifted curbs on the island").
    """
    lex = lex or load_sanctions()
    head = party_head(trigger, lex)
    if head is None or head.lower_ in lex.pronouns or head.pos_ == "PRON":
        return []
    named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if named:  # "two companies, A and B": the companies by name
        members = [named[0], *named[0].conjuncts]
        return [_span_text(_compound(m)) for m in members]
    included = [  # "four firms, including the arms trader X": X by name (DEV.md 9)
        m
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in lex.member_preps
        for g in p.children
        if g.dep_ == "pobj" and g.pos_ == "PROPN"
        for m in (g, *g.conjuncts)
    ]
    if included:
        return [_span_text([t for t in _compound(m) if t.pos_ == "PROPN"]) for m in included]
    if head.lower_ in lex.sector_heads:  # "Venezuela's oil and gold sectors": oil, gold
        kinds = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod")]
        return [t.text for k in kinds for t in (k, *k.conjuncts)]
    if named_only:  # "the state miner Kalibrom": the name only
        name = [t for t in _compound(head) if t.pos_ == "PROPN"]
        return [_span_text(name)] if head.pos_ == "PROPN" else []
    tokens = _name_tokens(head, lex)
    if not tokens or not any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
        return []
    return [_span_text(tokens)]


def _compound(token: Token) -> list[Token]:
    parts = [c for c in token.children if c.dep_ == "compound"]
    return sorted([*(t for c in parts for t in c.subtree), token], key=lambda t: t.i)


def _span_text(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    if [t.i for t in tokens] == list(range(tokens[0].i, tokens[-1].i + 1)):
        return doc[tokens[0].i : tokens[-1].i + 1].text
    return "".join(t.text_with_ws for t in tokens).strip()


def coordinated_subjects(subject: Token | None) -> list[Token]:
    """'The EU and Britain imposed': the subject and its conjuncts."""
    return [] if subject is None else [subject, *subject.conjuncts]


def measure_owners(trigger: Token, lex: SanctionsLexicon | None = None) -> list[Token]:
    """Modifiers naming whose measures they are: "hit by American sanctions", "EU curbs"."""
    lex = lex or load_sanctions()
    nouns = [trigger] if trigger.pos_ == "NOUN" else []  # "American sanctions relief"
    nouns += [
        node
        for child in trigger.children
        for node in (child, *(g for g in child.children if g.dep_ == "pobj"))
        if is_measure(node, lex)
    ]
    return [m for noun in nouns for m in noun.children if m.dep_ in ("amod", "compound", "nmod")]
