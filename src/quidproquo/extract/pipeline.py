"""The extraction cascade: its cost follows relevance.

1. Raw text (extract/gate.py): a text with nothing on the subject stops here; one compiled
   expression finds every trigger form.
2. Sentences: split without a parser; only those with a trigger form go through the
   per-type prefilter (`TriggerLexicon.candidate_types`).
3. Parse: only candidate sentences get the full pipeline; quotes reuse those parses
   (extract/quotes.py parses its own regions, NER alone where a parse is not needed).
4. Rules on parsed sentences: frames, modality, dates.

`Extractor` loads the spaCy model and the lexicons once; `extract(text, published)`
returns the events and quotes of one text. `extract_many` batches the parser
over the candidate sentences and quote regions of many texts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from quidproquo.extract.chunks import extract_chunked
from quidproquo.extract.counts import find_counts, sum_parts
from quidproquo.extract.dates import (
    DateMention,
    find_dates,
    forward,
    freed_group_words,
    reference_date,
    resolve_relative_to_event,
    respective_dates,
)
from quidproquo.extract.discourse import Discourse, fullest, load_roles
from quidproquo.extract.frames import (
    FrameFiller,
    SentenceView,
    Slots,
    back_reference,
    clause_tokens,
    counted,
    entity_text,
    frame_words,
    group_member,
    names_members,
    pair_respectively,
    quoted_name,
    same_person,
    subject_of,
)
from quidproquo.extract.gate import Gate, load_gate
from quidproquo.extract.gazetteer import Gazetteer, load_gazetteer
from quidproquo.extract.learned import CandidateFilter, load_filter
from quidproquo.extract.modality import Modality, load_modality
from quidproquo.extract.nlp import doc_text, load_nlp
from quidproquo.extract.quotes import extract_quotes, regions_to_parse
from quidproquo.extract.sanctions import (
    SanctionsLexicon,
    acts_on_measure,
    coordinated_subjects,
    load_sanctions,
    measure_owners,
    party_head,
    sanctioned_parties,
)
from quidproquo.extract.sentences import (
    Sentence,
    dateline_end,
    is_boilerplate,
    readable,
    split_sentences,
)
from quidproquo.extract.triggers import Trigger, TriggerLexicon, load_triggers
from quidproquo.extract.visits import (
    VisitLexicon,
    counterparts,
    dateline_city,
    during_a_trip,
    load_visits,
    of_country,
    own_title,
    titled,
    told_remotely,
    visitors,
)
from quidproquo.model import Event, Extraction
from quidproquo.resolve.names import looks_like_person
from quidproquo.validate import plausible_date

YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
# Types whose dateless mention inherits the running event date of the text.
INHERITING = frozenset(
    {"release", "deportation", "visit", "sanctions_eased", "exchange", "denial", "detention"}
)
GROUP_TYPES = frozenset({"release", "deportation"})  # events that move a group of people
# Sentences per model batch: 256 parse about a fifth faster than spaCy's default of 1,000
# (smaller arrays; the parsers take them in quarters, sorted by length).
PARSE_BATCH = 256
CLAIM_WORDS = frozenset({"say", "claim", "tell", "according", "report", "allege", "insist"})


def parse_published(published: str | dt.date | None) -> dt.date | None:
    """The reference date from an ISO date or date-time string (or None); a date outside the
    plausible range (validate.plausible_date, e.g. year 1) anchors nothing."""
    if published is None or published == "":
        return None
    if isinstance(published, dt.date):
        day = published if not isinstance(published, dt.datetime) else published.date()
        return plausible_date(day)
    try:
        return plausible_date(dt.date.fromisoformat(published[:10]))
    except ValueError as exc:
        raise ValueError(f"published: not an ISO date: {published!r}") from exc


@dataclass
class DocumentState:
    """What earlier sentences of a text tell later ones."""

    published: dt.date | None
    year_hint: int | None = None
    event_dates: tuple[dt.date | None, dt.date | None] = (None, None)
    day_told: dt.date | None = None  # the last happening dated to the day by its own words
    released_on: tuple[dt.date | None, dt.date | None] = (None, None)  # the last release told
    count_source: str | None = None
    sanctions_actor: str | None = None
    eased_target: tuple[str | None, str | None] | None = None  # (actor, party) relieved last
    last_person: str | None = None
    persons: list[str] = field(default_factory=list)
    claim_dates: tuple[dt.date | None, dt.date | None] = (None, None)
    seen_types: set[str] = field(default_factory=set)
    visited: set[str] = field(default_factory=set)
    envoys: dict[str, str] = field(default_factory=dict)  # surname -> full name
    group_type: str | None = None  # type of the last release or deportation told
    host: str | None = None  # the holding state's city of the dateline: where meetings are
    last_envoy: str | None = None  # "he would travel to Minsk again": the envoy named last
    deported_to: str | None = None  # where the text's last deportation sent people
    swap_told: bool = False  # an exchange was asserted: "the swap was announced ..." refers to it
    detention_dates: tuple[dt.date | None, dt.date | None] = (None, None)  # last dated arrest
    discourse: Discourse | None = None  # people named so far and their roles


class LazyDates:
    """The date mentions of a sentence, found on first use (most candidates need none)."""

    def __init__(self, text: str, published: dt.date | None, year_hint: int | None) -> None:
        self.args = (text, published, year_hint)
        self.found: list[DateMention] | None = None

    def __iter__(self) -> Iterator[DateMention]:
        if self.found is None:
            self.found = find_dates(*self.args)
        return iter(self.found)


@dataclass
class Prepared:
    """A text after the raw-text stages, before parsing."""

    text: str  # readable(original): what is split and parsed
    published: dt.date | None
    sentences: list[Sentence] = field(default_factory=list)
    content: list[Sentence] = field(default_factory=list)  # without boilerplate
    candidates: list[Sentence] = field(default_factory=list)  # to parse
    quote_regions: list[tuple[str, bool]] = field(default_factory=list)  # (text, full parse)
    on_subject: bool = True
    original: str = ""  # the text as given, when readable() changed it


class Extractor:
    """Holds the model and lexicons; call `extract` per text.

    With `subject_gate` (the default), a text with nothing on the subject (lexicons/
    subject.yaml, extract/gate.py) is not parsed at all: no events, no quotes. Without
    it, every text with a trigger form is searched for events and every text for quotes.
    With `learned`, the trained filter (extract/learned/) drops the events it scores unlikely.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        with_quotes: bool = True,
        subject_gate: bool = True,
        learned: bool = False,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.with_quotes = with_quotes
        self.subject_gate = subject_gate
        self.gate: Gate = load_gate()
        self.lexicon: TriggerLexicon = load_triggers()
        self.gazetteer: Gazetteer = load_gazetteer()
        self.modality: Modality = load_modality()
        self.filler = FrameFiller(self.gazetteer, self.lexicon)
        self.visit_lexicon: VisitLexicon = load_visits()
        self.sanctions_lexicon: SanctionsLexicon = load_sanctions()
        self.learned: CandidateFilter | None = load_filter(self.lexicon) if learned else None

    # -- public surface ---------------------------------------------------------

    def extract(self, text: str, published: str | dt.date | None = None) -> Extraction:
        """Events and quotes stated in `text`; `published` anchors relative dates."""
        return next(self.extract_many([(text, published)]))

    def extract_many(
        self, items: Iterable[tuple[str, str | dt.date | None]], batch_size: int = 64
    ) -> Iterator[Extraction]:
        """Extract from many texts, in order.

        A long text is read in chunks (extract/chunks.py) so time stays linear in its length.
        Texts wait until what they need parsed fills a parser batch (4 x `batch_size`
        sentences) or 16 x `batch_size` texts wait: in a stream where few texts are on the
        subject, the parser still gets full batches.
        """
        return extract_chunked(lambda pieces: self._batched(pieces, batch_size), items)

    def _batched(
        self, items: Iterable[tuple[str, str | dt.date | None]], batch_size: int
    ) -> Iterator[Extraction]:
        pending: list[Prepared] = []
        waiting = 0
        for text, published in items:
            prepared = self._prepare(text, published)
            pending.append(prepared)
            waiting += len(prepared.candidates) + len(prepared.quote_regions)
            if waiting >= 4 * batch_size or len(pending) >= 16 * batch_size:
                yield from self._finish(pending)
                pending, waiting = [], 0
        if pending:
            yield from self._finish(pending)

    def _finish(self, prepared: list[Prepared]) -> list[Extraction]:
        """Parse what the prepared texts need, in one batch, and run the rules."""
        full, ner = [], []  # in the order they are read back below
        for p in prepared:
            full += [s.text for s in p.candidates] + [t for t, whole in p.quote_regions if whole]
            ner += [t for t, whole in p.quote_regions if not whole]
        docs = iter(self.nlp.pipe(full, batch_size=PARSE_BATCH))
        with self.nlp.select_pipes(enable=["ner"]):
            ner_docs = iter(list(self.nlp.pipe(ner, batch_size=PARSE_BATCH)))
        results = []
        for p in prepared:
            parsed = {s.start: next(docs) for s in p.candidates}
            host = self._dateline_host(p.text)
            events = self._events(p.content, parsed, p.published, host) if parsed else []
            quotes = []
            if self.with_quotes and p.on_subject:
                known = {s.text: parsed[s.start] for s in p.candidates}
                for region, whole in p.quote_regions:
                    known[region] = next(docs) if whole else next(ner_docs)
                quotes = extract_quotes(p.text, p.sentences, known)
            found = Extraction(events=events, quotes=quotes)
            results.append(verbatim(found, p.original) if p.original else found)
        return results

    def _prepare(self, text: str, published: str | dt.date | None) -> Prepared:
        """The raw-text stages: the subject gate, sentences, the trigger prefilter."""
        if not isinstance(text, str):
            raise TypeError(f"extract expects text as str, got {type(text).__name__}")
        original, text = text, readable(text)
        original = original if original != text else ""
        day = parse_published(published)
        if self.subject_gate and not self.gate.on_subject(text):
            return Prepared(text, day, on_subject=False, original=original)
        day = reference_date(text, day)  # dateline outranks stamp
        members = self.lexicon.names_members(text)
        if not (members or self.with_quotes or self.gate.triggers.search(text)):
            return Prepared(text, day, original=original)
        sentences = split_sentences(text)
        content = [s for s in sentences if not is_boilerplate(s)]
        words = self.gate.trigger_words(text, content)
        candidates = [
            s
            for s in content
            if (s.start in words and self.lexicon.candidate_types(s.text, words[s.start]))
            or (members and self.lexicon.names_members(s.text))
        ]
        regions: dict[str, bool] = {}  # quote regions not parsed for events: same batch
        if self.with_quotes:
            parsed = {s.text for s in candidates}
            for region, whole in regions_to_parse(text, sentences):
                if region not in parsed:
                    regions[region] = regions.get(region, False) or whole
        return Prepared(
            text, day, sentences, content, candidates, list(regions.items()), original=original
        )

    # -- per text -----------------------------------------------------------------

    def _dateline_host(self, text: str) -> str | None:
        city = dateline_city(text)
        return (
            city
            if city and self.gazetteer.cities.get(city) == self.gazetteer.holding_state
            else None
        )

    def _events(
        self,
        content: list[Sentence],
        parsed: dict[int, Doc],
        published: dt.date | None,
        host: str | None = None,
    ) -> list[Event]:
        discourse = Discourse(self.gazetteer)
        state = DocumentState(published, host=host, discourse=discourse)
        state.envoys = {name.split()[-1]: name for name in self.gazetteer.envoys}
        events: list[Event] = []
        previous_denial: int | None = None
        for sentence in content:
            year = YEAR.search(sentence.text)
            if year and published is None:  # else an undated month is the latest before `published`
                state.year_hint = int(year.group(1))
            source = self.gazetteer.count_source(sentence.text)
            doc = parsed.get(sentence.start)
            if doc is None:
                if source:
                    state.count_source = source
                discourse.read_text(sentence.text)
                self._remember_unparsed(sentence.text, discourse, state)
                continue
            discourse.retag(doc)
            discourse.read(doc)
            dates = LazyDates(sentence.text, published, state.year_hint)
            slots = self._sentence_slots(doc, dates, state)
            if source:
                state.count_source = source
            new = [self._event(s, sentence) for s in slots]
            has_denial = any(e.type == "denial" for e in new)
            # "X rejected that account. Y said no such exchange took place": one denial, told
            # by the second sentence; a denial with an object of its own stays
            if has_denial and previous_denial is not None and self._vague_denial(
                parsed[previous_denial]
            ):
                events = [
                    e
                    for e in events
                    if not (e.type == "denial" and e.sentence_start == previous_denial)
                ]
            previous_denial = sentence.start if has_denial else None
            events.extend(new)
            self._remember_visitors(new, state)
            self._remember_people(doc, state)
        if self.learned is not None:
            events = self.learned.select(events, parsed, published)
        return events

    def _vague_denial(self, doc: Doc) -> bool:
        """A denial whose object only points back ('rejected that account', 'denied it')."""
        for token in doc:
            if not any(t.type == "denial" for t in self.lexicon.match(token)):
                continue
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                if obj.pos_ == "PRON" or any(
                    c.dep_ == "det" and c.lower_ in frame_words().pointing_determiners
                    for c in obj.children
                ):
                    return True
        return False

    @staticmethod
    def _remember_visitors(events: list[Event], state: DocumentState) -> None:
        """Who visited is an envoy for the rest of the text ("Norway's envoy ..., A. Holm,
        met ... in Minsk. Holm also visited ..."), never the person a description means."""
        for event in events:
            if event.type == "visit" and event.actor and looks_like_person(event.actor):
                state.envoys[event.actor.split()[-1]] = event.actor
                state.last_envoy = event.actor

    def _remember_unparsed(self, text: str, discourse: Discourse, state: DocumentState) -> None:
        """People named in a sentence that was not parsed, for a later "he" or "the
        61-year-old"; the first named (most often the subject) is remembered last, an
        envoy by a title in the words before the name."""
        for start, name in reversed(discourse.names_in_text(text)):
            state.persons.append(name)
            title = {w.strip(",").lower() for w in text[:start].split()[-4:]}
            if self.gazetteer.is_envoy(name) or title & self.gazetteer.envoy_titles:
                state.envoys[name.split()[-1]] = self.full_name(name, state)
                state.last_envoy = state.envoys[name.split()[-1]]
            else:
                state.last_person = self.full_name(name, state)

    def _remember_people(self, doc: Doc, state: DocumentState) -> None:
        # a pronoun in the next sentence most likely takes up the subject: people named as
        # subjects are remembered last ("X, the husband of Y, was freed. He ...": X)
        ents = sorted(doc.ents, key=lambda e: e.root.dep_ in ("nsubj", "nsubjpass"))
        for ent in ents:
            if (
                ent.label_ == "PERSON"
                and ent.text[:1].isupper()
                and not self.gazetteer.is_leader(ent.text)
            ):
                state.persons.append(ent.text)
                known = state.envoys.get(ent.text.split()[-1]) == self.full_name(ent.text, state)
                if not (known or self.filler.is_envoy(ent)):
                    state.last_person = self.full_name(ent.text, state)
                else:
                    state.envoys[ent.text.split()[-1]] = self.full_name(ent.text, state)
                    state.last_envoy = state.envoys[ent.text.split()[-1]]

    @staticmethod
    def full_name(name: str, state: DocumentState) -> str:
        """The fullest form of a name seen so far in the text (a surname alone -> full name)."""
        return fullest(name, state.persons)

    @staticmethod
    def _event(slot: Slots, sentence: Sentence) -> Event:
        return Event(
            type=slot.type,
            date_min=slot.date_min.isoformat() if slot.date_min else None,
            date_max=slot.date_max.isoformat() if slot.date_max else None,
            count=slot.count,
            count_qualifier=slot.count_qualifier,
            actor=slot.actor,
            target=slot.target,
            persons=slot.persons,
            destination=slot.destination,
            modality=slot.modality,
            evidence=sentence.text,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            instrument=slot.instrument,
        )

    # -- per sentence ---------------------------------------------------------------

    def _sentence_slots(
        self, doc: Doc, dates: Iterable[DateMention], state: DocumentState
    ) -> list[Slots]:
        text = doc_text(doc)
        view = SentenceView(doc, sum_parts(find_counts(text), text), self.gazetteer.find(text))
        triggers = [t for token in doc for t in self.lexicon.match(token)]
        trigger_tokens = {t.token.i for t in triggers}
        slots: list[Slots] = []
        for trig in triggers:
            for slot in self._trigger_slots(trig, view, trigger_tokens, state):
                self._date(slot, trig, view, dates, state)
                slots.append(slot)
        date_refusals_by_release(slots)
        pair_respectively(slots, dates, text)
        if state.group_type and not any(s.type in GROUP_TYPES for s in slots):
            slots.extend(self._members(view, dates, state))
        merged = [s for s in merge_same_sentence(slots) if not self._repeated_denial(s, doc, state)]
        merged = respectively(merged, respective_dates(text, dates))
        for slot in merged:  # sanctions on no party at all: the programme's country
            if slot.type == "sanctions_eased" and slot.target is None and state.eased_target:
                actor, target = state.eased_target  # "authorised dealings with the company"
                slot.target = target if slot.actor in (None, actor) else None
            if (
                slot.type.startswith("sanctions")
                and slot.target is None
                and party_head(doc[slot.trigger], self.sanctions_lexicon) is None
            ):
                slot.target = self.gazetteer.default_sanctioned
        kept = [s for s in merged if self._keep(s, doc, state)]
        eased = {(s.actor, s.target) for s in kept if s.type == "sanctions_eased"}
        if eased:  # one party named as relieved: later sentences may point back to it
            one = len(eased) == 1 and next(iter(eased))[1] != self.gazetteer.default_sanctioned
            state.eased_target = next(iter(eased)) if one else None
        for slot in kept:
            state.seen_types.add(slot.type)
            if slot.own_date and not slot.background and slot.date_min == slot.date_max:
                state.day_told = slot.date_min
            if slot.type == "release" and slot.own_date and not self._cumulative(slot):
                state.released_on = (slot.date_min, slot.date_max)
            if slot.type == "visit" and slot.actor:
                state.visited.add(slot.actor.split()[-1])
            if (
                slot.type
                in ("release", "deportation", "visit", "sanctions_eased", "sanctions_imposed")
                and slot.date_min
                and not self._cumulative(slot)
                and not slot.background
            ):
                state.event_dates = (slot.date_min, slot.date_max)
            if slot.type in GROUP_TYPES:
                state.group_type = slot.type
            if slot.type == "detention" and slot.own_date and slot.date_min:
                state.detention_dates = (slot.date_min, slot.date_max)
            if slot.type == "exchange" and slot.modality == "asserted":
                state.swap_told = True
            if slot.type == "deportation" and slot.destination and slot.modality != "refused":
                state.deported_to = slot.destination
            if slot.type.startswith("sanctions") and slot.actor:
                state.sanctions_actor = slot.actor
            if slot.type == "release" and slot.actor and state.discourse is not None:
                state.discourse.note_releaser(slot.actor)
        return kept

    @staticmethod
    def _repeated_denial(slot: Slots, doc: Doc, state: DocumentState) -> bool:
        """'the agency said': a denial by a body already named adds nothing; 'a spokesman
        called it fabricated' is a new party denying (an indefinite subject)."""
        subject = subject_of(doc[slot.trigger])
        new_party = subject is not None and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children
        )
        return (
            slot.type == "denial"
            and bool(slot.actor)
            and str(slot.actor)[:1].islower()
            and "denial" in state.seen_types
            and not new_party
        )

    @staticmethod
    def _cumulative(slot: Slots) -> bool:
        return bool(slot.date_min and slot.date_max and (slot.date_max - slot.date_min).days > 31)

    def _keep(self, slot: Slots, doc: Doc, state: DocumentState) -> bool:
        """Drop back-references that add nothing to an event already told."""
        token = doc[slot.trigger]
        if slot.type == "exchange" and state.swap_told:
            # "the swap was announced ...", "released N in return": the swap told before,
            # unless it is another one ("carried out another exchange") or has a day of its own
            fresh = any(c.lower_ in frame_words().fresh_swap_words for c in token.children)
            named = any(p.split()[-1] in doc_text(doc) for p in slot.persons)  # not taken up
            return named or fresh or self._own_date(token)
        if slot.type == "prisoner_count" and slot.date_min is None and token.lower_ == "from":
            return False  # "down from 1,260" with no date: no figure of its own
        if slot.type in ("release", "deportation", "detention") and not slot.adds_something():
            if back_reference(token):
                return False  # "the pardoned include citizens of several states"
            if token.pos_ in ("NOUN", "PROPN") and slot.date_min is None:
                return False
            if token.pos_ in ("NOUN", "PROPN") and not self._own_date(token):
                return False
            if token.dep_ in ("acl", "amod"):
                return False
            if slot.anaphoric and slot.type in state.seen_types:
                return False
        return True

    @staticmethod
    def _date_from_main_clause(
        slot: Slots,
        mention: DateMention,
        clause: Token,
        view: SentenceView,
        dates: Iterable[DateMention],
        published: dt.date | None = None,
    ) -> bool:
        """Date an event of 'N days after/before <clause>' from the main clause's own date;
        a main clause in the present with no date is told as of `published` ("three days
        after X freed 250, the cost is becoming clear")."""
        main = clause_tokens(clause.head)
        anchors = [
            (other.date_min, other.date_max)
            for other in dates
            if not other.anchor_relative and other.date_min and other.date_max
            if any(t.i in main for t in view.tokens_of(other.start, other.end))
        ]
        subordinate = clause_tokens(clause)
        dated = any(  # "two months after he refused, following his release in September"
            not other.anchor_relative
            and any(t.i in subordinate for t in view.tokens_of(other.start, other.end))
            for other in dates
        )
        if not anchors and not dated and published and present_tense(clause.head):
            anchors = [(published, published)]
        if not anchors:
            return False
        low, high = mention.offset_min_days or 0, mention.offset_max_days or 0
        slot.date_min = anchors[0][0] - dt.timedelta(days=high)
        slot.date_max = anchors[0][1] - dt.timedelta(days=low)
        slot.background = True
        return True

    def _jailed_clause(self, token: Token, trigger: Token) -> bool:
        """`token` sits in a detention clause on a noun (or an adverbial one: 'A and B,
        both held since 2022') that does not hold the trigger."""
        adverbial = (
            a for a in token.ancestors if a.dep_ == "advcl" and trigger not in list(a.subtree)
        )
        return any(
            any(t.type == "detention" for t in self.lexicon.match(a))
            for a in [*clauses_apart(token, trigger), *adverbial]
        )

    @staticmethod
    def _own_date(token: Token) -> bool:
        return any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree if t.i != token.i)

    def _trigger_slots(
        self, trig: Trigger, view: SentenceView, trigger_tokens: set[int], state: DocumentState
    ) -> list[Slots]:
        modality = self.modality.judge(trig)
        token = trig.token
        if trig.type == "exchange":
            return self._exchange(trig, modality, view, state)
        if trig.spec.as_refusal and modality == "asserted":
            modality = "refused"  # "stayed in the neutral zone for hours": did not cross
        if modality is None or (trig.spec.refused_only and modality != "refused"):
            return []
        if modality == "refused":
            if trig.type == "release" and token.lemma_ in self.modality.refused_departure_verbs:
                trig = Trigger(
                    token, trig.spec.__class__(**{**trig.spec.__dict__, "type": "deportation"})
                )
            elif trig.type != "deportation":
                return []
        if trig.type == "visit":
            return self._visits(trig, modality, view, state)
        slots = self.filler.fill(trig, modality, view, state.discourse)
        moving = self.filler.conveys(token) or token.lemma_ in self.lexicon.arrival_verbs
        if trig.spec.moves_on or (trig.type == "release" and moving):
            if self._moved_on(token, slots, state):
                for slot in slots:
                    slot.type = "deportation"
            elif trig.spec.moves_on:
                return []
        if modality == "refused":
            for slot in slots:
                slot.actor = None  # who refused to go is the one they tried to expel
        if trig.type.startswith("sanctions"):
            slots = self._sanctions(trig, slots, state)
        for slot in slots:
            self._resolve_people(slot, token, view, state)
            if trig.type == "prisoner_count":
                self._prisoner_count(slot, trig, view, state)
        if trig.type == "prisoner_count":
            # "several hundred are still held": a figure with no count of its own (DEV.md 3)
            vague = trig.spec.needs_number_subject
            slots = [s for s in slots if s.count is not None or vague or self._remains(token)]
            slots += [e for s in slots for e in self._earlier_figures(s, token, view)]
        return slots

    def _moved_on(self, token: Token, slots: list[Slots], state: DocumentState) -> bool:
        """Deportees moved on from the state they were expelled to stay deported (DEV.md 10):
        people described as deported, or a group told before when the text's last
        deportation went elsewhere ('they will be transported to Poland')."""
        if self.filler.moves_deportees(token):
            return True
        return (
            state.deported_to is not None
            and self.filler.group_told_before(token)
            and all(s.destination not in (None, state.deported_to) for s in slots)
        )

    def _earlier_figures(self, slot: Slots, token: Token, view: SentenceView) -> list[Slots]:
        """'stood at 1,205, down from 1,260 a month earlier': the earlier figure is a count of
        its own, dated by its own phrase (the trigger is its 'from')."""
        found = []
        for word in earlier_figure_words(token, self.lexicon.change_words):
            counts = self.filler.counts_for(view, {t.i for t in word.subtree})
            if counts and counts[0].value != slot.count:
                earlier = Slots(**{**slot.__dict__, "persons": [], "trigger": word.i})
                earlier.count, earlier.count_qualifier = counts[0].value, counts[0].qualifier
                found.append(earlier)
        return found

    def _sanctions(self, trig: Trigger, slots: list[Slots], state: DocumentState) -> list[Slots]:
        """Actors (each coordinated government), parties named by their phrase, instrument."""
        token = trig.token
        if trig.type == "sanctions_eased" and not acts_on_measure(token, self.sanctions_lexicon):
            return []  # "repression has eased", "tensions eased after the talks"
        if token.dep_ in ("acl", "amod") and token.tag_ == "VBN" and not self._own_date(token):
            return []  # "the restrictions imposed on the economy": a description, no event
        if token.pos_ in ("ADP", "ADV") and not self._own_date(token.head):
            return []  # "a sector still under sanctions": a state; "... since 2021" dates it
        governments = [
            gov
            for subject in coordinated_subjects(subject_of(token))
            if (gov := self.filler.government(subject))
        ]
        owners = [
            gov
            for m in measure_owners(token)
            if (
                gov := self.gazetteer.country_of_adjective(m.text)
                or self.gazetteer.government_of(m.text)
            )
            # "Belarus General License 11": the programme's country, not who issues it
            and not (
                gov == self.gazetteer.default_sanctioned and instrument_of(doc_text(token.doc))
            )
        ]
        parties = sanctioned_parties(token, named_only=trig.type == "sanctions_eased")
        # "will be lifted if relations improve": a condition on the act itself makes it an
        # offer when a party is named as acting, and nothing at all otherwise (FORMAT.md)
        conditioned = any(
            c.dep_ == "advcl"
            and any(
                m.dep_ == "mark" and m.lower_ in self.modality.conditional_marks for m in c.children
            )
            for c in token.children
        )
        out = []
        for slot in slots:
            if conditioned and not (governments or owners or slot.actor):
                continue
            if conditioned:
                slot.modality = "proposed"
            if slot.type == "sanctions_eased":  # instruments of relief; an addition has none
                slot.instrument = instrument_of(doc_text(token.doc))
            # named subjects, else whose measures they are ("American relief"), else the
            # clause's or sentence's government, else the text's last sanctioning one
            actors = (
                governments if len(governments) > 1 else [governments[0]] if governments else []
            )
            actors = actors or owners[:1] or [slot.actor]
            for actor in actors:
                for party in parties if slot.target is None and parties else [slot.target]:
                    copy = Slots(**{**slot.__dict__, "persons": list(slot.persons)})
                    copy.actor = actor or state.sanctions_actor
                    copy.target = self._party(party) if party else party
                    out.append(copy)
        return out

    def _party(self, name: str) -> str:
        """A party written as a known country or entity takes its canonical name."""
        found = self.gazetteer.find(name)
        whole = [m for m in found if m.start == 0 and m.end == len(name)]
        canonical = whole[0].canonical if whole else name
        return self.gazetteer.metonyms.get(canonical, canonical)  # "against Minsk": Belarus

    def _resolve_people(
        self, slot: Slots, token: Token, view: SentenceView, state: DocumentState
    ) -> None:
        slot.persons = [self.full_name(p, state) for p in slot.persons]
        if slot.persons or slot.type not in ("release", "deportation", "detention", "exchange"):
            return
        indices = clause_tokens(token)
        known = {p.split()[-1]: p for p in state.persons}
        named = [
            known[surname]
            for t, surname in surname_tokens(view.doc)
            if t.i in indices
            and surname in known
            and (
                t.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "conj", "dative")
                or (t.dep_ == "compound" and t.head.dep_ == "dobj")  # "granted X clemency"
            )
        ]
        if named:
            slot.persons = [self.full_name(n, state) for n in dict.fromkeys(named)]
            return
        refers = [
            t
            for t in view.doc
            if t.i in indices
            and (
                t.lower_ in PRONOUNS
                and t.dep_ in ("nsubj", "nsubjpass", "poss", "dobj")
                or self._definite_description(t, state)
            )
        ]
        # "X was among those freed; ... but he was expelled": a person named earlier in the
        # same sentence comes before the last one of the sentences before
        before = [
            e.text
            for e in view.doc.ents
            if refers
            and e.label_ == "PERSON"
            and e.end <= refers[0].i
            and not self.gazetteer.is_leader(e.text)
            and not self.filler.is_envoy(e)
            and not (slot.actor and same_person(e.text, slot.actor))  # who freed, not who was
            and not (  # "A granted B clemency, and he was flown out": he is not A
                e.root.dep_ == "nsubj" and e.root.head.lemma_.lower() in load_roles().agent_verbs
            )
        ]
        antecedent = self.full_name(before[-1], state) if before else state.last_person
        if refers and antecedent:
            slot.persons = [antecedent]
            slot.persons_from_pronoun = slot.anaphoric = True

    def _definite_description(self, token: Token, state: DocumentState) -> bool:
        """'The 52-year-old was arrested', 'the laureate was freed': one person told of
        before, taken up by a definite description (DEV2: persons named by anaphora)."""
        member = any(
            group_member(verb) == token
            for verb in [token.head] + [c for c in token.children if c.dep_ == "relcl"]
        )
        if not (token.dep_ == "nsubjpass" or member) or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        ):
            return False  # "the 52-year-old was freed", "the 52-year-old was among 40 freed"
        aged = token.lower_ == "old" and any(c.lower_ == "year" for c in token.children)
        if not (aged or token.tag_ == "NN") or counted(token):
            return False
        roles = load_roles()
        if token.lower_ in self.gazetteer.government_nouns | roles.not_name_words:
            return False  # "the court", "the ministry": a body, not a person
        if token.lower_ in roles.collective_nouns:
            return False  # "the family": several people
        return state.discourse is None or not state.discourse.refers_to_leader(token)

    # -- type-specific frames ---------------------------------------------------------

    def _visits(
        self, trig: Trigger, modality: str, view: SentenceView, state: DocumentState
    ) -> list[Slots]:
        token = trig.token
        lemma = token.lemma_.lower()
        targets = self.filler.visit_targets(view)
        if not targets:  # "flew to Moscow": a capital abroad in the trigger's own clause
            own = clause_tokens(token)
            city = self.visit_lexicon.city_in([t for t in view.doc if t.i in own])
            targets = [city] if city else []
        if not targets and state.host and lemma in self.visit_lexicon.meeting_lemmas:
            targets = [state.host]  # "MINSK, 12 May. The head of state today received ..."
        placeless = not targets and (
            lemma in self.visit_lexicon.placeless_lemmas or self._meeting_as_visit(token, state)
        )
        if not targets and not placeless:
            return []
        host = targets[0] if targets else None
        country = self.gazetteer.cities.get(host or "") or self.visit_lexicon.host_cities.get(
            host or "", self.gazetteer.holding_state
        )
        hosts = frozenset(w for w, c in self.gazetteer.demonyms.items() if c == country)
        envoys = [
            e
            for e in view.doc.ents
            if e.label_ == "PERSON"
            and (self.filler.is_envoy(e) or titled(e, self.gazetteer.envoy_titles))
            and not self.gazetteer.is_leader(e.text)
            and not of_country(e, hosts)  # the host's own minister receives, not visits
        ]
        tagged = {t.i for e in envoys for t in e}
        for word in view.doc:  # envoys the NER missed: known envoys by full name or surname
            if word.pos_ == "PROPN" and word.i not in tagged and word.text in state.envoys:
                envoys.append(view.doc[word.i : word.i + 1])
        if lemma == "be" and not any(e.root.head.i == token.i for e in envoys):
            return []
        envoys = visitors(token, envoys, self.visit_lexicon, strict=placeless)
        if len(envoys) > 1:  # a title of one's own beats one borrowed through an apposition
            titled_own = [e for e in envoys if own_title(e, self.gazetteer.envoy_titles)]
            envoys = titled_own or envoys
        subject = subject_of(token)
        if not envoys and subject is not None and subject.lower_ in PRONOUNS and state.last_envoy:
            return [Slots("visit", modality, token.i, actor=state.last_envoy, target=host)]
        return [
            Slots(
                "visit",
                modality,
                token.i,
                actor=state.envoys.get(e.text) or self.full_name(without_owner(e), state),
                target=host,
            )
            for e in envoys
            if e.root.dep_ != "poss" or e.root.head.i == token.i
        ]

    def _meeting_as_visit(self, token: Token, state: DocumentState) -> bool:
        """'X's talks with Lukashenko', 'X met Y during the trip': a visit, no place stated;
        the one met is the holding state's leader, or someone named met on a journey."""
        lex = self.visit_lexicon
        if token.lemma_.lower() not in lex.meeting_lemmas or told_remotely(token, lex):
            return False
        met = [c for c in counterparts(token) if c.pos_ != "PRON"]
        discourse = state.discourse
        if any(
            self.gazetteer.is_leader(c.text)
            or (discourse is not None and discourse.refers_to_leader(c))
            for c in met
        ):
            return True
        return during_a_trip(token, lex) and any(c.ent_type_ == "PERSON" for c in met)

    def _exchange(
        self, trig: Trigger, modality: str | None, view: SentenceView, state: DocumentState
    ) -> list[Slots]:
        token = trig.token
        ancestors = list(token.ancestors)
        denied = any(t.type == "denial" for a in ancestors for t in self.lexicon.match(a))
        if denied and trig.spec.pos == "NOUN" and not trig.spec.needs_mover:
            return []  # "rejected suggestions that ... was part of a prisoner exchange"
        # a swap told as a happening stays the other party's claim: "rejected claims that
        # they had been swapped for ...", "denied that Kyiv freed anyone in return"
        claimer = next((a for a in ancestors if a.lemma_.lower() in CLAIM_WORDS), None)
        claimer = claimer or next((a for a in ancestors if denied and a.pos_ == "VERB"), None)
        if not self.filler.is_swap(token, trig.spec.needs_mover):
            return []  # "in exchange for sanctions relief", "every exchange brings home"
        if modality is None:
            if self.modality.is_negated(token) and claimer is not None:
                return [Slots("denial", "denied", token.i, actor=self._speaker(claimer))]
            return []
        governing = next((a for a in ancestors if a.pos_ == "VERB"), None)
        if governing is not None and any(
            self.modality.judge(t) is None for t in self.lexicon.match(governing)
        ):
            return []
        slot = Slots("exchange", "hedged" if claimer is not None else modality, token.i)
        self._resolve_people(slot, token, view, state)
        slot.persons = slot.persons or self.filler.exchange_people(token, view)
        return [slot]

    @staticmethod
    def _speaker(claimer: Token) -> str | None:
        if claimer.lower_ == "according":
            objs = [t for c in claimer.children for t in c.children if t.dep_ == "pobj"] + [
                c for c in claimer.children if c.dep_ == "pobj"
            ]
            node = objs[0] if objs else None
        else:
            node = next((c for c in claimer.children if c.dep_ == "nsubj"), None)
        if node is None:
            return None
        span = node.doc[node.left_edge.i : node.right_edge.i + 1]
        return quoted_name(span) or entity_text(node)

    def _prisoner_count(
        self, slot: Slots, trig: Trigger, view: SentenceView, state: DocumentState
    ) -> None:
        reporter = self.filler.reporter(trig.token)
        if reporter and state.discourse is not None:
            reporter = state.discourse.body(reporter)  # "the Headquarters said"
        if reporter and reporter.startswith("the ") and reporter.islower():
            reporter = None  # "the group says" with no body of that name before
        found = self.gazetteer.count_source(doc_text(view.doc))
        slot.actor = reporter or found or state.count_source
        if slot.actor and state.discourse is not None:
            slot.actor = state.discourse.body(slot.actor)
        if slot.count is not None:
            return
        scope = {t.i for t in governing_word(trig.token).subtree}
        found = self.filler.counts_for(view, scope)
        if found:
            nearest = min(found, key=lambda m: abs(m.start - trig.token.idx))
            slot.count, slot.count_qualifier = nearest.value, nearest.qualifier

    def _remains(self, token: Token) -> bool:
        """'prisoners remain', 'N are behind bars': the figure's clause holds people still held."""
        head = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
        held = any(t.lower_ == "bars" and t.head.lower_ == "behind" for t in head.subtree)
        return held or any(a.lemma_ == "remain" for a in token.ancestors)

    def _members(
        self, view: SentenceView, dates: Iterable[DateMention], state: DocumentState
    ) -> list[Slots]:
        """'A and B were among them': the named people join the text's last group event."""
        among = self.lexicon.membership_token(view.doc)
        if among is None or state.group_type is None:
            return []
        if self.modality.is_negated(among) or self.modality.is_conditional(among):
            return []
        if among.i > 1 and among.doc[among.i - 1].text == "," and any(
            t.is_alpha for t in among.doc[: among.i - 1]
        ):
            return []  # "the hundreds who remain, among them X": a group of this sentence
        if among.pos_ in ("VERB", "AUX"):  # "they include A and B"
            indices = clause_tokens(among)
        else:
            indices = clause_tokens(among.head) if among.head.i != among.i else {among.i}
        persons = self.filler.subject_people(among, view, indices)
        if not persons:
            return []
        slot = Slots(state.group_type, "asserted", among.i)
        slot.persons = [self.full_name(p, state) for p in persons]
        self._date(slot, None, view, dates, state)
        return [slot]

    # -- dates -----------------------------------------------------------------------------

    def _date(
        self,
        slot: Slots,
        trig: Trigger | None,
        view: SentenceView,
        dates: Iterable[DateMention],
        state: DocumentState,
    ) -> None:
        """The sentence's date for the trigger, else the running event date, else `published`."""
        token = view.doc[slot.trigger]
        own = clause_tokens(token)
        if slot.modality == "refused" and token.dep_ == "xcomp":
            own |= clause_tokens(token.head)  # "refused on Tuesday to leave": its date
        if slot.type == "prisoner_count":  # "the number of X stood at N on Monday"
            before = {t.i for t in token.subtree} if token.lower_ == "from" else None
            own |= clause_tokens(governing_word(token))
            for word in earlier_figure_words(token, self.lexicon.change_words):
                own -= {t.i for t in word.subtree}  # "..., down from N a month ago"
            own = before if before is not None else own
        usable = []
        dateline = dateline_end(doc_text(view.doc))
        for mention in dates:
            if mention.end <= dateline:
                continue  # "MINSK, Dec 13 (Wire) -": the filing date, not the event's
            clause = subordinate_clause(view.tokens_of(mention.start, mention.end))
            if clause is not None:  # "A on Monday, two days after B": B is dated from A
                inside = token in clause.subtree
                if inside and self._date_from_main_clause(
                    slot, mention, clause, view, dates, state.published
                ):
                    slot.own_date = True  # "two days after X freed 40": its own words
                    return
                continue
            if mention.anchor_relative:
                earlier = [d for d in dates if dateline < d.end <= mention.start]
                mention = resolve_relative_to_event(mention, *anchor_dates(state, earlier))
            tokens = view.tokens_of(mention.start, mention.end)
            if mention.invalid and any(t.i in own for t in tokens):
                slot.date_min = slot.date_max = None  # "31 February": no date, never a guess
                return
            if slot.modality == "announced" and any(t.i in own for t in tokens):
                mention = forward(mention)  # "will free 7 on March 10": the coming March 10
            if mention.date_min is None:
                continue
            if tokens and describes_someone(tokens[0], token):
                continue  # "X, who had been jailed since 2020": the person's past, not the event's
            if tokens and describes_the_listed(tokens[0], token):
                continue  # "A and B, both convicted in 2023": their past, not the event's
            if tokens and slot.type != "detention" and self._jailed_clause(tokens[0], token):
                continue  # "two citizens jailed in 2021 were pardoned": the group's past
            said = bool(tokens) and governing_verb(tokens[0]) in SAY_VERBS
            if said:
                state.claim_dates = (mention.date_min, mention.date_max)
            usable.append((mention, tokens, said))
        picked = next((u for u in usable if any(t.i in own for t in u[1])), None)
        slot.own_date = picked is not None
        if slot.type == "prisoner_count":  # a stock is as of its own date, else publication
            if token.lower_ == "from" and picked is None:
                return  # an earlier figure with no date of its own: no event (`_keep`)
            picked = picked or next((u for u in usable if u[0].preposition == "as of"), None)
            usable = [picked] if picked else []
        if picked is None:  # "in September, when Washington first eased ...": that date
            head = next((a.head for a in [token, *token.ancestors] if a.dep_ == "relcl"), None)
            picked = next((u for u in usable if head is not None and head in u[1]), None)
        if picked is None:  # an announced act is dated to its announcement (DEV.md 5)
            promised = slot.modality in ("announced", "proposed")
            picked = next((u for u in usable if promised or not u[2]), None)
        chosen, chosen_tokens = (picked[0], picked[1]) if picked else (None, [])
        if chosen is not None and chosen.date_min is not None:
            lo, hi = chosen.date_min, chosen.date_max
            # "since 2021, when Washington targeted ...": the clause on the date is its event
            on_the_date = any(t in chosen_tokens for t in token.ancestors)
            # "two citizens held since 2023": a group described as held, from that year
            running = _cumulative_since(slot) and not (
                slot.type == "detention" and token.dep_ in ("acl", "relcl")
            )
            if chosen.preposition == "since" and state.published and running and not on_the_date:
                hi = state.published
            if chosen.preposition == "since" and not running:
                slot.background = True  # "under sanctions since 2021": not the running date
            told = state.event_dates[0]
            after = chosen.preposition == "after" or introduced_by(chosen_tokens, "after")
            # "remain after the December release": from the release told to publication
            if slot.type == "prisoner_count" and after and told and lo <= told <= hi:
                lo, hi = told, state.published or hi
            slot.date_min, slot.date_max = lo, hi
            return
        fallback: tuple[dt.date | None, dt.date | None]
        if slot.type == "detention" and slot.on_a_person:
            fallback = (None, None)  # "B, who is serving eight years": a term, no time (DEV2)
        elif slot.type == "prisoner_count":
            fallback = (state.published, state.published)
        elif slot.type == "detention" and names_members(token) and state.detention_dates[0]:
            fallback = state.detention_dates  # "Among those held is X": the arrests told before
        elif slot.type == "denial" and state.claim_dates[0] is not None:
            fallback = state.claim_dates
        elif slot.type in GROUP_TYPES and state.released_on[0] and names_freed_group(token):
            fallback = state.released_on  # "most of those freed were sent to Ukraine"
        elif slot.type in INHERITING and state.event_dates[0] is not None:
            fallback = state.event_dates
        else:
            fallback = (state.published, state.published)
        slot.date_min, slot.date_max = fallback


SAY_VERBS = frozenset({"say", "tell", "report", "state", "write", "add", "speak", "claim"})


def date_refusals_by_release(slots: list[Slots]) -> None:
    """'X, who was freed on 11 September, refused to leave': a refused departure with no
    date of its own happened at the release its sentence dates."""
    released = [s for s in slots if s.type == "release" and s.own_date and s.date_min]
    if not released:
        return
    for slot in slots:
        if slot.type == "deportation" and slot.modality == "refused" and not slot.own_date:
            slot.date_min, slot.date_max = released[0].date_min, released[0].date_max


def anchor_dates(
    state: DocumentState, earlier: list[DateMention]
) -> tuple[dt.date | None, dt.date | None]:
    """What "the same day", "two days earlier" count from: a day named before it in its
    sentence ("freed on Sept. 11, and sanctions were lifted the same day"); else the last
    happening the text dated to the day in its own words, of any type ("On 6 October police
    detained A. On the same day a court sentenced B"); else the running event date."""
    before = [
        d
        for d in earlier
        if not d.anchor_relative and d.date_min is not None and d.date_min == d.date_max
    ]
    if before:
        return before[-1].date_min, before[-1].date_max
    if state.day_told is not None:
        return state.day_told, state.day_told
    return state.event_dates


def without_owner(name: Span) -> str:
    """"Mark Delaney's talks": the name without the owner's 's the tagger took with it."""
    return name[:-1].text if len(name) > 1 and name[-1].tag_ == "POS" else name.text


def verbatim(found: Extraction, original: str) -> Extraction:
    """Evidence and quoted words as `original` has them: readable() changed only invisible
    characters, one for one, so the offsets found in the readable text index it."""
    for event in found.events:
        if event.sentence_start is not None and event.sentence_end is not None:
            event.evidence = original[event.sentence_start : event.sentence_end]
    for quote in found.quotes:
        if quote.start is not None and quote.end is not None:
            quote.text = original[quote.start : quote.end]
    return found


def subordinate_clause(tokens: list[Token]) -> Token | None:
    """The verb of '<N days> after|before <clause>' when `tokens` are its measure phrase."""
    for token in tokens:
        head = token.head
        measure = token.dep_ == "npadvmod" and head.pos_ in ("VERB", "AUX") and head.i != token.i
        if measure and any(c.dep_ == "mark" and c in tokens for c in head.children):
            return head
    return None


def governing_word(token: Token) -> Token:
    """The verb whose clause holds `token` (itself when it is one, or the root)."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def earlier_figure_words(token: Token, change_words: frozenset[str]) -> list[Token]:
    """The 'from' of 'down from N' / 'up from N' in the clause that states a figure."""
    return [
        t
        for t in governing_word(token).subtree
        if t.lower_ == "from" and t.head.lower_ in change_words and t.i != token.i
    ]


def present_tense(verb: Token) -> bool:
    """'is becoming', 'remain': the clause tells the present (not 'has told', 'will')."""
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(w.tag_ in ("VBZ", "VBP") for w in words) and not any(
        w.tag_ == "MD" or w.lemma_ == "have" for w in words
    )


def introduced_by(tokens: list[Token], preposition: str) -> bool:
    """The date words modify the object of `preposition` ("after the December release")."""
    node = tokens[0] if tokens else None
    while node is not None and node.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss"):
        node = node.head
    return node is not None and node.dep_ == "pobj" and node.head.lower_ == preposition


def governing_verb(token: Token) -> str | None:
    for node in [token, *token.ancestors]:
        if node.pos_ in ("VERB", "AUX") and node.i != token.i:
            return str(node.lemma_).lower()
    return None


def describes_someone(token: Token, trigger: Token) -> bool:
    """`token` sits in a relative or participle clause on one person ("X, jailed since 2020,
    was freed", "the laureate, who founded Viasna in 1996, was arrested") that does not hold
    the trigger: that person's past. (A clause on a group, "of the 123 prisoners pardoned
    last week, 114 were deported", dates the group's event.)"""
    return any(
        (a.head.ent_type_ == "PERSON" or a.head.tag_ in ("NN", "NNP") and _on_a_person(a))
        and a.head.i != trigger.i
        for a in clauses_apart(token, trigger)
    )


def surname_tokens(doc: Doc) -> Iterator[tuple[Token, str]]:
    """Capitalised words that may be a surname told before, with their text: a proper noun,
    or a noun the tagger took one for ('Pruitt was sentenced'), joined across a hyphen
    ('Zaghari-Ratcliffe'); the token is the last part, which carries the relation."""
    for t in doc:
        if not (t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper()):
            continue
        text = t.text
        joined = t.i >= 2 and doc[t.i - 1].text == "-" and not doc[t.i - 2].whitespace_
        if joined and not doc[t.i - 1].whitespace_:
            text = f"{doc[t.i - 2].text}-{t.text}"
        yield t, text


def names_freed_group(trigger: Token) -> bool:
    """The event is told of a group named by its release: 'most of those freed were sent',
    'the freed prisoners were taken' (lexicons/dates.yaml: freed_group_words)."""
    words = freed_group_words()
    if trigger.lower_ in words and trigger.dep_ in ("amod", "acl"):
        return True  # the trigger is the naming word itself: "the freed prisoners"
    return any(
        t.lower_ in words and t.i != trigger.i
        for s in trigger.children
        if s.dep_ in ("nsubj", "nsubjpass")
        for t in s.subtree
    )


DISTRIBUTIVES = frozenset({"both", "all", "each"})


def describes_the_listed(token: Token, trigger: Token) -> bool:
    """`token` sits in a participle clause on the people just listed ("A and B, both
    convicted in 2023", "..., all held since 2021") that does not hold the trigger."""
    return any(
        a.tag_ == "VBN"
        and trigger not in list(a.subtree)
        and (
            a.head.lower_ in DISTRIBUTIVES
            or any(c.lower_ in DISTRIBUTIVES and c.i < a.i for c in a.children)
        )
        for a in [token, *token.ancestors]
    )


def clauses_apart(token: Token, trigger: Token) -> Iterator[Token]:
    """The relative and participle clauses `token` sits in that do not hold the trigger."""
    return (
        a
        for a in [token, *token.ancestors]
        if a.dep_ in ("relcl", "acl") and trigger not in list(a.subtree)
    )


def _on_a_person(clause: Token) -> bool:
    """A participle clause, or a relative clause opened by who/whom/whose (not "which")."""
    return clause.dep_ == "acl" or any(
        t.lower_ in ("who", "whom", "whose") for t in clause.subtree if t.i < clause.i
    )


def _cumulative_since(slot: Slots) -> bool:
    """'since X' opens a running total, except a person's detention ('jailed since 2021') and
    a designation ('under sanctions since 2021': imposed then)."""
    if slot.type == "sanctions_imposed":
        return False
    return slot.type != "detention" or (slot.count is not None and not slot.persons)


def instrument_of(text: str) -> str | None:
    lowered = text.lower()
    if "general license" in lowered or "general licence" in lowered:
        return "general_license"
    if "sdn" in lowered or "delist" in lowered or "sanctions list" in lowered:
        return "sdn_removal"
    if "authoriz" in lowered or "authoris" in lowered or "permit" in lowered:
        return "permit"
    return None


def respectively(slots: list[Slots], dates: list[DateMention]) -> list[Slots]:
    """'The June and October pardons, respectively, each followed talks with X': a single
    event with no count of its own (a visit) is told once per coordinated date. (Counted
    events take their dates in `frames.pair_respectively`.)"""
    if not dates:
        return slots
    out: list[Slots] = []
    for kind in dict.fromkeys(s.type for s in slots):
        group = [s for s in slots if s.type == kind]
        if len(group) == 1 and group[0].count is None:
            first, group = group[0], []
            for mention in dates:
                copy = Slots(**{**first.__dict__, "persons": list(first.persons)})
                copy.date_min, copy.date_max = mention.date_min, mention.date_max
                group.append(copy)
        out.extend(group)
    return out


def merge_same_sentence(slots: list[Slots]) -> list[Slots]:
    """Join Slots of one type from one sentence unless they disagree on a field."""
    merged: list[Slots] = []
    for slot in slots:
        for other in merged:
            if other.type == slot.type and _compatible(other, slot):
                _absorb(other, slot)
                break
        else:
            merged.append(slot)
    return merged


def _compatible(a: Slots, b: Slots) -> bool:
    for name in ("count", "destination", "target", "actor"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            return False
    if a.own_date and b.own_date and _disjoint_dates(a, b):
        # "arrested in July 2021 and sentenced in March 2023": two (DEV2.md); likewise
        # "eased curbs on X in September and lifted sanctions on Y in December"
        return False
    if a.type in ("visit", "sanctions_eased", "sanctions_imposed") and (a.actor is None) != (
        b.actor is None
    ):
        return a.type != "visit"
    return True


def _disjoint_dates(a: Slots, b: Slots) -> bool:
    if a.date_min is None or a.date_max is None or b.date_min is None or b.date_max is None:
        return False
    return a.date_max < b.date_min or b.date_max < a.date_min


def _absorb(into: Slots, other: Slots) -> None:
    for name in (
        "count",
        "count_qualifier",
        "destination",
        "target",
        "actor",
        "date_min",
        "date_max",
        "instrument",
    ):
        if getattr(into, name) is None:
            setattr(into, name, getattr(other, name))
    if into.type == "detention" and other.own_date and not into.own_date:
        # "the sentence handed to X, who was given four years on 23 July": that date
        into.date_min, into.date_max, into.own_date = other.date_min, other.date_max, True
    into.persons += [p for p in other.persons if p not in into.persons]
    into.anaphoric = into.anaphoric and other.anaphoric
    if into.modality == "asserted" and other.modality != "asserted":
        into.modality = other.modality


__all__ = ["Extractor", "parse_published", "Span"]
