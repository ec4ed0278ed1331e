"""Scoring extractions against a gold file (FORMAT.md, version 1).

Public surface: `load_gold(path)`, `load_predictions(path)`, `score(gold_docs, predictions)`
returning `Scores` (with `to_dict()` and the `errors` list behind `--show-errors`).

Readings of FORMAT.md that the text leaves open:

- A gold field is *filled* when it is not null and not an empty list. The scored fields
  are exactly those FORMAT.md enumerates: type, date interval, `count`, `actor`,
  `target`, `destination`, `persons`. `modality` is "not scored in version 1";
  `count_qualifier` is not in the enumeration either (it qualifies `count`, which is
  compared alone), so it is not scored; neither are `evidence` and `instrument`.
- Dates: the gold interval is `[date_min, date_max]` (a missing end takes the other
  end's value). The prediction's interval, likewise, must lie inside
  `[date_min - 1 day, date_max + 1 day]`; a prediction with no date never matches a
  dated gold event. A gold event with no date accepts any predicted date.
- `persons`: every gold person must match a distinct predicted person by name;
  extra predicted persons are not penalised.
- Names (`actor`, `target`, `destination`, persons, quote speakers) are compared
  with `quidproquo.resolve.names.names_match`.
- One-to-one matching, "best match first": within a document, a maximum-cardinality
  bipartite matching (augmenting paths), where each gold item tries its candidates in
  decreasing agreement (events: number of fields agreeing, filled or not, then the
  tighter date; quotes: longest-common-substring coverage). It never loses a match
  that a greedy pass would find, and prefers the closer candidate when there is a
  choice.
- Quotes: texts are compared after collapsing whitespace, unifying curly quotes and
  apostrophes, casefolding, and stripping quote marks and punctuation at both ends; a
  pair matches when its longest common substring covers at least 80% of the longer.
  Attribution accuracy = matched pairs whose speakers match / matched pairs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, TypeVar

from quidproquo.model import EVENT_TYPES
from quidproquo.resolve.names import names_match

QUOTE_COVERAGE = 0.8
DATE_SLACK = timedelta(days=1)
NAME_FIELDS = ("actor", "target", "destination")
# Characters folded at the ends of a quote: quote marks, punctuation, dashes, ellipses.
_QUOTE_MARKS = str.maketrans("’‘“”", "''\"\"")
_QUOTE_ENDS = "\"'“”‘’«»„‚‹›.,;:!?…—–- \t\n"


G = TypeVar("G")
P = TypeVar("P")


class GoldFormatError(ValueError):
    """A gold or prediction file is malformed; the message names the file and line."""


@dataclass
class GoldDoc:
    """One gold document: its text, anchor date and the expected events and quotes."""

    id: str
    text: str
    published: str | None
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    url: str | None = None
    publisher: str | None = None
    title: str | None = None


@dataclass
class PRF:
    """True positives, false positives, false negatives and the derived ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class ScoringError:
    """A false positive, false negative or misattributed quote, with its evidence."""

    doc_id: str
    kind: str  # false_positive, false_negative, misattributed
    category: str  # event, quote
    record: dict[str, Any]
    evidence: str
    note: str = ""  # why the closest candidate did not match

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Scores:
    """Event and quote figures over a gold set."""

    documents: int = 0
    events: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=dict)
    quotes: PRF = field(default_factory=PRF)
    attributed: int = 0  # matched quotes whose speaker matches
    errors: list[ScoringError] = field(default_factory=list)

    @property
    def attribution_accuracy(self) -> float:
        return self.attributed / self.quotes.tp if self.quotes.tp else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "events": self.events.to_dict(),
            "by_type": {t: prf.to_dict() for t, prf in sorted(self.by_type.items())},
            "quotes": self.quotes.to_dict(),
            "attribution": {
                "correct": self.attributed,
                "matched": self.quotes.tp,
                "accuracy": round(self.attribution_accuracy, 4),
            },
        }


# -- loading -----------------------------------------------------------------------------


def _json_lines(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise GoldFormatError(f"{path}:{number}: expected a JSON object")
        yield number, record


def _require(record: dict[str, Any], key: str, kinds: type | tuple[type, ...], where: str) -> Any:
    if key not in record:
        raise GoldFormatError(f"{where}: missing field {key!r}")
    value = record[key]
    if not isinstance(value, kinds):
        raise GoldFormatError(f"{where}: field {key!r} has the wrong type ({value!r})")
    return value


def _check_date(value: Any, where: str) -> None:
    if value is not None and _parse_date(value) is None:
        raise GoldFormatError(f"{where}: not an ISO date: {value!r}")


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a FORMAT.md gold file; errors name the file, the line and the problem."""
    path = Path(path)
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for number, record in _json_lines(path):
        where = f"{path}:{number}"
        doc_id = _require(record, "id", str, where)
        if doc_id in seen:
            raise GoldFormatError(f"{where}: duplicate id {doc_id!r}")
        seen.add(doc_id)
        text = _require(record, "text", str, where)
        published = record.get("published")
        if published is not None and not isinstance(published, str):
            raise GoldFormatError(f"{where}: field 'published' must be a string or null")
        events = _require(record, "events", list, where)
        quotes = _require(record, "quotes", list, where)
        for i, event in enumerate(events):
            at = f"{where}: events[{i}]"
            if not isinstance(event, dict):
                raise GoldFormatError(f"{at}: expected an object")
            kind = _require(event, "type", str, at)
            if kind not in EVENT_TYPES:
                raise GoldFormatError(f"{at}: unknown event type {kind!r}")
            _check_date(event.get("date_min"), at)
            _check_date(event.get("date_max"), at)
            if not isinstance(event.get("persons") or [], list):
                raise GoldFormatError(f"{at}: field 'persons' must be a list")
        for i, quote in enumerate(quotes):
            at = f"{where}: quotes[{i}]"
            if not isinstance(quote, dict):
                raise GoldFormatError(f"{at}: expected an object")
            _require(quote, "text", str, at)
            _require(quote, "speaker", (str, type(None)), at)
        docs.append(
            GoldDoc(
                id=doc_id,
                text=text,
                published=published,
                events=events,
                quotes=quotes,
                url=record.get("url"),
                publisher=record.get("publisher"),
                title=record.get("title"),
            )
        )
    return docs


def load_predictions(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read prediction lines `{"id", "events", "quotes"}` keyed by id."""
    path = Path(path)
    predictions: dict[str, dict[str, Any]] = {}
    for number, record in _json_lines(path):
        where = f"{path}:{number}"
        doc_id = _require(record, "id", str, where)
        for key in ("events", "quotes"):
            items = record.get(key, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise GoldFormatError(f"{where}: field {key!r} must be a list of objects")
        predictions[doc_id] = record
    return predictions


# -- events ------------------------------------------------------------------------------


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _interval(event: dict[str, Any]) -> tuple[date, date] | None:
    low, high = _parse_date(event.get("date_min")), _parse_date(event.get("date_max"))
    if low is None and high is None:
        return None
    return (low or high, high or low)  # type: ignore[return-value]


def _filled(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def event_mismatches(gold: dict[str, Any], pred: dict[str, Any]) -> list[str]:
    """Why `pred` does not match `gold` (empty list: it matches)."""
    if gold.get("type") != pred.get("type"):
        return [f"type {pred.get('type')!r} != {gold.get('type')!r}"]
    reasons = []
    gold_dates = _interval(gold)
    if gold_dates is not None:
        pred_dates = _interval(pred)
        allowed = (gold_dates[0] - DATE_SLACK, gold_dates[1] + DATE_SLACK)
        if pred_dates is None:
            reasons.append("date missing")
        elif pred_dates[0] < allowed[0] or pred_dates[1] > allowed[1]:
            reasons.append(
                f"date {pred_dates[0]}..{pred_dates[1]} outside {allowed[0]}..{allowed[1]}"
            )
    if _filled(gold.get("count")) and pred.get("count") != gold["count"]:
        reasons.append(f"count {pred.get('count')!r} != {gold['count']!r}")
    for name in NAME_FIELDS:
        want, got = gold.get(name), pred.get(name)
        if _filled(want) and not (isinstance(got, str) and names_match(want, got)):
            reasons.append(f"{name} {got!r} !~ {want!r}")
    missing = _unmatched_persons(gold.get("persons") or [], pred.get("persons") or [])
    if missing:
        reasons.append(f"persons missing {missing}")
    return reasons


def _unmatched_persons(wanted: list[str], given: list[Any]) -> list[str]:
    """Gold persons left without a distinct matching predicted person."""
    names = [g for g in given if isinstance(g, str)]
    pairs = _assign(wanted, names, lambda w, g: 1.0 if names_match(w, g) else None)
    return [w for i, w in enumerate(wanted) if i not in pairs]


def _event_agreement(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """Tie-breaker among matching candidates: more equal fields, tighter dates."""
    same = sum(
        1
        for key in ("count", "count_qualifier", "modality", *NAME_FIELDS)
        if (gold.get(key) or None) == (pred.get(key) or None)
    )
    gold_dates, pred_dates = _interval(gold), _interval(pred)
    exact_date = gold_dates == pred_dates
    return same + (0.5 if exact_date else 0.0)


# -- quotes ------------------------------------------------------------------------------


def normalise_quote(text: str) -> str:
    """Collapse whitespace, unify quote marks, casefold and strip punctuation at the ends."""
    text = text.translate(_QUOTE_MARKS)
    text = re.sub(r"\s+", " ", text).casefold()
    return text.strip(_QUOTE_ENDS)


def quote_coverage(a: str, b: str) -> float:
    """Longest common substring of the normalised texts over the longer one's length."""
    left, right = normalise_quote(a), normalise_quote(b)
    if not left or not right:
        return 0.0
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    block = matcher.find_longest_match(0, len(left), 0, len(right))
    return block.size / max(len(left), len(right))


def _quote_agreement(gold: dict[str, Any], pred: dict[str, Any]) -> float | None:
    coverage = quote_coverage(gold.get("text") or "", pred.get("text") or "")
    return coverage if coverage >= QUOTE_COVERAGE else None


# -- matching ----------------------------------------------------------------------------


def _assign(
    golds: Sequence[G], preds: Sequence[P], agreement: Callable[[G, P], float | None]
) -> dict[int, int]:
    """Maximum one-to-one matching gold index -> prediction index (augmenting paths).

    `agreement` returns None when a pair cannot match, else a preference score; each
    gold item tries its candidates best first.
    """
    candidates: list[list[int]] = []
    for g in golds:
        scored = [(s, j) for j, p in enumerate(preds) if (s := agreement(g, p)) is not None]
        candidates.append([j for _, j in sorted(scored, key=lambda sj: (-sj[0], sj[1]))])
    owner: dict[int, int] = {}  # prediction index -> gold index

    def augment(i: int, visited: set[int]) -> bool:
        for j in candidates[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(golds)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _closest_note(item: dict[str, Any], others: list[dict[str, Any]], gold_side: bool) -> str:
    """For an unmatched event: why the nearest same-type counterpart failed."""
    same_type = [o for o in others if o.get("type") == item.get("type")]
    if not same_type:
        return "no counterpart of this type"
    notes: list[list[str]] = [
        event_mismatches(item, o) if gold_side else event_mismatches(o, item) for o in same_type
    ]
    closest = min(notes, key=len)
    return "; ".join(closest)


def score(gold_docs: Sequence[GoldDoc], predictions: dict[str, dict[str, Any]]) -> Scores:
    """Score predictions (id -> {"events", "quotes"}) against the gold documents."""
    scores = Scores(documents=len(gold_docs))
    for doc in gold_docs:
        prediction = predictions.get(doc.id) or {}
        _score_events(doc, list(prediction.get("events") or []), scores)
        _score_quotes(doc, list(prediction.get("quotes") or []), scores)
    return scores


def match_events(golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[int, int]:
    """The one-to-one event matching of one document: gold index -> prediction index."""

    def agreement(g: dict[str, Any], p: dict[str, Any]) -> float | None:
        return None if event_mismatches(g, p) else _event_agreement(g, p)

    return _assign(golds, preds, agreement)


def _score_events(doc: GoldDoc, preds: list[dict[str, Any]], scores: Scores) -> None:
    pairs = match_events(doc.events, preds)
    matched_preds = set(pairs.values())
    for i, gold in enumerate(doc.events):
        prf = scores.by_type.setdefault(gold["type"], PRF())
        if i in pairs:
            prf.tp += 1
            scores.events.tp += 1
        else:
            prf.fn += 1
            scores.events.fn += 1
            note = _closest_note(gold, preds, gold_side=True)
            scores.errors.append(
                ScoringError(
                    doc.id, "false_negative", "event", gold, gold.get("evidence", ""), note
                )
            )
    for j, pred in enumerate(preds):
        if j in matched_preds:
            continue
        kind = str(pred.get("type"))
        scores.by_type.setdefault(kind, PRF()).fp += 1
        scores.events.fp += 1
        note = _closest_note(pred, doc.events, gold_side=False)
        evidence = str(pred.get("evidence") or "")
        scores.errors.append(ScoringError(doc.id, "false_positive", "event", pred, evidence, note))


def _score_quotes(doc: GoldDoc, preds: list[dict[str, Any]], scores: Scores) -> None:
    pairs = _assign(doc.quotes, preds, _quote_agreement)
    for i, gold in enumerate(doc.quotes):
        if i not in pairs:
            scores.quotes.fn += 1
            scores.errors.append(
                ScoringError(doc.id, "false_negative", "quote", gold, gold.get("text", ""))
            )
            continue
        scores.quotes.tp += 1
        pred = preds[pairs[i]]
        speaker = pred.get("speaker")
        if (
            isinstance(speaker, str)
            and gold.get("speaker")
            and names_match(gold["speaker"], speaker)
        ):
            scores.attributed += 1
        else:
            note = f"speaker {speaker!r}, gold {gold.get('speaker')!r}"
            scores.errors.append(
                ScoringError(doc.id, "misattributed", "quote", pred, pred.get("text", ""), note)
            )
    matched_preds = set(pairs.values())
    for j, pred in enumerate(preds):
        if j not in matched_preds:
            scores.quotes.fp += 1
            scores.errors.append(
                ScoringError(doc.id, "false_positive", "quote", pred, str(pred.get("text", "")))
            )
