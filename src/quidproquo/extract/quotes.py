"""Direct quotations and who the text credits with them (FORMAT.md, Quote).

`extract_quotes(text, sentences)` returns one `Quote` per quoted span that is speech.

1. Spans: straight or curly double quotes, paired within a paragraph; a quote left
   open at a paragraph end that the next paragraph reopens continues there (one Quote
   per paragraph piece, same speaker).
2. Speech or not: a span of capitalised words, or one followed by a generic head
   ("project", "campaign"), is a name ("I Want to Live"); a span shorter than
   `min_words` or after "so-called" is a scare quote or term. A span whose
   sentence-final punctuation sits inside the marks is speech. A short span needs a
   speech frame (a non-negated speech verb with a subject, or "according to") close
   to it in the dependency tree. A long span is speech if it has a frame or a
   "— Name" signature, or reads as a clause (capital start, finite head).
3. Speaker: the subject of the nearest speech frame (climbing advcl/conj/xcomp for
   "declaring that ..."), the object of "according to", a trailing "— Name", or, with
   no frame, the speaker of the quote just before (a continuation).
4. Resolution: pronouns go to the last speaker or named mention of the right kind and
   gender; definite descriptions ("the agency", "the press secretary", "the
   statement") to a recent speaker of that kind, a name in apposition with that noun,
   or the issuing organisation; names are then expanded to their fullest form in the
   text ("Lukashenko" -> "Alexander Lukashenko").

The parser runs only on sentences with a quote mark or a speech-verb form; the other
sentences get NER alone (names for pronoun and description antecedents). Lexicon:
lexicons/speech_verbs.yaml.
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
        stems = sorted({v[:-1] if v.endswith("e") else v for v in verbs} | {"said", "told"})
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


@dataclass
class _State:
    """What is known so far while reading the text in order."""

    text: str
    lexicon: QuoteLexicon
    spans: list[QuotedSpan]
    names: list[QuotedSpan]  # quoted spans that are names, not quotes
    entities: list[Mention] = field(default_factory=list)
    speakers: list[Mention] = field(default_factory=list)

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
    if label == "PERSON" or (len(name.split()) > 1 and looks_like_person(name)):
        return "person"
    return ENTITY_KINDS.get(label or "", "org")


def _entity_mentions(doc: Doc | Span, offset: int, sentence: int, state: _State) -> None:
    """Names in one region: NER entities, then capitalised runs NER missed."""
    found: list[tuple[int, int, str, str | None]] = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_KINDS:
            found.append((ent.start_char + offset, ent.end_char + offset, ent.text, ent.label_))
    for match in _CAPITALISED_RUN.finditer(doc.text):
        words = list(re.finditer(r"\S+", match.group(0)))
        while words and words[0].group(0).lower() in state.lexicon.run_openers:
            words.pop(0)
        if len(words) < 2:
            continue
        start, end = match.start() + words[0].start() + offset, match.end() + offset
        if not any(s < end and start < e for s, e, _, _ in found):
            found.append((start, end, state.text[start:end], None))
    for start, end, surface, label in sorted(found):
        if state.inside_quote(start, end):
            continue
        name = _strip_possessive(surface)
        kind = _name_kind(name, label)
        gender = _gender(name, state.lexicon) if kind == "person" else "any"
        state.entities.append(Mention(name, kind, gender, start, sentence))


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
    if added:
        state.entities.sort(key=lambda m: m.start)


def _strip_possessive(name: str) -> str:
    name = re.sub(r"(?:'s|’s|'|’)$", "", name.strip())
    return re.sub(r"^(?:the|The)\s+", "", name)


def _fullest(name: str, state: _State) -> str:
    """The longest form of `name` in the text ("Lukashenko" -> "Alexander Lukashenko")."""
    best = name
    for mention in state.entities:
        candidate = mention.name
        if len(candidate.split()) > len(best.split()) and names_match(candidate, name):
            best = candidate
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
    """The speaker a subject (or 'according to' object) token stands for."""
    start = token.idx + offset
    if token.pos_ == "PRON":
        return _pronoun_speaker(token.lower_, start, sentence, state)
    return _named_speaker(token, offset, sentence, state) or _described_speaker(
        token, start, sentence, state
    )


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
    if name is None:
        for child in token.children:
            if child.dep_ == "appos" and (name := _proper_name(child)):
                break
    if name is None:
        titled = _named_by_modifiers(token, state.lexicon)
        return Mention(titled, "org", "any", start, sentence) if titled else None
    full = _fullest(name, state)
    kind = _name_kind(full, token.ent_type_ or None)
    gender = _gender(full, state.lexicon) if kind == "person" else "any"
    return Mention(full, kind, gender, start, sentence)


def _described_speaker(token: Token, start: int, sentence: int, state: _State) -> Mention | None:
    """'the agency', 'the press secretary', 'the statement'; else the description itself."""
    lexicon = state.lexicon
    lemma = token.lemma_.lower()
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
    definite = definite and not any(  # "the presidential press service" names itself
        c.dep_ == "amod" or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in token.children
    )
    found: Mention | None = None
    if definite and (lemma in lexicon.person_roles or lemma in lexicon.org_roles):
        kind = "person" if lemma in lexicon.person_roles else "org"
        found = _antecedent(kind, "any", start, sentence, state, recent_only=True)
        found = found or _apposition(token.lower_, kind, start, state)
        found = found or _named_with(token.lower_, kind, start, state)
    elif definite and lemma in lexicon.document_nouns:
        found = _issuer(start, state)
    if found:
        return Mention(found.name, found.kind, found.gender, start, sentence)
    if token.pos_ in ("NOUN", "PROPN"):
        gender = "plural" if token.tag_ in ("NNS", "NNPS") else "any"
        return Mention(_np_text(token), _kind_of(token, lexicon), gender, start, sentence)
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
    latest fitting speaker or named mention."""
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
    for mention in reversed(state.entities):
        if mention.start < before and _compatible(mention, kind, gender, strict):
            return mention if older is None or mention.start > older.start else older
    return older


def _named_with(role: str, kind: str, before: int, state: _State) -> Mention | None:
    """The last earlier speaker or name that contains the role word ('the ministry')."""
    pattern = re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)
    for mention in [*reversed(state.speakers), *reversed(state.entities)]:
        fits = mention.start < before and mention.kind in (kind, "any")
        if fits and pattern.search(mention.name):
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
        subject: Token | None = None
        if token.lemma_.lower() in lexicon.speech_verbs and token.pos_ == "VERB":
            if _negated(token):
                continue
            subject = _verb_subject(token)
        elif any(token.lower_ == head for head, _ in lexicon.sources):
            subject = _source_object(token, lexicon)
        else:
            continue
        speaker = _resolve_subject(subject, offset, sentence, state) if subject else None
        if speaker is not None:
            state.speakers.append(speaker)
        frames.append(Frame(token, start, speaker))
    return frames


def _verb_subject(verb: Token) -> Token | None:
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in SUBJECTS:
                return child
        if node.dep_ not in CLIMB or node.head is node:
            return None
        node = node.head
    return None


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
    docs = _parse(nlp, [text[r.start : r.end] for r in regions], needs_parse, parsed or {})
    quotes: list[Quote] = []
    previous: Quote | None = None
    for region, doc, full_parse in zip(regions, docs, needs_parse, strict=True):
        _entity_mentions(doc, region.start, region.first_sentence, state)
        if not full_parse:
            continue
        _described_subjects(doc, region.start, region.first_sentence, state)
        frames = _frames(doc, region.start, region.first_sentence, state)
        for span in region.spans:
            quote = _quote(span, region, doc, frames, previous, state)
            if quote is not None:
                quotes.append(quote)
                previous = quote
    _fill_forward(quotes, spans)
    return quotes


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
    span: QuotedSpan,
    region: _Region,
    doc: Doc,
    frames: list[Frame],
    previous: Quote | None,
    state: _State,
) -> Quote | None:
    frame = _nearest(frames, span)
    trailing = _TRAILING_NAME.match(span.closing)
    if not _is_speech(span, region, doc, frame, trailing is not None, state):
        return None
    speaker: str | None = None
    if frame is not None and frame.speaker is not None:
        speaker = frame.speaker.name
    elif trailing:
        speaker = _fullest(trailing.group(1).strip(), state)
    elif frame is None and previous is not None and _adjacent(previous, region):
        speaker = previous.speaker
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
        return _tree_distance(head, frame.token) <= lexicon.short_distance
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


def _nearest(frames: list[Frame], span: QuotedSpan) -> Frame | None:
    def distance(frame: Frame) -> int:
        return span.start - frame.start if frame.start < span.start else frame.start - span.end

    return min(frames, key=distance, default=None)


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
