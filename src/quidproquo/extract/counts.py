"""Counts of people or things in a sentence: "more than 1,000 prisoners", "fifty-two", "a dozen".

The rules (DEV.md "Annotation conventions", 3) are structural: a number is not a count when
the words around it make it a percentage, year, date, age, duration, time, amount of money,
measurement, ordinal or part of a name ("General License 13"). Words live in
`lexicons/counts.yaml`; month names come from `lexicons/dates.yaml`.

Parts: `find_counts` returns every number as its own mention ("14 women and 16 men" gives two).
`sum_parts` joins coordinated parts into one mention whose value is their sum and whose
`parts` keeps the pieces; the caller picks the total or the sum.

Separators: "1,000" and "1 000" (space, no-break or thin space) group thousands. A dot is a
decimal point ("1.2 million" is 1,200,000); "1.164" is read as 1164 only when a people noun
follows, since people are not counted in fractions. Any other decimal is no count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from quidproquo.extract.lexicon import load_lexicon

LEXICON = "counts.yaml"
DATE_LEXICON = "dates.yaml"
YEAR_RANGE = (1800, 2100)


@dataclass(frozen=True)
class CountMention:
    """A count in a text; `text[start:end]` covers the qualifier and the number."""

    start: int
    end: int
    value: int
    qualifier: str  # exact, about, more_than, less_than, at_least
    unit: str | None  # head noun after the number, lowercased ("prisoners")
    unit_end: int | None = None  # offset just after the unit word
    people: bool = False  # the unit is a people noun or a nationality
    other: bool = False  # "51 other prisoners": additional to someone named nearby
    parts: tuple[CountMention, ...] = field(default=())  # set by sum_parts; then `end` is
    # the end of the last part's unit ("14 women and 16 men")


def alternation(phrases: Sequence[str]) -> str:
    """Regex alternation of phrases, longest first, any whitespace between words."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


class _Lexicon:
    """Compiled lookups built from counts.yaml and the month names of dates.yaml."""

    def __init__(self, data: dict[str, Any], dates: dict[str, Any]) -> None:
        self.units: dict[str, int] = dict(data["units"])
        self.tens: dict[str, int] = dict(data["tens"])
        self.hundred_word = "hundred"
        self.hundred = int(data["hundred"])
        self.scales: dict[str, int] = dict(data["scales"])
        self.dozen = int(data["dozen"])
        self.number_words = (
            set(self.units) | set(self.tens) | set(self.scales) | {self.hundred_word, "dozen"}
        )
        self.qualifier_of = {
            phrase: kind for kind, phrases in data["qualifiers"].items() for phrase in phrases
        }
        self.qualifier_re = re.compile(
            r"(?:^|(?<=[^\w.]))(" + alternation(list(self.qualifier_of)) + r")\s+$", re.I
        )
        self.over_particle_verbs = set(data["over_particle_verbs"])
        self.following_re = re.compile(
            r"\s*(?:-\s*)?(?:" + alternation(data["following_non_count"]) + r")(?![a-z])", re.I
        )
        self.preceding_re = re.compile(
            r"(?:^|(?<=[^\w$€£#]))(?:" + alternation(data["preceding_non_count"]) + r")\s*$",
            re.I,
        )
        self.phrase_stops = set(data["phrase_stops"])
        self.people_nouns = set(data["people_nouns"])
        self.unit_nouns = self.people_nouns | set(data["event_nouns"])
        self.other_words = set(data["other_words"])
        self.unit_skip = set(data["unit_skip"])
        self.max_count = int(data["max_count"])
        self.max_age = int(data["max_age"])
        self.range_opener_re = re.compile(
            r"(?:^|(?<=\W))(?:" + alternation(data["range_openers"]) + r")\s+$", re.I
        )
        self.range_joint_re = re.compile(
            r"\s*(?:" + alternation(data["range_joints"]) + r")\s*", re.I
        )
        # "between two and four years", "five to seven months": the lower bound of a range
        # whose upper bound is a duration (or percentage, amount) is no count either
        number = r"(?:\d[\d,.]*|(?:" + alternation(sorted(self.number_words)) + r")(?:[\s-]+\w+)?)"
        self.range_to_non_count_re = re.compile(
            r"(\s*(?:" + alternation(data["range_joints"]) + r")\s*)"
            + number
            + self.following_re.pattern,
            re.I,
        )
        months = list(dates["months"]) + list(dates["month_abbreviations"])
        self.month_before_re = re.compile(r"\b(" + alternation(months) + r")\.?\s+$", re.I)
        self.day_month_before_re = re.compile(
            r"(?:\b\d{1,2}\s+(" + alternation(months) + r")\.?"
            r"|\b(" + alternation(months) + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)\s+$",
            re.I,
        )
        self.month_after_re = re.compile(r"\s*(?:of\s+)?(" + alternation(months) + r")\b", re.I)
        # "on 4 and 16 September", "September 4 and 16": days sharing one month
        joined = r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)"
        self.shared_month_after_re = re.compile(
            r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|to\s+|[-–]\s*)\d{1,2}\s+("
            + alternation(months)
            + r")\b",
            re.I,
        )
        self.shared_month_before_re = re.compile(
            r"\b(" + alternation(months) + r")\.?\s+\d{1,2}" + joined + r"$", re.I
        )
        self.calendar_words = set(months) | set(dates["weekdays"])
        self.date_prepositions = {str(p).lower() for p in dates["prepositions"]} | {"the"}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_lexicon(
        LEXICON,
        (
            "units",
            "tens",
            "hundred",
            "scales",
            "dozen",
            "qualifiers",
            "over_particle_verbs",
            "following_non_count",
            "preceding_non_count",
            "phrase_stops",
            "people_nouns",
            "event_nouns",
            "other_words",
            "unit_skip",
            "max_count",
            "max_age",
            "range_openers",
            "range_joints",
        ),
    )
    dates = load_lexicon(
        DATE_LEXICON, ("months", "month_abbreviations", "weekdays", "prepositions")
    )
    return _Lexicon(data, dates)


_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:(?:,|[\u00a0\u202f\u2009]| (?=\d{3}(?![\d.,]\d)))\d{3})+(?![\d])"
    r"|\d+(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True)
class _Token:
    kind: str  # num, word, punct
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def _tokens(text: str, lex: _Lexicon) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        before = text[max(0, m.start() - 40) : m.start()]
        if (
            kind == "num"
            and " " in m.group()
            and (lex.month_before_re.search(before) or lex.preceding_re.search(before))
        ):
            # "Dec. 13 123 prisoners": the space does not group thousands here
            for part in re.finditer(r"\d+", m.group()):
                out.append(
                    _Token(kind, part.group(), m.start() + part.start(), m.start() + part.end())
                )
            continue
        out.append(_Token(kind, m.group(), m.start(), m.end()))
    return out


@dataclass
class _Number:
    """A number phrase before the context checks."""

    start: int
    end: int
    value: int
    next_index: int  # index of the first token after the phrase
    from_digits: bool
    plain_digits: str = ""  # the digit string as written, for year/decimal checks
    decimal: bool = False
    dozen: bool = False
    bare_one: bool = False


def _digits_number(tokens: list[_Token], i: int, lex: _Lexicon) -> _Number | None:
    """A digit token, with a scale word after it ("1.2 million")."""
    tok = tokens[i]
    raw = tok.text
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.kind == "word" and nxt.lower in lex.scales:
        value = round(float(re.sub(r"[,\s\u00a0\u202f\u2009]", "", raw)) * lex.scales[nxt.lower])
        return _Number(tok.start, nxt.end, value, i + 2, True, raw)
    if "." in raw:
        # a dot before exactly three digits may group thousands (decided by the caller check)
        grouped = re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) is not None
        value = int(raw.replace(".", "")) if grouped else 0
        return _Number(tok.start, tok.end, value, i + 1, True, raw, decimal=True)
    value = int(re.sub(r"[,\s\u00a0\u202f\u2009]", "", raw))
    return _Number(tok.start, tok.end, value, i + 1, True, raw)


def _word_number(tokens: list[_Token], i: int, lex: _Lexicon) -> _Number | None:
    """The longest well-formed number-word phrase starting at token i."""
    total = current = 0
    last = ""  # kind of the last word: a, unit, teen, tens, hundred, scale, dozen
    end_index = i
    j = i
    dozen = False
    while j < len(tokens):
        tok = tokens[j]
        word = tok.lower
        if tok.kind != "word":
            break
        if last == "" and word in ("a", "an"):
            kind = "a"
        elif word in lex.units:
            kind = "teen" if lex.units[word] >= 10 else "unit"
        elif word in lex.tens:
            kind = "tens"
        elif word == lex.hundred_word:
            kind = "hundred"
        elif word in lex.scales:
            kind = "scale"
        elif word == "dozen":
            kind = "dozen"
        else:
            break
        allowed = {
            "": {"a", "unit", "teen", "tens"},
            "a": {"hundred", "scale", "dozen"},
            "unit": {"hundred", "scale", "dozen"},
            "teen": {"hundred", "scale", "dozen"},
            "tens": {"unit", "scale", "dozen"},
            "hundred": {"unit", "teen", "tens", "scale"},
            "scale": {"unit", "teen", "tens"},
            "dozen": set(),
        }[last]
        if kind not in allowed:
            break
        if kind == "a":
            current = 1
        elif kind in ("unit", "teen"):
            current += lex.units[word]
        elif kind == "tens":
            current += lex.tens[word]
        elif kind == "hundred":
            current *= lex.hundred
        elif kind == "scale":
            total += current * lex.scales[word]
            current = 0
        else:
            current *= lex.dozen
            dozen = True
        last = kind
        end_index = j
        j = _join(tokens, j + 1, last, lex)
    if last in ("", "a"):
        return None
    value = total + current
    bare_one = end_index == i and tokens[i].lower == "one"
    return _Number(
        tokens[i].start,
        tokens[end_index].end,
        value,
        end_index + 1,
        False,
        dozen=dozen,
        bare_one=bare_one,
    )


def _join(tokens: list[_Token], j: int, last: str, lex: _Lexicon) -> int:
    """Skip a joiner between number words: a hyphen, or "and" after hundred/thousand."""
    if j < len(tokens) and tokens[j].text == "-" and tokens[j - 1].end == tokens[j].start:
        return j + 1
    if (
        j + 1 < len(tokens)
        and tokens[j].lower == "and"
        and last in ("hundred", "scale")
        and (tokens[j + 1].lower in lex.units or tokens[j + 1].lower in lex.tens)
    ):
        return j + 1
    return j


def _unit(tokens: list[_Token], j: int, lex: _Lexicon) -> tuple[str | None, int | None, bool]:
    """Head noun of the phrase after a number: (unit, unit end offset, other?)."""
    other = False
    fallback: _Token | None = None
    window = tokens[j : j + 5]
    for k, tok in enumerate(window):
        word = tok.lower
        if tok.kind != "word":
            break
        if word in lex.other_words:
            other = True
            if word.endswith("s"):
                return word, tok.end, other  # "Fifteen others"
            continue
        if word in lex.unit_nouns:
            nxt = window[k + 1] if k + 1 < len(window) else None
            if nxt is not None and nxt.kind == "word" and nxt.lower in lex.unit_nouns:
                continue  # "Ukrainian citizens": the nationality modifies the noun
            return word, tok.end, other
        if word in lex.phrase_stops or word in lex.number_words:
            break
        if word not in lex.unit_skip and not word.endswith("ed"):
            fallback = tok  # the last plain word is the head; "-ed" words are participles
    if fallback is None:
        return None, None, other
    return fallback.lower, fallback.end, other


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:\"“”'‘(—–-\n"


def _is_label_or_date(text: str, num: _Number, lex: _Lexicon, people: bool) -> bool:
    """The structural reasons for a number not to be a count."""
    before, after = text[: num.start], text[num.end :]
    if lex.following_re.match(after) or lex.preceding_re.search(before[-40:]):
        return True
    if _lower_bound_of_non_count(before, after, lex):
        return True
    if num.from_digits and num.value <= lex.max_age and _age_apposition(before, after):
        return True
    if num.from_digits:
        if re.match(r"[^\W\d_]|[.:/,-]\d", after) or re.search(
            r"(?:[^\W\d_]-?|\d[.:/-]|\+)$", before
        ):
            return True  # 13th, 301PJ, COVID-19, 18:00, 17.12.2025, 10-15, +375
        prev_digits = re.search(r"(\d+)\s+$", before)
        if prev_digits and not (
            len(prev_digits.group(1)) == 4
            or lex.month_before_re.search(before[: prev_digits.start()][-12:])
        ):
            return True  # a run of digit groups: a phone number or code, not a count
        if num.decimal and not (num.value and people):
            return True
        small_day = 1 <= num.value <= 31 and num.plain_digits.isdigit()
        year = num.plain_digits.isdigit() and YEAR_RANGE[0] <= num.value <= YEAR_RANGE[1]
        month_before = lex.month_before_re.search(before[-12:])
        if (small_day or year) and month_before and month_before.group(1)[0].isupper():
            return True  # Dec. 13, December 2025
        if len(num.plain_digits) == 4 and num.plain_digits.isdigit():
            day_month = lex.day_month_before_re.search(before[-16:])
            if day_month and (day_month.group(1) or day_month.group(2))[0].isupper():
                return True  # "July 4, 1530", "4 July 1530": a date's year, however odd
        month_after = lex.month_after_re.match(after) or lex.shared_month_after_re.match(after)
        if small_day and month_after and month_after.group(1)[0].isupper():
            return True  # 13 December, 4 and 16 December
        shared = lex.shared_month_before_re.search(before[-24:])
        if small_day and shared and shared.group(1)[0].isupper() and not people:
            return True  # December 4 and 16
        prev_word = re.search(r"(\w+)\s+$", before)
        after_preposition = prev_word is not None and (
            prev_word.group(1).lower() in lex.date_prepositions
        )
        if year and len(num.plain_digits) == 4 and (after_preposition or not people):
            return True  # "in 2021", "It was 2014.", "the 2020 protesters"
    name = re.search(r"([A-Z][\w'’]*)\s+$", before)
    if name and not people and not _sentence_initial(text, name.start()):
        word = name.group(1).lower()
        if word not in lex.calendar_words and word not in lex.phrase_stops:
            return True  # General License 13, Resolution 2231
    return False


def _lower_bound_of_non_count(before: str, after: str, lex: _Lexicon) -> bool:
    """'between two and four years', 'three to five months': the first number of a range
    whose second is a duration (or a percentage, an amount). "A and B" needs its opener."""
    m = lex.range_to_non_count_re.match(after)
    if m is None:
        return False
    return m.group(1).strip().lower() != "and" or lex.range_opener_re.search(before) is not None


_NAME_COMMA = re.compile(r"[A-Z][\w'’-]*,\s*$")
_COMMA_AFTER = re.compile(r"\s*,")


def _age_apposition(before: str, after: str) -> bool:
    """'Sauchuk, 58, was detained': a bare number set off by commas after a name is an age."""
    return _NAME_COMMA.search(before) is not None and _COMMA_AFTER.match(after) is not None


def _qualifier(text: str, start: int, lex: _Lexicon) -> tuple[str | None, int]:
    """The qualifier kind and its start offset, if one stands right before `start`."""
    before = text[max(0, start - 40) : start]
    offset = max(0, start - 40)
    m = lex.qualifier_re.search(before)
    if not m:
        return None, start
    phrase = re.sub(r"\s+", " ", m.group(1).lower())
    if phrase == "over":
        prev = re.search(r"(\w+)\s*$", before[: m.start(1)])
        if prev and prev.group(1).lower() in lex.over_particle_verbs:
            return None, start  # "handed over 31 people"
    return lex.qualifier_of[phrase], offset + m.start(1)


def find_counts(text: str) -> list[CountMention]:
    """Every count of people or things in `text`, in order, parts kept separate."""
    if not isinstance(text, str):
        raise TypeError(f"find_counts expects a str, got {type(text).__name__}")
    lex = _lexicon()
    tokens = _tokens(text, lex)
    mentions = _hyphen_ranges(text, lex)
    covered = [(m.start, m.end) for m in mentions]
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if any(start <= tok.start < end for start, end in covered):
            i += 1
            continue
        num: _Number | None = None
        if tok.kind == "num":
            num = _digits_number(tokens, i, lex)
        elif tok.kind == "word" and (tok.lower in lex.number_words or tok.lower in ("a", "an")):
            num = _word_number(tokens, i, lex)
        if num is None:
            i += 1
            continue
        i = num.next_index
        unit, unit_end, other = _unit(tokens, num.next_index, lex)
        people = unit in lex.people_nouns
        if num.bare_one and not people:
            continue  # "one of them", "one news agency"
        if _is_label_or_date(text, num, lex, people):
            continue
        if num.value > lex.max_count:
            continue  # "12345678901234567890123456 prisoners": no plausible count, refused
        qualifier, start = _qualifier(text, num.start, lex)
        if qualifier is None:
            qualifier = "about" if num.dozen else "exact"
        mentions.append(
            CountMention(start, num.end, num.value, qualifier, unit, unit_end, people, other)
        )
    mentions.sort(key=lambda m: m.start)
    return _join_ranges(text, mentions, lex)


_HYPHEN_RANGE = re.compile(r"(?<![\w.,/:-])(\d{1,6})\s?[-–—]\s?(\d{1,6})\s+([^\W\d_]+)")


def _hyphen_ranges(text: str, lex: _Lexicon) -> list[CountMention]:
    """'30-40 prisoners': one count of people, at least the lower bound (a pair of numbers
    before anything else, "10-15", stays a label or a date)."""
    found = []
    for m in _HYPHEN_RANGE.finditer(text):
        low, high, unit = int(m.group(1)), int(m.group(2)), m.group(3).lower()
        if unit in lex.people_nouns and low < high:
            found.append(
                CountMention(m.start(), m.end(2), low, "at_least", unit, m.end(3), True, False)
            )
    return found


def _join_ranges(text: str, mentions: list[CountMention], lex: _Lexicon) -> list[CountMention]:
    """'between 30 and 40 prisoners', '30 to 40 people': one count, at least the lower bound."""
    out: list[CountMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit is None
            and prev.qualifier == "exact"
            and prev.value < mention.value
            and lex.range_joint_re.fullmatch(text[prev.end : mention.start]) is not None
            and (
                lex.range_opener_re.search(text[: prev.start]) is not None
                or text[prev.end : mention.start].strip().lower() != "and"
            )
        ):
            out[-1] = replace(
                mention, start=prev.start, value=prev.value, qualifier="at_least", parts=()
            )
            continue
        out.append(mention)
    return out


def parse_count(span: str) -> CountMention | None:
    """The first count in a short span ("more than 1,000", "fifty-two"), or None."""
    found = find_counts(span)
    return found[0] if found else None


def number_value(span: str) -> int | None:
    """The value of a bare number phrase ("12", "1,000", "fifty-two", "a", "one"), or None.

    No context rules apply: this is for callers that already know the span is a quantity
    (the N of "N weeks ago").
    """
    lex = _lexicon()
    words = span.strip()
    if words.lower() in ("a", "an"):
        return 1
    tokens = _tokens(words, lex)
    if not tokens:
        return None
    if tokens[0].kind == "num":
        num = _digits_number(tokens, 0, lex)
    else:
        num = _word_number(tokens, 0, lex)
    if num is None or num.next_index != len(tokens) or num.decimal:
        return None
    return num.value if num.value <= lex.max_count else None


_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+|plus\s+)?|and\s+|plus\s+)$")


def sum_parts(mentions: Sequence[CountMention], text: str) -> list[CountMention]:
    """Join coordinated parts with units ("14 women and 16 men") into one summed mention.

    Runs like "five Belarusians, three Poles and one Swede" become one mention spanning them,
    value the sum, unit shared or None, qualifier shared or "about", `parts` the pieces.
    A leading total that equals the sum of the parts after it stays apart.
    Other mentions are returned unchanged, in order.
    """
    out: list[CountMention] = []
    run: list[CountMention] = []

    def flush() -> None:
        if len(run) > 2 and run[0].value == sum(m.value for m in run[1:]):
            out.append(run.pop(0))  # "25 people, 10 women and 15 men": a total, then parts
        if len(run) > 1:
            units = {m.unit for m in run}
            qualifiers = {m.qualifier for m in run}
            out.append(
                CountMention(
                    run[0].start,
                    run[-1].unit_end or run[-1].end,
                    sum(m.value for m in run),
                    qualifiers.pop() if len(qualifiers) == 1 else "about",
                    units.pop() if len(units) == 1 else None,
                    run[-1].unit_end,
                    all(m.people for m in run),
                    any(m.other for m in run),
                    tuple(run),
                )
            )
        else:
            out.extend(run)
        run.clear()

    for mention in sorted(mentions, key=lambda m: m.start):
        prev = run[-1] if run else None
        if (
            prev is not None
            and prev.unit_end is not None
            and prev.people
            and mention.people
            and prev.qualifier == mention.qualifier
            and _COORDINATION.fullmatch(text[prev.unit_end : mention.start] + " ") is not None
        ):
            run.append(mention)
            continue
        flush()
        run.append(mention)
    flush()
    return out
