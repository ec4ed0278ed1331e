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
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from quidproquo.extract.nlp import load_nlp, parse_texts
from quidproquo.extract.sentences import Sentence
from quidproquo.extract.speakers import (
    SMALL_WORDS,
    SUBJECTS,
    WORD,
    Mention,
    QuoteLexicon,
    SpeakerState,
    described_subjects,
    description_of,
    entity_mentions,
    fullest,
    load_speech_lexicon,
    named_with,
    resolve_subject,
)
from quidproquo.model import Quote

__all__ = ["description_of", "extract_quotes", "quoted_spans"]

OPENING = '"“„«'
CLOSING = '"”“»'
QUOTE_MARKS = set(OPENING + CLOSING)
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"  # curly single quotes; "’" is also an apostrophe
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
CLIMB = ("advcl", "conj", "xcomp", "ccomp", "relcl", "acl")
_TRAILING_NAME = re.compile(r"\s*[—–]\s*((?:[A-Z][\w.'’-]*\s?){1,4})")


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
    return len(WORD.findall(text))


def _is_titled_name(words: list[str]) -> bool:
    """'I Want to Live': every word but small function words is capitalised."""
    content = [w for w in words if w.lower() not in SMALL_WORDS or w[:1].isupper()]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _is_name(text: str, span: QuotedSpan, lexicon: QuoteLexicon) -> bool:
    """A quoted title or name: capitalised words, or followed by 'project', 'campaign'..."""
    if text[span.end - 1] in ",.!?;:" or re.search(r"[.!?]\s", text[span.start : span.end]):
        return False  # punctuated like speech ("Yes. Anywhere.")
    if _is_titled_name(WORD.findall(text[span.start : span.end])):
        return True
    following = re.match(r"\s+(\w+)", span.closing)
    return following is not None and following.group(1).lower() in lexicon.generic_heads


def _ends_sentence_inside(text: str, span: QuotedSpan) -> bool:
    return text[span.end - 1 : span.end] in {".", "!", "?"}


# -- frames --------------------------------------------------------------------------------


@dataclass
class Frame:
    """A speech verb or source phrase with the speaker it credits."""

    token: Token
    start: int
    speaker: Mention | None


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _frames(doc: Doc, offset: int, sentence: int, state: SpeakerState) -> list[Frame]:
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
            speaker = resolve_subject(candidate, offset, sentence, state)
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


def regions_to_parse(text: str, sentences: list[Sentence]) -> list[tuple[str, bool]]:
    """The texts `extract_quotes` reads, each with True if it needs a full parse (else NER
    alone): a caller parsing many texts can parse them in one batch and pass them in."""
    spans = quoted_spans(text)
    if not spans:
        return []
    regions, needs_parse = _plan(text, sentences, spans, load_speech_lexicon())
    return [(text[r.start : r.end], full) for r, full in zip(regions, needs_parse, strict=True)]


def _plan(
    text: str, sentences: list[Sentence], spans: list[QuotedSpan], lexicon: QuoteLexicon
) -> tuple[list[_Region], list[bool]]:
    regions = _regions(sentences, spans)
    needs_parse = [
        bool(r.spans)
        or bool(lexicon.verb_forms.search(text[r.start : r.end]))
        or bool(lexicon.introduced_role.search(text[r.start : r.end]))
        for r in regions
    ]
    return regions, needs_parse


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
    state = SpeakerState(text, lexicon, spans, names)
    regions, needs_parse = _plan(text, sentences, spans, lexicon)
    texts = [text[r.start : r.end] for r in regions]
    docs = list(_parse(nlp, texts, needs_parse, parsed or {}))
    frames: list[list[Frame]] = []
    for region, doc, full_parse in zip(regions, docs, needs_parse, strict=True):
        state.regions[region.first_sentence] = (region.start, region.end)
        entity_mentions(doc, region.start, region.first_sentence, state)
        if full_parse:
            described_subjects(doc, region.start, region.first_sentence, state)
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
    parsed = parse_texts(nlp, [t for t, f in todo if f])
    entities: list[Doc] = []
    if not all(f for _, f in todo):  # the caller may have parsed everything
        with nlp.select_pipes(enable=["ner"]):
            entities = list(parse_texts(nlp, [t for t, f in todo if not f]))
    ner_only = iter(entities)
    for text, flag in zip(texts, full, strict=True):
        if text in known:
            yield known[text]
        else:
            yield next(parsed) if flag else next(ner_only)


def _quote(
    span: QuotedSpan, context: _Context, previous: Quote | None, state: SpeakerState
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
        speaker = fullest(trailing.group(1).strip(), state)
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
    state: SpeakerState,
) -> bool:
    """Tell quoted speech from names, scare quotes and terms (see the module docstring)."""
    text, lexicon = state.text, state.lexicon
    words = _word_count(text[span.start : span.end])
    if span in state.names or words < lexicon.min_words or _after_scare_marker(span, state):
        return False
    head = _span_head(doc, span.start - region.start, span.end - region.start)
    if _is_label(span, words, head, state):
        return False
    if _ends_sentence_inside(text, span):
        return True
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


def _after_scare_marker(span: QuotedSpan, state: SpeakerState) -> bool:
    """'the so-called "amnesty law"': the writer distances itself from a term."""
    before = state.text[max(0, span.start - 25) : span.start - 1].rstrip().lower()
    return before.endswith(state.lexicon.scare_markers)


def _is_label(span: QuotedSpan, words: int, head: Token | None, state: SpeakerState) -> bool:
    """'placed on "preventive watch"', 'freed as a "goodwill step"': a label inside a
    phrase (speakers.yaml, label_prepositions and noun_phrase_openers)."""
    lexicon = state.lexicon
    if head is not None and head.pos_ == "ADJ":
        return False  # "described the talks as "very productive"": a judgement, not a label
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


def _header_speaker(span: QuotedSpan, state: SpeakerState) -> Mention | None:
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
    return named_with(noun, kind, start, state)


def _neighbour_speaker(context: _Context, state: SpeakerState) -> Mention | None:
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
        found = resolve_subject(subject, region.start, region.first_sentence, state)
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
