"""Direct quotations and who the text credits with them (FORMAT.md, Quote).

`extract_quotes(text, sentences)` returns one `Quote` per quoted span that is speech.

1. Spans: straight, curly or angle double quotes and curly single quotes (a "’" between
   letters is an apostrophe), paired within a paragraph; a quote left open at a
   paragraph end that the next paragraph reopens continues there (one Quote per
   paragraph piece, same speaker).
2. Speech or not: a span of capitalised words without sentence punctuation, or one
   followed by a generic head ("project"), is a name; a span shorter than `min_words`,
   after "so-called", or a short label right after a preposition or article ("jailed for
   "hooliganism"") is not speech. A span whose sentence-final punctuation sits inside
   the marks is speech. A short span needs a speech frame that governs it or is close
   to it in the dependency tree. A long span is speech if it has a frame or a "— Name"
   signature, or reads as a clause (capital start, finite head).
3. Speaker, typed (lexicons/speakers.yaml): a person, a body, or a title resolved to a
   named person; never a number, a platform or a common noun that is not a role
   ("52 prisoners", "the agreements"). Tried in order: the subject of the speech frame
   that governs the quote or is nearest (nearest subject first, climbing from
   "..., calling it" to the clause it hangs from, the noun phrase before a reporting
   tail "..., the office reported", the name after an inverted "said X"), the object
   of "according to", a trailing "— Name", a header ("Name, title, to reporters:",
   a short line above the quote), the quote just before, and for a lone quote the
   speaker of the next sentence when it refers back ("That was how X put it"), of the
   sentence before, or that sentence's subject.
4. Resolution: pronouns go to a recent speaker of the right kind and gender, else to
   the latest fitting name, a subject or sentence topic first; titles ("the President",
   "the envoy") to the person named with them ("President Ana Varga", "Ana Varga, the
   envoy,"), a leader's title to the leader; "the ministry" to the recent speaker or
   earlier body it names; documents to who stands behind them (a decree its signer, a
   post its writer, a statement its owner or the last speaker or body); bodies keep
   their owner ("Estonia's foreign ministry", "press service of the head of state");
   names are expanded to their fullest form in the text ("Lukashenko" -> "Alexander
   Lukashenko", "the Headquarters" -> the full name).

The parser runs only on sentences with a quote mark or a speech-verb form; the other
sentences get NER alone, except the one sentence before a lone quote with no speaker
(parsed for its subject). Lexicons: lexicons/speech_verbs.yaml, lexicons/speakers.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from quidproquo.extract.gazetteer import load_gazetteer
from quidproquo.extract.lexicon import LexiconError, load_lexicon
from quidproquo.extract.nlp import load_nlp
from quidproquo.extract.sentences import Sentence
from quidproquo.model import Quote
from quidproquo.resolve.names import looks_like_person, names_match

LEXICON = "speech_verbs.yaml"
SPEAKERS = "speakers.yaml"
OPENING = '"“„«'
CLOSING = '"”“»'
QUOTE_MARKS = set(OPENING + CLOSING)
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"  # curly single quotes; "’" is also an apostrophe
SMALL_WORDS = frozenset({"a", "an", "and", "the", "of", "to", "in", "on", "for", "at", "by", "or"})
SUBJECTS = ("nsubj", "nsubjpass")
NP_MODIFIERS = ("amod", "compound", "nmod", "nummod")
NAME_PARTS = ("compound", "flat", "amod")
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
CLIMB = ("advcl", "conj", "xcomp", "ccomp", "relcl", "acl")
ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "org", "FAC": "org"}
RECENT_SENTENCES = 2
_AGE = re.compile(r"(?:(?:the|a)\s+)?\d+\s*-\s*year\s*-\s*old")  # "the 38-year-old said"
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_TRAILING_NAME = re.compile(r"\s*[—–]\s*((?:[A-Z][\w.'’-]*\s?){1,4})")
_ACCORDING = re.compile(r"according to\s+(?:the\s+)?$", re.IGNORECASE)
# Runs of capitalised words: names NER missed ("Example Rights Monitor welcomes ...").
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|the|and)\s+)*[A-Z][\w'’.-]*)+")


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


# -- quoted spans --------------------------------------------------------------------------


@dataclass
class QuotedSpan:
    """The words between a pair of quote marks (offsets exclude the marks)."""

    start: int
    end: int
    continued: bool = False  # runs on into the next paragraph
    closing: str = ""  # the text right after the closing mark


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Pair quote marks paragraph by paragraph; unbalanced marks are dropped."""
    spans: list[QuotedSpan] = []
    paragraphs = list(re.finditer(r"[^\n]+", text))
    for number, para in enumerate(paragraphs):
        opened: int | None = None
        single: int | None = None  # an open curly single quote
        for i in range(para.start(), para.end()):
            ch = text[i]
            if ch == SINGLE_OPEN and opened is None and single is None:
                single = i
            elif ch == SINGLE_CLOSE and single is not None and not text[i + 1 : i + 2].isalpha():
                _add_span(text, spans, single + 1, i)  # not an apostrophe ("Minsk’s")
                single = None
            if ch not in QUOTE_MARKS or single is not None:
                continue
            if opened is None:
                if ch in OPENING or text[i + 1 : i + 2].isalnum():
                    opened = i
            elif ch in CLOSING:
                _add_span(text, spans, opened + 1, i)
                opened = None
        if opened is not None and number + 1 < len(paragraphs):
            following = paragraphs[number + 1].group(0).lstrip()
            if following[:1] in OPENING:
                _add_span(text, spans, opened + 1, para.end(), continued=True)
    return spans


def _add_span(
    text: str, spans: list[QuotedSpan], start: int, end: int, continued: bool = False
) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(QuotedSpan(start, end, continued, text[end + 1 : end + 80]))


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _is_titled_name(words: list[str]) -> bool:
    """'I Want to Live': every word but small function words is capitalised."""
    content = [w for w in words if w.lower() not in SMALL_WORDS or w[:1].isupper()]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _is_name(text: str, span: QuotedSpan, lexicon: QuoteLexicon) -> bool:
    """A quoted title or name: capitalised words, or followed by 'project', 'campaign'..."""
    if text[span.end - 1] in ",.!?;:" or re.search(r"[.!?]\s", text[span.start : span.end]):
        return False  # punctuated like speech ("Yes. Anywhere.")
    if _is_titled_name(_WORD.findall(text[span.start : span.end])):
        return True
    following = re.match(r"\s+(\w+)", span.closing)
    return following is not None and following.group(1).lower() in lexicon.generic_heads


def _ends_sentence_inside(text: str, span: QuotedSpan) -> bool:
    return text[span.end - 1 : span.end] in {".", "!", "?"}


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
class _State:
    """What is known so far while reading the text in order."""

    text: str
    lexicon: QuoteLexicon
    spans: list[QuotedSpan]
    names: list[QuotedSpan]  # quoted spans that are names, not quotes
    entities: list[Mention] = field(default_factory=list)
    speakers: list[Mention] = field(default_factory=list)
    regions: dict[int, tuple[int, int]] = field(default_factory=dict)  # by first sentence

    def inside_quote(self, start: int, end: int) -> bool:
        return any(s.start <= start and end <= s.end for s in self.spans if s not in self.names)


def _gender(name: str, lexicon: QuoteLexicon) -> str:
    words = [w.lower() for w in _WORD.findall(name)]
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


def _entity_mentions(doc: Doc | Span, offset: int, sentence: int, state: _State) -> None:
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
    for match in _CAPITALISED_RUN.finditer(doc.text):
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


def _described_subjects(doc: Doc, offset: int, sentence: int, state: _State) -> None:
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


def _described_bodies(doc: Doc, offset: int, sentence: int, state: _State) -> bool:
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
        if phrase == _np_text(token) and phrase.islower():
            continue  # "the press service": a back-reference, not a new body
        if any(m.start == start for m in state.entities):
            continue
        state.entities.append(Mention(phrase, "org", "any", start, sentence))
        added = True
    return added


def _strip_possessive(name: str) -> str:
    name = re.sub(r"(?:'s|’s|'|’)$", "", name.strip())
    return re.sub(r"^(?:the|The)\s+", "", name)


def _fullest(name: str, state: _State, kind: str = "person") -> str:
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
            fits = names_match(candidate, name)
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


def _resolve_subject(token: Token, offset: int, sentence: int, state: _State) -> Mention | None:
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


def _titled_person(title: str, before: int, state: _State) -> Mention | None:
    """The last person the text names with `title` before `before`."""
    for mention in reversed(state.entities):
        if mention.start < before and _is_titled(mention, (title,), state):
            return mention
    return None


def _is_titled(mention: Mention, titles: Iterable[str], state: _State) -> bool:
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


def _pronoun_speaker(pronoun: str, start: int, sentence: int, state: _State) -> Mention | None:
    """he/she: the last speaker or person of that gender (known gender first); it/they/we."""
    role = state.lexicon.pronouns.get(pronoun)
    if role is None:
        return None
    if role in ("male", "female"):
        return _antecedent(
            "person", role, start, sentence, state, recent_only=False, strict=True
        ) or _antecedent("person", role, start, sentence, state, recent_only=False)
    return _antecedent(role, "any", start, sentence, state, recent_only=False)


def _named_speaker(token: Token, offset: int, sentence: int, state: _State) -> Mention | None:
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
    known = [m for m in state.entities if m.kind == "person" and names_match(m.name, name)]
    kind = "person" if known else _name_kind(name, token.ent_type_ or None)
    if kind != "person":
        phrase = _speaker_phrase(token, state)
        name = _without_country(phrase if len(phrase) > len(name) else name)
    full = _fullest(name, state, kind)
    kind = _name_kind(full, token.ent_type_ or None) if kind == "person" else kind
    gender = _gender(full, state.lexicon) if kind == "person" else "any"
    return Mention(full, kind, gender, start, sentence)


def _only_role_words(name: str, lexicon: QuoteLexicon) -> bool:
    words = [w.lower() for w in _WORD.findall(name)]
    roles = lexicon.person_roles | lexicon.org_roles | lexicon.titles
    return bool(words) and all(w in roles or w.rstrip("s") in roles for w in words)


def _speaker_phrase(head: Token, state: _State) -> str:
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


def _owner_suffix(head: Token, state: _State) -> str:
    """' of the head of state', ' in Vilnius', ' for the Example Monitor', or ''."""
    prep = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if prep is None or prep.head.i != head.i or prep.dep_ != "prep":
        return ""
    if prep.lower_ not in state.lexicon.owner_prepositions:
        return ""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    owner = _owner_phrase(objects[0], state) if objects else None
    return f" {prep.text} {owner}" if owner else ""


def _owner_phrase(obj: Token, state: _State) -> str | None:
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
        named = _named_with(obj.lower_, "org", obj.idx, state, offset_free=True)
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


def _described_speaker(token: Token, start: int, sentence: int, state: _State) -> Mention | None:
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
        found = found or _named_with(token.lower_, kind, start, state)
    if found:
        return Mention(found.name, found.kind, found.gender, start, sentence)
    gender = "plural" if token.tag_ in ("NNS", "NNPS") else lexicon.role_genders.get(lemma, "any")
    return Mention(_speaker_phrase(token, state), kind, gender, start, sentence)


def _document_speaker(token: Token, start: int, sentence: int, state: _State) -> Mention | None:
    """Whose words a document gives: its possessor or 'statement of/from/by X'; a decree
    its signer; a post its writer; any other document the last speaker or body."""
    lexicon = state.lexicon
    offset = start - token.idx
    owners = [c for c in token.children if c.dep_ == "poss"]
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "by"):
            owners += [g for g in prep.children if g.dep_ == "pobj"]
    for owner in owners:
        found = _resolve_subject(owner, offset, sentence, state)
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


def _signer(before: int, state: _State) -> Mention | None:
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
    leaders = [m for m in people if _is_titled(m, lexicon.leader_titles, state)]
    for found in ([m for m in about if m in leaders], [m for m in about if m.subject], leaders):
        if found:
            return found[0]
    return None


def _antecedent(
    kind: str,
    gender: str,
    before: int,
    sentence: int,
    state: _State,
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
    words: str, kind: str, before: int, sentence: int, state: _State
) -> Mention | None:
    """A speaker of the last few sentences whose name holds the description's words."""
    pattern = re.compile(rf"\b{re.escape(words)}\b", re.IGNORECASE)
    for speaker in reversed(state.speakers):
        recent = speaker.start < before and sentence - speaker.sentence <= RECENT_SENTENCES
        if recent and speaker.kind == kind and pattern.search(speaker.name):
            return speaker
    return None


def _named_with(
    role: str, kind: str, before: int, state: _State, offset_free: bool = False
) -> Mention | None:
    """The last earlier speaker or name that contains the role words ('the ministry');
    `offset_free`: `before` is a token offset within its region, so look anywhere."""
    pattern = re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)
    for mention in [*reversed(state.speakers), *reversed(state.entities)]:
        fits = (offset_free or mention.start < before) and mention.kind in (kind, "any")
        if fits and pattern.search(mention.name) and mention.name.lower() != role:
            return mention
    return None


def _apposition(role: str, kind: str, before: int, state: _State) -> Mention | None:
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


def _issuer(before: int, state: _State) -> Mention | None:
    """The organisation a document speaks for: the last one named outside 'according to'."""
    for mention in reversed(state.entities):
        preceding = state.text[max(0, mention.start - 20) : mention.start]
        if mention.start < before and mention.kind == "org" and not _ACCORDING.search(preceding):
            return mention
    return None


# -- frames --------------------------------------------------------------------------------


@dataclass
class Frame:
    """A speech verb or source phrase with the speaker it credits."""

    token: Token
    start: int
    speaker: Mention | None


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _frames(doc: Doc, offset: int, sentence: int, state: _State) -> list[Frame]:
    lexicon = state.lexicon
    frames = []
    for token in doc:
        start = token.idx + offset
        if state.inside_quote(start, start + len(token)):
            continue
        lemma = token.lemma_.lower()
        if lemma in lexicon.speech_verbs and token.pos_ == "VERB":
            if _negated(token):
                continue
            candidates = _verb_subjects(token)
        elif any(token.lower_ == head for head, _ in lexicon.sources):
            found = _source_object(token, lexicon)
            candidates, lemma = ([found] if found is not None else []), ""
        else:
            continue
        speaker = None
        for candidate in candidates:
            speaker = _resolve_subject(candidate, offset, sentence, state)
            if speaker is not None:
                break
        if speaker is not None:
            speaker.via = lemma
            state.speakers.append(speaker)
        frames.append(Frame(token, start, speaker))
    return frames


def _verb_subjects(verb: Token) -> list[Token]:
    """Who may be speaking: the verb's subjects, nearest first, then those of the clause it
    hangs from ('..., calling it ...'; a passive subject there is a patient, skipped); with
    none, the noun after an inverted verb ('said X'). A reporting tail with no subject of
    its own ('..., the office of the envoy reported.') takes the noun phrase before it."""
    found: list[Token] = []
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    own = any(c.dep_ in SUBJECTS for c in verb.children)
    if (
        not own
        and before is not None
        and (before.pos_ in ("NOUN", "PROPN") or before.lower_ == "old")
    ):
        while before.dep_ in ("pobj", "prep", "compound") and before.head.i < before.i:
            before = before.head
        if before.pos_ in ("NOUN", "PROPN") or before.lower_ == "old":
            found.append(before)
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJECTS]
        subjects.sort(key=lambda c: abs(c.i - node.i))
        found += [c for c in subjects if node.i == verb.i or c.dep_ == "nsubj"]
        if any(c.dep_ == "nsubj" for c in subjects) or node.head.i == node.i:
            break
        if node.dep_ not in CLIMB and not (node.pos_ in ("NOUN", "PROPN") and node.i != verb.i):
            break
        node = node.head
    inverted: tuple[str, ...] = ("attr", "npadvmod", "dep", "oprd")
    if verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        inverted += ("dobj",)  # "..., informed the press office": a reporting tail
    if not found:
        found = [
            c for c in verb.rights if c.dep_ in inverted and (c.pos_ == "PROPN" or c.dep_ == "dobj")
        ]
    return found


def _source_object(token: Token, lexicon: QuoteLexicon) -> Token | None:
    wanted = {prep for head, prep in lexicon.sources if head == token.lower_}
    for child in token.children:
        if child.lower_ in wanted:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _tree_distance(a: Token, b: Token) -> int:
    path_a = [a, *a.ancestors]
    path_b = [b, *b.ancestors]
    depth_in_a = {t.i: n for n, t in enumerate(path_a)}
    for n, token in enumerate(path_b):
        if token.i in depth_in_a:
            return n + depth_in_a[token.i]
    return len(path_a) + len(path_b)


def _span_head(doc: Doc, start: int, end: int) -> Token | None:
    tokens = [t for t in doc if start <= t.idx and t.idx + len(t) <= end]
    for token in tokens:
        if not (start <= token.head.idx < end) or token.head is token:
            return token
    return tokens[0] if tokens else None


# -- the extractor -------------------------------------------------------------------------


@dataclass
class _Region:
    """Consecutive sentences joined so that no quote crosses a region boundary."""

    start: int
    end: int
    first_sentence: int
    spans: list[QuotedSpan]


def _regions(sentences: list[Sentence], spans: list[QuotedSpan]) -> list[_Region]:
    regions: list[_Region] = []
    for number, sentence in enumerate(sentences):
        crosses = regions and any(
            s.start < sentence.start < s.end for s in spans if not s.continued
        )
        if crosses:
            regions[-1].end = sentence.end
        else:
            regions.append(_Region(sentence.start, sentence.end, number, []))
    for span in spans:
        for region in regions:
            if region.start <= span.start < region.end:
                region.spans.append(span)
    return regions


def extract_quotes(
    text: str, sentences: list[Sentence], parsed: Mapping[str, Doc] | None = None
) -> list[Quote]:
    """Quotes of `text` with their speakers; `sentences` from `split_sentences(text)`.

    `parsed` maps sentence texts the caller has already parsed to their Docs, so that
    nothing is parsed twice.
    """
    spans = quoted_spans(text)
    if not spans:
        return []
    lexicon = load_speech_lexicon()
    nlp = load_nlp()
    names = [s for s in spans if _is_name(text, s, lexicon)]
    state = _State(text, lexicon, spans, names)
    regions = _regions(sentences, spans)
    needs_parse = [
        bool(r.spans)
        or bool(lexicon.verb_forms.search(text[r.start : r.end]))
        or bool(lexicon.introduced_role.search(text[r.start : r.end]))
        for r in regions
    ]
    texts = [text[r.start : r.end] for r in regions]
    docs = list(_parse(nlp, texts, needs_parse, parsed or {}))
    frames: list[list[Frame]] = []
    for region, doc, full_parse in zip(regions, docs, needs_parse, strict=True):
        state.regions[region.first_sentence] = (region.start, region.end)
        _entity_mentions(doc, region.start, region.first_sentence, state)
        if full_parse:
            _described_subjects(doc, region.start, region.first_sentence, state)
        frames.append(
            _frames(doc, region.start, region.first_sentence, state) if full_parse else []
        )
    quotes: list[Quote] = []
    previous: Quote | None = None
    for number, region in enumerate(regions):
        for span in region.spans:
            quote = _quote(span, _Context(regions, docs, frames, number), previous, state)
            if quote is not None:
                quotes.append(quote)
                previous = quote
    _fill_forward(quotes, spans)
    return quotes


@dataclass
class _Context:
    """A region of the text with its neighbours, for speakers outside the quote's sentence."""

    regions: list[_Region]
    docs: list[Doc]
    frames: list[list[Frame]]
    number: int

    @property
    def region(self) -> _Region:
        return self.regions[self.number]

    def neighbour(self, step: int) -> tuple[_Region, Doc, list[Frame]] | None:
        """The region just before (-1) or after (+1), if it holds no quote of its own."""
        other = self.number + step
        if not 0 <= other < len(self.regions) or self.regions[other].spans:
            return None
        return self.regions[other], self.docs[other], self.frames[other]


def _parse(
    nlp: Language, texts: list[str], full: list[bool], known: Mapping[str, Doc]
) -> Iterator[Doc]:
    """Full parse where asked, NER alone elsewhere, reusing `known` docs; in text order."""
    todo = [(t, f) for t, f in zip(texts, full, strict=True) if t not in known]
    parsed = iter(nlp.pipe([t for t, f in todo if f]))
    with nlp.select_pipes(enable=["ner"]):
        entities = list(nlp.pipe([t for t, f in todo if not f]))
    ner_only = iter(entities)
    for text, flag in zip(texts, full, strict=True):
        if text in known:
            yield known[text]
        else:
            yield next(parsed) if flag else next(ner_only)


def _quote(
    span: QuotedSpan, context: _Context, previous: Quote | None, state: _State
) -> Quote | None:
    region, doc = context.region, context.docs[context.number]
    head = _span_head(doc, span.start - region.start, span.end - region.start)
    frame = _nearest(context.frames[context.number], span, head)
    trailing = _TRAILING_NAME.match(span.closing)
    if not _is_speech(span, region, doc, frame, trailing is not None, state):
        return None
    speaker: str | None = None
    if frame is not None and frame.speaker is not None:
        speaker = frame.speaker.name
    elif trailing:
        speaker = _fullest(trailing.group(1).strip(), state)
    elif (header := _header_speaker(span, state)) is not None:
        speaker = header.name
    elif frame is None and previous is not None and _adjacent(previous, region):
        speaker = previous.speaker
    elif frame is None:
        found = _neighbour_speaker(context, state)
        speaker = found.name if found else None
    return Quote(
        speaker=speaker,
        text=state.text[span.start : span.end],
        start=span.start,
        end=span.end,
        sentence_start=region.start,
        sentence_end=region.end,
    )


def _is_speech(
    span: QuotedSpan,
    region: _Region,
    doc: Doc,
    frame: Frame | None,
    signed: bool,
    state: _State,
) -> bool:
    """Tell quoted speech from names, scare quotes and terms (see the module docstring)."""
    text, lexicon = state.text, state.lexicon
    words = _word_count(text[span.start : span.end])
    if span in state.names or words < lexicon.min_words or _after_scare_marker(span, state):
        return False
    if _is_label(span, words, state):
        return False
    if _ends_sentence_inside(text, span):
        return True
    head = _span_head(doc, span.start - region.start, span.end - region.start)
    if words < lexicon.short_words:
        if frame is None or frame.speaker is None or head is None:
            return False
        governed = frame.token in head.ancestors
        return governed or _tree_distance(head, frame.token) <= lexicon.short_distance
    # a long span with no frame or signature must read as a clause of its own
    return frame is not None or signed or text[span.start].isupper() or _finite(head)


def _finite(head: Token | None) -> bool:
    """The span's head is a finite verb or has its own subject or auxiliary."""
    if head is None:
        return False
    return head.tag_ in FINITE_TAGS or any(
        c.dep_ in (*SUBJECTS, "aux", "auxpass") for c in head.children
    )


def _after_scare_marker(span: QuotedSpan, state: _State) -> bool:
    """'the so-called "amnesty law"': the writer distances itself from a term."""
    before = state.text[max(0, span.start - 25) : span.start - 1].rstrip().lower()
    return before.endswith(state.lexicon.scare_markers)


def _is_label(span: QuotedSpan, words: int, state: _State) -> bool:
    """'placed on "preventive watch"', 'freed as a "goodwill step"': a label inside a
    phrase (speakers.yaml, label_prepositions and noun_phrase_openers)."""
    lexicon = state.lexicon
    before = re.search(r"(\w+)\W*$", state.text[max(0, span.start - 30) : span.start - 1])
    word = before.group(1).lower() if before else ""
    if word in lexicon.label_words and words <= lexicon.label_length:
        return True
    return word in lexicon.noun_phrase_openers and words < lexicon.short_words


def _nearest(frames: list[Frame], span: QuotedSpan, head: Token | None) -> Frame | None:
    """The closest frame that credits someone and governs the quote ('X said ... would
    'not sell its people''); else the closest crediting frame; else the closest one."""

    def distance(frame: Frame) -> int:
        return span.start - frame.start if frame.start < span.start else frame.start - span.end

    credited = [f for f in frames if f.speaker is not None]
    governing = [f for f in credited if head is not None and f.token in head.ancestors]
    return min(governing or credited or frames, key=distance, default=None)


def _header_speaker(span: QuotedSpan, state: _State) -> Mention | None:
    """A header before the quote: 'Ana Varga, the envoy, to reporters: "..."' or a
    short line without final stop above a quote that opens its paragraph ('Statement of
    the Example Ministry'); the first person or body named in it speaks."""
    text = state.text
    line_start = text.rfind("\n", 0, span.start) + 1
    before = text[line_start : span.start - 1].rstrip()
    if not before:
        end = line_start - 1
        start = text.rfind("\n", 0, max(end, 0)) + 1
        line = text[start:end].strip()
        if end <= 0 or not line or line[-1] in '.!?"”»' or len(line.split()) > 12:
            return None
    elif before.endswith(":"):
        cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "))
        start, end = line_start + (cut + 2 if cut >= 0 else 0), line_start + len(before)
    else:
        return None
    nouns = "|".join(sorted(state.lexicon.header_nouns))
    lead = re.compile(rf"^(?:{nouns})\s+(?:of|from|by)\s+(?:the\s+)?", re.IGNORECASE)
    lexicon = state.lexicon
    roles = "|".join(sorted(re.escape(r) for r in lexicon.org_roles | lexicon.person_roles))
    owned = re.compile(rf"^(?:'s|’s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{roles})\b", re.IGNORECASE)
    for mention in state.entities:
        if start <= mention.start < end and mention.kind in ("person", "org"):
            name, kind = lead.sub("", mention.name), mention.kind
            role = owned.match(text[mention.start + len(mention.name) : end])
            if role and (kind != "person" or role.group(0)[:1] in "'’"):
                name, kind = name + role.group(0), "org"  # "Ana Varga's press office:"
            return Mention(name, kind, mention.gender, span.start, mention.sentence)
    described = re.search(rf"\b({roles})\b", lead.sub("", text[start:end].strip()), re.I)
    if described is None:
        return None  # "Quote from the ministry:" -> the ministry named before
    noun = described.group(1).lower()
    kind = "person" if noun in lexicon.person_roles else "org"
    return _named_with(noun, kind, start, state)


def _neighbour_speaker(context: _Context, state: _State) -> Mention | None:
    """A quote standing alone: the speaker of the next sentence when it refers back ('That
    was how X put it'); else of the sentence before; else that sentence's subject."""
    following = context.neighbour(+1)
    if following is not None:
        region, _, frames = following
        first = re.match(r"\W*(\w+)", state.text[region.start : region.end])
        opener = first.group(1).lower() if first else ""
        credited = [f.speaker for f in frames if f.speaker is not None]
        if opener in state.lexicon.back_reference_openers and credited:
            return credited[0]
    preceding = context.neighbour(-1)
    if preceding is None:
        return None
    region, doc, frames = preceding
    credited = [f.speaker for f in frames if f.speaker is not None]
    if credited:
        return credited[-1]
    if not doc.has_annotation("DEP"):
        doc = load_nlp()(state.text[region.start : region.end])  # one sentence, parsed once
    roots = [t for t in doc if t.dep_ == "ROOT"]
    subjects = [c for r in roots for c in r.children if c.dep_ == "nsubj"]
    for subject in subjects:
        found = _resolve_subject(subject, region.start, region.first_sentence, state)
        if found is not None and found.kind == "person":
            return found
    return None


def _adjacent(previous: Quote, region: _Region) -> bool:
    """The previous quote ends in this region or the sentence just before it."""
    return previous.sentence_end is not None and region.start - previous.sentence_end <= 2


def _fill_forward(quotes: Iterable[Quote], spans: list[QuotedSpan]) -> None:
    """A paragraph piece of a continued quote takes the speaker of the piece after it."""
    continued = {s.start for s in spans if s.continued}
    ordered = list(quotes)
    for current, following in reversed(list(zip(ordered, ordered[1:], strict=False))):
        if current.speaker is None and current.start in continued:
            current.speaker = following.speaker
