"""Who speaks: typed speakers and how descriptions, titles, pronouns and documents
resolve to the person or body behind them (used by `quotes.extract_quotes`; the module
docstring there lists the order). Lexicons: speech_verbs.yaml (verbs, role nouns,
pronouns, gender hints) and speakers.yaml (titles, documents, non-speakers, labels).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from spacy.tokens import Doc, Span, Token

from quidproquo.extract.gazetteer import load_gazetteer
from quidproquo.extract.lexicon import LexiconError, load_lexicon
from quidproquo.extract.nlp import doc_text
from quidproquo.resolve.names import looks_like_person, names_match

LEXICON = "speech_verbs.yaml"
SPEAKERS = "speakers.yaml"
SMALL_WORDS = frozenset({"a", "an", "and", "the", "of", "to", "in", "on", "for", "at", "by", "or"})
SUBJECTS = ("nsubj", "nsubjpass")
NP_MODIFIERS = ("amod", "compound", "nmod", "nummod")
NAME_PARTS = ("compound", "flat", "amod")
ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "org", "FAC": "org"}
RECENT_SENTENCES = 2
_AGE = re.compile(r"(?:(?:the|a)\s+)?\d+\s*-\s*year\s*-\s*old")  # "the 38-year-old said"
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_ACCORDING = re.compile(r"according to\s+(?:the\s+)?$", re.IGNORECASE)
# Runs of capitalised words: names NER missed ("Example Rights Monitor welcomes ...").
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|the|and)\s+)*[A-Z][\w'’.-]*)+")


@lru_cache(maxsize=8192)
def _same_name(a: str, b: str) -> bool:
    """`names_match`, remembered: every frame compares its subject with every name."""
    return names_match(a, b)


@dataclass(frozen=True)
class QuoteLexicon:
    """Speech verbs, role nouns and thresholds from lexicons/speech_verbs.yaml."""

    speech_verbs: frozenset[str]
    verb_forms: re.Pattern[str]
    introduced_role: re.Pattern[str]  # "a ... spokesman": an unnamed person enters the text
    sources: tuple[tuple[str, str], ...]
    person_roles: frozenset[str]
    org_roles: frozenset[str]
    document_nouns: frozenset[str]
    pronouns: dict[str, str]
    female_names: frozenset[str]
    male_names_in_a: frozenset[str]
    female_endings: tuple[str, ...]
    role_genders: dict[str, str]
    generic_heads: frozenset[str]
    run_openers: frozenset[str]
    scare_markers: tuple[str, ...]
    min_words: int
    short_words: int
    short_distance: int
    titles: frozenset[str]  # speakers.yaml, see its header
    leader_titles: frozenset[str]
    non_speakers: frozenset[str]
    writing_verbs: frozenset[str]
    decree_nouns: frozenset[str]
    post_nouns: frozenset[str]
    owner_prepositions: frozenset[str]
    header_nouns: frozenset[str]
    label_words: frozenset[str]
    label_length: int
    noun_phrase_openers: frozenset[str]
    back_reference_openers: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any], speakers: dict[str, Any]) -> QuoteLexicon:
        def words(key: str, source: dict[str, Any] = data, name: str = LEXICON) -> frozenset[str]:
            value = source.get(key) or []
            if not isinstance(value, list):
                raise LexiconError(f"{name}: {key!r} must be a list")
            return frozenset(str(v).lower() for v in value)

        def kinds(key: str) -> frozenset[str]:
            return words(key, speakers, SPEAKERS)

        verbs = words("speech_verbs")
        roles = words("person_roles")
        stems = sorted({v[:-1] if v.endswith("e") else v for v in verbs} | words("irregular_forms"))
        return cls(
            speech_verbs=verbs,
            verb_forms=re.compile(r"\b(?:" + "|".join(stems) + r")\w*\b", re.IGNORECASE),
            introduced_role=re.compile(
                r"\ban?\s+(?:\S+\s+){0,3}(?:" + "|".join(sorted(roles)) + r")\b", re.IGNORECASE
            ),
            sources=tuple((str(a), str(b)) for a, b in data.get("source_prepositions") or []),
            person_roles=roles,
            org_roles=words("org_roles"),
            document_nouns=words("document_nouns"),
            pronouns={str(k).lower(): str(v) for k, v in (data.get("pronouns") or {}).items()},
            female_names=words("female_given_names"),
            male_names_in_a=words("male_given_names_in_a"),
            female_endings=tuple(words("female_surname_endings")),
            role_genders={
                str(k).lower(): str(v) for k, v in (data.get("role_genders") or {}).items()
            },
            generic_heads=words("generic_heads"),
            run_openers=words("name_run_openers"),
            scare_markers=tuple(sorted(words("scare_markers"))),
            min_words=int(data.get("min_words", 2)),
            short_words=int(data.get("short_quote_words", 5)),
            short_distance=int(data.get("short_quote_distance", 4)),
            titles=kinds("title_nouns"),
            leader_titles=kinds("leader_titles"),
            non_speakers=kinds("non_speakers"),
            writing_verbs=kinds("writing_verbs"),
            decree_nouns=kinds("decree_nouns"),
            post_nouns=kinds("post_nouns"),
            owner_prepositions=kinds("owner_prepositions"),
            header_nouns=kinds("header_nouns"),
            label_words=kinds("label_prepositions"),
            label_length=int(speakers.get("label_words", 3)),
            noun_phrase_openers=kinds("noun_phrase_openers"),
            back_reference_openers=kinds("back_reference_openers"),
        )


@lru_cache(maxsize=1)
def load_speech_lexicon() -> QuoteLexicon:
    """The bundled speech-verb lexicon."""
    return QuoteLexicon.from_data(load_lexicon(LEXICON), load_lexicon(SPEAKERS))


class Bounds(Protocol):
    """Character offsets of a quoted span."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


# -- mentions and speakers -----------------------------------------------------------------


@dataclass
class Mention:
    """A name (or a description standing for one) at a place in the text."""

    name: str
    kind: str  # person, org, gpe, any
    gender: str  # male, female, any
    start: int
    sentence: int
    via: str = ""  # the speech verb that made it a speaker ("write" for posts)
    subject: bool = False  # a grammatical subject or sentence topic (pronoun salience)


@dataclass
class SpeakerState:
    """What is known so far while reading the text in order."""

    text: str
    lexicon: QuoteLexicon
    spans: Sequence[Bounds]  # quoted spans
    names: Sequence[Bounds]  # those of them that are names, not quotes
    entities: list[Mention] = field(default_factory=list)
    speakers: list[Mention] = field(default_factory=list)
    regions: dict[int, tuple[int, int]] = field(default_factory=dict)  # by first sentence

    def inside_quote(self, start: int, end: int) -> bool:
        return any(s.start <= start and end <= s.end for s in self.spans if s not in self.names)


def _gender(name: str, lexicon: QuoteLexicon) -> str:
    words = [w.lower() for w in WORD.findall(name)]
    if not words:
        return "any"
    first, last = words[0], words[-1]
    if len(words) > 1 and first in lexicon.female_names:
        return "female"
    if len(words) > 1 and first.endswith("a") and first not in lexicon.male_names_in_a:
        return "female"
    if last.endswith(lexicon.female_endings):
        return "female"
    return "male"


def _compatible(mention: Mention, kind: str, gender: str, strict: bool = False) -> bool:
    """`kind` person/org/any, or nonperson (org or place); strict: gender must be known."""
    if kind == "nonperson":
        if mention.kind == "person":
            return False
    elif kind != "any" and mention.kind not in (kind, "any"):
        return False
    if gender == "any":
        return True
    return mention.gender == gender or (not strict and mention.gender == "any")


def _name_kind(name: str, label: str | None) -> str:
    """person, org or gpe for a name, from the gazetteer, its shape and the NER label."""
    gazetteer = load_gazetteer()
    if gazetteer.country_of(name) or gazetteer.host_city(name):
        return "gpe"
    if gazetteer.government_of(name):
        return "org"
    words = name.lower().split()
    if words and words[-1] in load_speech_lexicon().org_roles:
        return "org"  # "Example Freedom Collective", whatever NER says
    if label == "PERSON" or (len(name.split()) > 1 and looks_like_person(name)):
        return "person"
    return ENTITY_KINDS.get(label or "", "org")


def entity_mentions(doc: Doc | Span, offset: int, sentence: int, state: SpeakerState) -> None:
    """Names in one region: NER entities, then capitalised runs NER missed."""
    found: list[tuple[int, int, str, str | None]] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_KINDS:
            continue
        start, surface = ent.start_char + offset, ent.text
        first, _, rest = surface.partition(" ")
        if ent.label_ == "PERSON" and len(rest.split()) >= 2 and load_gazetteer().country_of(first):
            start, surface = start + len(first) + 1, rest  # "President of Belarus Ana Varga"
        found.append((start, ent.end_char + offset, surface, ent.label_))
    for match in _CAPITALISED_RUN.finditer(doc_text(doc)):
        words = list(re.finditer(r"\S+", match.group(0)))
        while words and words[0].group(0).lower() in state.lexicon.run_openers:
            words.pop(0)
        if len(words) < 2:
            continue
        start, end = match.start() + words[0].start() + offset, match.end() + offset
        overlapping = [f for f in found if f[0] < end and start < f[1]]
        if all(f[1] - f[0] < end - start and f[3] != "PERSON" for f in overlapping):
            found = [f for f in found if f not in overlapping]  # "Coordination Headquarters
            found.append((start, end, state.text[start:end], None))  # for the Treatment of ..."
    found += [f for f in _lone_surnames(doc, offset, state) if not _overlaps(f, found)]
    for start, end, surface, label in sorted(found):
        if state.inside_quote(start, end):
            continue
        name = _without_country(_strip_possessive(surface))
        if name.lower() in state.lexicon.non_speakers:
            continue
        kind = _name_kind(name, label)
        gender = _gender(name, state.lexicon) if kind == "person" else "any"
        topic = _is_topic(doc, start - offset, state.text[offset:start])
        state.entities.append(Mention(name, kind, gender, start, sentence, subject=topic))


def _lone_surnames(
    doc: Doc | Span, offset: int, state: SpeakerState
) -> list[tuple[int, int, str, str | None]]:
    """Proper nouns the tagger left unnamed that a feminine surname ending marks as a
    person ('Tsikhanouskaya, speaking in Vilnius, welcomed ...'; speech_verbs.yaml)."""
    gazetteer = load_gazetteer()
    return [
        (t.idx + offset, t.idx + len(t) + offset, t.text, "PERSON")
        for t in doc
        if t.pos_ == "PROPN"
        and not t.ent_type_
        and len(t) >= 6
        and t.is_title
        and t.lower_.endswith(state.lexicon.female_endings)
        and not gazetteer.find(t.text)
    ]


def _overlaps(item: tuple[int, int, str, str | None], found: list[Any]) -> bool:
    return any(f[0] < item[1] and item[0] < f[1] for f in found)


def _is_topic(doc: Doc | Span, start: int, before: str) -> bool:
    """A name that is the subject of its clause (parsed) or opens its sentence (NER only)."""
    tokens = [t for t in doc if t.idx == start]
    if tokens and tokens[0].dep_:
        head = tokens[0]
        while head.dep_ in ("compound", "flat") and head.head is not head:
            head = head.head
        return head.dep_ in SUBJECTS or (head.dep_ == "appos" and head.head.dep_ in SUBJECTS)
    opening = re.split(r"[.!?]\s", before)[-1].strip(' \n"“„«')
    return not opening or (opening.endswith(",") and len(opening.split()) <= 6)


def described_subjects(doc: Doc, offset: int, sentence: int, state: SpeakerState) -> None:
    """Unnamed people introduced as subjects ('A U.S. official said', 'a Kremlin spokesman
    dismissed ...'): later pronouns and 'the official' can refer to them (DEV.md 14)."""
    added = False
    for token in doc:
        start = token.idx + offset
        if token.dep_ not in SUBJECTS or token.tag_ in ("NNS", "NNPS"):
            continue
        if state.inside_quote(start, start + len(token)) or _proper_name(token):
            continue
        if any(c.dep_ == "det" and c.lower_ not in ("a", "an") for c in token.children):
            continue  # "the spokesman" refers back to someone already introduced
        lemma = token.lemma_.lower()
        description = description_of(token)
        if description is None or lemma not in state.lexicon.person_roles:
            continue
        gender = state.lexicon.role_genders.get(lemma, "any")
        state.entities.append(Mention(description, "person", gender, start, sentence))
        added = True
    added = _described_bodies(doc, offset, sentence, state) or added
    if added:
        state.entities.sort(key=lambda m: m.start)


def _described_bodies(doc: Doc, offset: int, sentence: int, state: SpeakerState) -> bool:
    """Bodies named by a description with an owner or proper modifiers ('the press service
    of the head of state informs', 'the Belarusian foreign ministry'), so that a later
    'the press service' or 'the ministry' finds them."""
    added = False
    for token in doc:
        start = token.idx + offset
        if (
            token.pos_ not in ("NOUN", "PROPN")
            or token.lemma_.lower() not in state.lexicon.org_roles
        ):
            continue
        if state.inside_quote(start, start + len(token)):
            continue
        phrase = _speaker_phrase(token, state)
        start = doc[_np_left(token)].idx + offset
        if token.dep_ == "appos":
            continue  # "Example News, the state agency,": describes the name beside it
        modified = any(c.dep_ == "amod" for c in token.children)
        if phrase == _np_text(token) and phrase.islower() and not modified:
            continue  # "the press service": a back-reference, not a new body
        if any(m.start == start for m in state.entities):
            continue
        state.entities.append(Mention(phrase, "org", "any", start, sentence))
        added = True
    return added


def _strip_possessive(name: str) -> str:
    name = re.sub(r"(?:'s|’s|'|’)$", "", name.strip())
    return re.sub(r"^(?:the|The)\s+", "", name)


def fullest(name: str, state: SpeakerState, kind: str = "person") -> str:
    """The longest form of `name` in the text ("Lukashenko" -> "Alexander Lukashenko"; a
    body: the longest name that contains it, "the Headquarters" -> "Coordination
    Headquarters for the Treatment of Prisoners of War")."""
    best = name
    inside = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    for mention in [*state.entities, *state.speakers]:
        candidate = mention.name
        if len(candidate.split()) <= len(best.split()):
            continue
        if kind == "person":
            fits = _same_name(candidate, name)
        else:
            fits = mention.kind != "person" and inside.search(candidate) is not None
        best = candidate if fits else best
    return best


def _np_left(head: Token) -> int:
    """Index of the first modifier of a noun phrase, after its determiner or possessor."""
    left = head.i
    for child in reversed(list(head.lefts)):
        if child.right_edge.i != left - 1 or child.dep_ not in NP_MODIFIERS:
            break
        left = child.left_edge.i
    return left


def description_of(head: Token) -> str | None:
    """'A Kremlin spokesman' -> 'Kremlin spokesman', 'the Interior Ministry' -> 'Interior
    Ministry': an unnamed person or body described by a role noun (lexicon roles), without
    determiner, possessor or leading lowercase adjectives ('senior'); else None."""
    lexicon = load_speech_lexicon()
    lemma = head.lemma_.lower()
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "PERSON":
        return None
    if lemma not in lexicon.person_roles and lemma not in lexicon.org_roles:
        return None
    words = list(head.doc[_np_left(head) : head.i + 1])
    while len(words) > 1 and words[0].pos_ == "ADJ" and words[0].text.islower():
        words.pop(0)
    return head.doc[words[0].i : head.i + 1].text


def _np_text(head: Token) -> str:
    """A description without determiner or possessor: 'the press secretary' -> 'press secretary'."""
    return head.doc[_np_left(head) : head.i + 1].text


def _named_by_modifiers(head: Token, lexicon: QuoteLexicon) -> str | None:
    """'the Open Doors campaign' -> 'Open Doors': proper nouns before a generic head."""
    if head.lemma_.lower() not in lexicon.generic_heads:
        return None
    modifiers = head.doc[_np_left(head) : head.i]
    if len(modifiers) and all(t.pos_ == "PROPN" for t in modifiers):
        return modifiers.text
    return None


def _proper_name(token: Token) -> str | None:
    """The entity or run of proper nouns around `token`, if it is a name."""
    if token.ent_type_ in ENTITY_KINDS:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return _strip_possessive(ent.text)
    if token.pos_ != "PROPN":
        return None
    start = token.i
    previous = token.doc[start - 1] if start > 0 else None
    while previous is not None and previous.pos_ == "PROPN" and previous.dep_ in NAME_PARTS:
        start -= 1
        previous = token.doc[start - 1] if start > 0 else None
    return _strip_possessive(token.doc[start : token.i + 1].text)


def _kind_of(token: Token, lexicon: QuoteLexicon) -> str:
    kind = ENTITY_KINDS.get(token.ent_type_)
    if kind:
        return kind
    lemma = token.lemma_.lower()
    if lemma in lexicon.person_roles:
        return "person"
    if lemma in lexicon.org_roles or lemma in lexicon.document_nouns:
        return "org"
    return "person" if token.pos_ == "PROPN" else "any"


def resolve_subject(
    token: Token, offset: int, sentence: int, state: SpeakerState
) -> Mention | None:
    """The speaker a subject (or 'according to' object) token stands for: a person, a
    body, or a title resolved to a named person; None for anything else ('52 prisoners',
    'the agreements', a platform)."""
    start = token.idx + offset
    if token.pos_ == "PRON":
        return _pronoun_speaker(token.lower_, start, sentence, state)
    if token.like_num or token.lower_ in state.lexicon.non_speakers:
        return None
    if _AGE.fullmatch(token.doc[token.left_edge.i : token.i + 1].text.lower()):
        return _antecedent("person", "any", start, sentence, state, recent_only=False)
    title = _title_of(token, state.lexicon)
    if title is not None:
        person = _titled_person(title, start, state)
        if person is None and title in state.lexicon.leader_titles:
            person = _signer(start, state)  # "the head of state": the leader named before
        if person is not None:
            return Mention(person.name, "person", person.gender, start, sentence)
    return _named_speaker(token, offset, sentence, state) or _described_speaker(
        token, start, sentence, state
    )


def _title_of(token: Token, lexicon: QuoteLexicon) -> str | None:
    """'the President', 'head of state', 'the U.S. envoy': a title with no name in it."""
    if any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in token.children):
        return None
    if token.ent_type_ == "PERSON":
        return None
    lemma = token.lemma_.lower()
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and f"{lemma} of {objects[0].lower_}" in lexicon.titles:
                return f"{lemma} of {objects[0].lower_}"
    return lemma if lemma in lexicon.titles else None


def _titled_person(title: str, before: int, state: SpeakerState) -> Mention | None:
    """The last person the text names with `title` before `before`."""
    for mention in reversed(state.entities):
        if mention.start < before and _is_titled(mention, (title,), state):
            return mention
    return None


def _is_titled(mention: Mention, titles: Iterable[str], state: SpeakerState) -> bool:
    """The person is named with one of `titles`: 'President of Belarus Ana Varga', 'envoy
    Ana Varga', 'Ana Varga, the U.S. envoy, ...' (an apposition that ends there)."""
    if mention.kind != "person":
        return False
    text, end = state.text, mention.start + len(mention.name)
    before, after = text[max(0, mention.start - 80) : mention.start], text[end : end + 80]
    for title in titles:
        words = r"\s+".join(re.escape(w) for w in title.split())
        ahead = rf"\b{words}(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w.’'-]*)+)?\s*,?\s*$"
        closed = r"(?:\s*[,.;)]|\s+(?:who|of|for)\b)"
        behind = rf"^,\s+(?:the\s+|a\s+|an\s+)?(?:[\w.’'-]+\s+){{0,4}}?{words}{closed}"
        if re.search(ahead, before, re.I) or re.match(behind, after, re.I):
            return True
    return False


def _pronoun_speaker(
    pronoun: str, start: int, sentence: int, state: SpeakerState
) -> Mention | None:
    """he/she: the last speaker or person of that gender (known gender first); it/they/we."""
    role = state.lexicon.pronouns.get(pronoun)
    if role is None:
        return None
    if role in ("male", "female"):
        return _antecedent(
            "person", role, start, sentence, state, recent_only=False, strict=True
        ) or _antecedent("person", role, start, sentence, state, recent_only=False)
    return _antecedent(role, "any", start, sentence, state, recent_only=False)


def _named_speaker(token: Token, offset: int, sentence: int, state: SpeakerState) -> Mention | None:
    """A subject that carries a name: a quoted title, a proper noun, an apposition."""
    start = token.idx + offset
    subtree = list(token.subtree)
    lo, hi = subtree[0].idx + offset, subtree[-1].idx + len(subtree[-1]) + offset
    for name_span in state.names:  # 'The "I Want to Live" project said'
        if lo <= name_span.start and name_span.end <= hi and name_span.start < start:
            title = state.text[name_span.start : name_span.end]
            return Mention(title, "org", "any", start, sentence)
    name = _proper_name(token)
    if name is not None and _only_role_words(name, state.lexicon):
        name = None  # "the Ministry", "Headquarters": a description, not a name
    if name is None:
        for child in token.children:
            if child.dep_ == "appos" and (name := _proper_name(child)):
                token = child
                break
    if name is None:
        titled = _named_by_modifiers(token, state.lexicon)
        return Mention(titled, "org", "any", start, sentence) if titled else None
    if name.lower() in state.lexicon.non_speakers:
        return None
    known = any(m.kind == "person" and _same_name(m.name, name) for m in state.entities)
    kind = "person" if known else _name_kind(name, token.ent_type_ or None)
    if kind != "person":
        phrase = _speaker_phrase(token, state)
        name = _without_country(phrase if len(phrase) > len(name) else name)
    full = fullest(name, state, kind)
    kind = _name_kind(full, token.ent_type_ or None) if kind == "person" else kind
    gender = _gender(full, state.lexicon) if kind == "person" else "any"
    return Mention(full, kind, gender, start, sentence)


def _only_role_words(name: str, lexicon: QuoteLexicon) -> bool:
    words = [w.lower() for w in WORD.findall(name)]
    roles = lexicon.person_roles | lexicon.org_roles | lexicon.titles
    return bool(words) and all(w in roles or w.rstrip("s") in roles for w in words)


def _speaker_phrase(head: Token, state: SpeakerState) -> str:
    """A body or description at its fullest: proper possessor and modifiers, and the phrase
    saying whose it is ('Estonia's foreign ministry', 'press service of the head of
    state', 'spokesman for the Example Monitor'), without determiner or number."""
    doc = head.doc
    left = head.i
    for child in reversed(list(head.lefts)):
        if child.right_edge.i != left - 1:
            break
        named = child.pos_ == "PROPN" or child.ent_type_ in ENTITY_KINDS
        if child.dep_ == "poss" and not named:
            break
        hyphen = child.dep_ == "punct" and child.text in "-‐"
        if child.dep_ not in (*NP_MODIFIERS, "poss", "npadvmod") and not hyphen:
            break
        left = child.left_edge.i
    while left < head.i and (doc[left].dep_ in ("det", "predet") or doc[left].like_num):
        left += 1
    return _without_country(doc[left : head.i + 1].text) + _owner_suffix(head, state)


def _without_country(name: str) -> str:
    """ "Belarus's Interior Ministry" is the Interior Ministry: a country's possessive goes
    before a capitalised name, not before a description ("Estonia's foreign ministry")."""
    match = re.match(r"(.+?)(?:'s|’s|'|’)\s+(.+)$", name)
    if match is None or not load_gazetteer().country_of(match.group(1)):
        return name
    rest = match.group(2)
    capitalised = all(w[:1].isupper() or w in SMALL_WORDS for w in rest.split())
    return rest if capitalised else name


def _owner_suffix(head: Token, state: SpeakerState) -> str:
    """' of the head of state', ' in Vilnius', ' for the Example Monitor', or ''."""
    prep = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if prep is None or prep.head.i != head.i or prep.dep_ != "prep":
        return ""
    if prep.lower_ not in state.lexicon.owner_prepositions:
        return ""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    owner = _owner_phrase(objects[0], state) if objects else None
    return f" {prep.text} {owner}" if owner else ""


def _owner_phrase(obj: Token, state: SpeakerState) -> str | None:
    """The object of 'of/for/in' when it names an owner: a name, a place, a title, or a
    description of a body named earlier ('the monitor' -> 'the Example Monitor')."""
    lexicon = state.lexicon
    end = _np_end(obj)
    words = obj.doc[obj.left_edge.i : end + 1]
    if any(t.pos_ == "PROPN" or t.ent_type_ in ENTITY_KINDS for t in words):
        return words.text
    if _title_of(obj, lexicon) is not None:
        return words.text
    if obj.lemma_.lower() in lexicon.org_roles:
        named = named_with(obj.lower_, "org", obj.idx, state, offset_free=True)
        if named is not None:
            return f"the {named.name}"
    return None


def _np_end(token: Token) -> int:
    """Last index of a noun phrase: modifiers and nested 'of' phrases, no clauses."""
    end = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "amod", "case", "nmod", "pobj", "flat") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            end = max(end, _np_end(child))
    return end


def _described_speaker(
    token: Token, start: int, sentence: int, state: SpeakerState
) -> Mention | None:
    """'the agency', 'the press secretary', 'the statement'; else the description itself.
    Only role and document nouns describe speakers."""
    lexicon = state.lexicon
    lemma = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    if lemma in lexicon.document_nouns or token.lower_ in lexicon.document_nouns:
        return _document_speaker(token, start, sentence, state)
    if lemma not in lexicon.person_roles and lemma not in lexicon.org_roles:
        return None
    kind = "person" if lemma in lexicon.person_roles else "org"
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
    definite = definite and not any(  # "the presidential press service" names itself
        c.dep_ == "amod" or (c.dep_ in ("compound", "poss") and c.pos_ == "PROPN")
        for c in token.children
    )
    definite = definite and not any(c.dep_ == "prep" for c in token.rights)
    found: Mention | None = None
    if definite:
        found = _recent_with(_np_text(token).lower(), kind, start, sentence, state)
        found = found or _antecedent(kind, "any", start, sentence, state, recent_only=True)
        found = found or _apposition(token.lower_, kind, start, state)
        found = found or named_with(token.lower_, kind, start, state)
    if found:
        return Mention(found.name, found.kind, found.gender, start, sentence)
    gender = "plural" if token.tag_ in ("NNS", "NNPS") else lexicon.role_genders.get(lemma, "any")
    return Mention(_speaker_phrase(token, state), kind, gender, start, sentence)


def _document_speaker(
    token: Token, start: int, sentence: int, state: SpeakerState
) -> Mention | None:
    """Whose words a document gives: its possessor or 'statement of/from/by X'; a decree
    its signer; a post its writer; any other document the last speaker or body."""
    lexicon = state.lexicon
    offset = start - token.idx
    owners = [c for c in token.children if c.dep_ == "poss"]
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "by"):
            owners += [g for g in prep.children if g.dep_ == "pobj"]
    for owner in owners:
        found = resolve_subject(owner, offset, sentence, state)
        if found is not None:
            return found
    lemma = token.lemma_.lower()
    found = None
    if lemma in lexicon.decree_nouns:
        found = _signer(start, state)
    elif lemma in lexicon.post_nouns:
        writers = [m for m in state.speakers if m.start < start and m.via in lexicon.writing_verbs]
        found = writers[-1] if writers else None
    if found is None:
        recent = [m for m in state.speakers if m.start < start and sentence - m.sentence <= 3]
        found = recent[-1] if recent else _issuer(start, state)
    if found is None:
        return None
    return Mention(found.name, found.kind, found.gender, start, sentence)


def _signer(before: int, state: SpeakerState) -> Mention | None:
    """The person who signed a decree: in a sentence about a decree, the last person
    named with a leader's title, else the last subject; else the last titled leader."""
    lexicon = state.lexicon
    decree = re.compile(r"\b(?:" + "|".join(sorted(lexicon.decree_nouns)) + r")s?\b", re.I)
    people = [m for m in reversed(state.entities) if m.start < before and m.kind == "person"]
    about = [
        m
        for m in people
        if decree.search(state.text[slice(*state.regions.get(m.sentence, (0, 0)))])
    ]
    gazetteer = load_gazetteer()
    leaders = [
        m
        for m in people
        if _is_titled(m, lexicon.leader_titles, state) or gazetteer.is_leader(m.name)
    ]
    for found in ([m for m in about if m in leaders], [m for m in about if m.subject], leaders):
        if found:
            return found[0]
    return None


def _antecedent(
    kind: str,
    gender: str,
    before: int,
    sentence: int,
    state: SpeakerState,
    recent_only: bool,
    strict: bool = False,
) -> Mention | None:
    """A speaker of the last few sentences that fits; else (unless recent_only) the
    latest fitting named mention, a subject or sentence topic first (Andrei ... was
    jailed. The envoy Ben Ode met ... "...", he says: Andrei)."""
    older: Mention | None = None
    for speaker in reversed(state.speakers):
        if speaker.start >= before or not _compatible(speaker, kind, gender, strict):
            continue
        if sentence - speaker.sentence <= RECENT_SENTENCES:
            return speaker
        older = speaker
        break
    if recent_only:
        return None
    fitting = [
        m for m in state.entities if m.start < before and _compatible(m, kind, gender, strict)
    ]
    if not fitting:
        return older
    latest = fitting[-1]
    topics = [m for m in fitting if m.subject and latest.sentence - m.sentence <= RECENT_SENTENCES]
    mention = topics[-1] if topics and not latest.subject else latest
    return mention if older is None or mention.start > older.start else older


def _recent_with(
    words: str, kind: str, before: int, sentence: int, state: SpeakerState
) -> Mention | None:
    """A speaker, else a name, of the last few sentences that holds the description's
    words ("the service" after "citing the presidential press service")."""
    pattern = re.compile(rf"\b{re.escape(words)}\b", re.IGNORECASE)
    for mention in [*reversed(state.speakers), *reversed(state.entities)]:
        recent = mention.start < before and sentence - mention.sentence <= RECENT_SENTENCES
        fits = mention.kind == kind and mention.name.lower() != words
        if recent and fits and pattern.search(mention.name):
            return mention
    return None


def named_with(
    role: str, kind: str, before: int, state: SpeakerState, offset_free: bool = False
) -> Mention | None:
    """The last earlier speaker or name that contains the role words ('the ministry');
    `offset_free`: `before` is a token offset within its region, so look anywhere."""
    pattern = re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)
    for mention in [*reversed(state.speakers), *reversed(state.entities)]:
        fits = (offset_free or mention.start < before) and mention.kind in (kind, "any")
        if fits and pattern.search(mention.name) and mention.name.lower() != role:
            return mention
    return None


def _apposition(role: str, kind: str, before: int, state: SpeakerState) -> Mention | None:
    """A name written next to the role noun earlier: 'press secretary, Natalya Eismont'."""
    text = state.text
    for match in reversed(list(re.finditer(rf"\b{re.escape(role)}\b", text[:before], re.I))):
        for mention in state.entities:
            if mention.kind not in (kind, "any"):
                continue
            after = text[match.end() : mention.start]
            name_end = mention.start + len(mention.name)
            between = text[name_end : match.start()]
            if mention.start >= match.end() and re.fullmatch(r",?\s*", after):
                return mention
            if name_end <= match.start() and re.fullmatch(r",\s[^,.;\"“”]{0,60}", between):
                return mention
    return None


def _issuer(before: int, state: SpeakerState) -> Mention | None:
    """The organisation a document speaks for: the last one named outside 'according to'."""
    for mention in reversed(state.entities):
        preceding = state.text[max(0, mention.start - 20) : mention.start]
        if mention.start < before and mention.kind == "org" and not _ACCORDING.search(preceding):
            return mention
    return None
