"""Date expressions in a sentence, resolved to intervals against the publication date.

A small regex resolver over `lexicons/dates.yaml` (DESIGN.md: dateparser invents dates from
"after a" and knows no "at the end of last week"). Meanings follow DEV.md section 5:

- "on Tuesday": the latest Tuesday on or before `published` (the same day if it is one);
  "last Tuesday" is strictly before it, "next Tuesday" strictly after.
- "last week": Monday to Sunday of the week before; "at the end of last week": Thursday to
  Sunday of it; "this week", "this month", "(earlier) this year": from the period's start
  to `published`; "later this month": from `published` to the period's end.
- Parts of a period (lexicon `part_ranges`): early = first third, mid = middle third,
  late = last third; "the end of" is Thu-Sun of a week, days 21-end of a month, December of
  a year; "the start of" is Mon-Wed, days 1-10, January.
- "in June", "last month": the whole month. A day or month without a year takes `year_hint`,
  else the last year written before it in the same sentence ("in October 2025 ... on
  November 20"; anywhere earlier in the text when `published` is None), else the latest
  such date on or before `published`, else stays None.
- A stated period that contains `published` ends at `published` ("in 2025" in a text of
  2025-12-23 is 2025-01-01..2025-12-23): the text reports what has happened.
- "in 2021", "since 2021": the whole year; `preposition` says "since" so the caller can run
  a cumulative period on to `published`.
- "N days ago": that day ("about" widens it by a day); "a month ago", "two weeks ago":
  that day give or take one; "about N weeks ago": from
  `published` - (N+1) weeks to `published` - (N-1) weeks, likewise for months and years.
- "in the past N days/months", "the last twelve months": `published` - N units to `published`.
- "the day before", "days later", "two days earlier", "on the day of": `anchor_relative`;
  dates stay None and `offset_min_days`/`offset_max_days` hold the offset from the other
  event, applied by `resolve_relative_to_event` ("days later" is +1..+14).
- "between July 2024 and the end of last year", "from May to June", "2020-2022": one range.
- "over the weekend": the latest Saturday-Sunday begun by `published`.

With `published` None, expressions that need it come back with dates None and
`relative=True`, so the caller still knows that a time was stated.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from quidproquo.extract.counts import alternation, number_value
from quidproquo.extract.lexicon import load_lexicon

LEXICON = "dates.yaml"
PERIOD_UNITS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateMention:
    """A date expression; `text[start:end]` includes a leading preposition ("since 2021")."""

    start: int
    end: int
    date_min: dt.date | None
    date_max: dt.date | None
    precision: str  # day, week, month, year, range
    relative: bool  # resolved against `published` (or needed it and it was None)
    anchor_relative: bool  # relative to another event in the text, not to `published`
    preposition: str | None = None  # on, in, since, by, until, between, ... lowercased
    offset_min_days: int | None = None  # for anchor_relative: offsets from the other event
    offset_max_days: int | None = None
    # the reading as a coming date when the year or week was inferred from `published`
    # ("will free them on March 10" in a text of March 2): see `forward`
    ahead_min: dt.date | None = None
    ahead_max: dt.date | None = None
    invalid: bool = False  # "31 February 2026": a date that does not exist (never coerced)


def _whole_words(phrases: Iterable[str]) -> str:
    """The phrases as an alternation that starts and ends at word boundaries."""
    return r"\b(?:" + alternation(list(phrases)) + r")\b"


# ----------------------------------------------------------------------------- calendar


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_years(day: dt.date, years: int) -> dt.date:
    return _add_months(day, 12 * years)


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(day, n)
    return _add_years(day, n)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _unit_of(word: str) -> str:
    """'weeks' -> 'week'."""
    word = word.lower()
    return word[:-1] if word.endswith("s") else word


# ----------------------------------------------------------------------------- lexicon


class _DateLexicon:
    def __init__(self, data: dict[str, Any]) -> None:
        self.months: dict[str, int] = {**data["months"], **data["month_abbreviations"]}
        self.full_months = set(data["months"])
        self.ambiguous_months = set(data["ambiguous_months"])
        self.weekdays: dict[str, int] = dict(data["weekdays"])
        self.seasons: dict[str, list[int]] = dict(data["seasons"])
        self.relative_days: dict[str, int] = dict(data["relative_days"])
        self.recent_weekend: list[str] = list(data["recent_weekend"])
        self.part_of: dict[str, str] = dict(data["period_parts"])
        self.part_ranges: dict[str, dict[str, list[int]]] = dict(data["part_ranges"])
        self.which: dict[str, str] = dict(data["period_which"])
        self.anchors: dict[str, list[int]] = dict(data["anchor_phrases"])
        self.directions: dict[str, int] = dict(data["anchor_directions"])
        self.vague: dict[str, list[int]] = dict(data["vague_quantities"])
        self.approximations = set(data["approximations"])
        self.openings: list[str] = list(data["period_openings"])
        self.current: list[str] = list(data["current_period_determiners"])
        self.patterns = self._compile(data["prepositions"])

    def _compile(
        self, prepositions: list[str]
    ) -> list[tuple[re.Pattern[str], str, re.Pattern[str] | None]]:
        """(pattern, kind, cue): the cue is a part every match of the pattern contains,
        searched first so that a sentence without it skips the pattern (same matches)."""
        prep = r"(?:\b(?P<prep>" + alternation(prepositions) + r")\s+)?"
        month = r"(?P<mon>" + alternation(list(self.months)) + r")\b\.?"
        full_month = r"(?P<mon>" + alternation(list(self.full_months)) + r")\b"
        weekday = r"(?P<wd>" + alternation(list(self.weekdays)) + r")\b"
        part = r"(?:\b(?P<part>" + alternation(list(self.part_of)) + r")(?:\s+|\s*-\s*))?"
        year = r"(?P<y>(?:18|19|20)\d{2})(?![\d%])"
        day_year = r"(?P<y>\d{4})(?![\d%])"  # after a day and month, any year: checked at entry
        day = (
            r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
            r"(?![\d:.]\d)"
        )
        number = r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?|a|an)"
        vague = r"(?P<vague>" + alternation(list(self.vague)) + r")"
        approx = r"(?:\b(?P<approx>" + alternation(list(self.approximations)) + r")\s+)?"
        units = r"(?P<unit>days?|weeks?|months?|years?)"
        which = r"(?P<which>" + alternation(list(self.which)) + r")"
        period = r"(?P<period>week|weekend|month|year)"
        season = r"(?P<season>" + alternation(list(self.seasons)) + r")"
        directions = r"(?P<dir>" + alternation(list(self.directions)) + r")"
        # cues: a part every match of the pattern contains; each word stands at a word start
        # (and end) in every pattern using it, so the cue may demand the same boundaries
        units_cue = r"\b(?:day|week|month|year)"  # "weekend" too, so no boundary after
        months = _whole_words(self.months)
        full_months = _whole_words(self.full_months)
        weekdays = _whole_words(self.weekdays)
        weekends = _whole_words(self.recent_weekend)
        relatives = _whole_words(self.relative_days)
        seasons = _whole_words(self.seasons)
        directions_cue = _whole_words(self.directions)
        sources = [
            (r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])", "iso", r"\d-\d"),
            (
                r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.])",
                "dotted",
                r"\d\.\d",
            ),
            (
                prep
                + r"(?:"
                + weekday
                + r",?\s+)?\b"
                + month
                + r"\s+"
                + day
                + r"(?:,?\s+"
                + day_year
                + r")?",
                "month_day",
                months,
            ),
            (
                prep
                + r"(?:"
                + weekday
                + r",?\s+)?(?:the\s+)?\b"
                + day
                + r"\s+(?:of\s+)?"
                + month
                + r"(?:,?\s+"
                + day_year
                + r")?",
                "day_month",
                months,
            ),
            (prep + part + r"\b" + month + r",?\s+" + year, "month_year", months),
            # "since last July": "last" before a bare month adds nothing (the latest July)
            (prep + part + r"\b(?:last\s+)?" + full_month + r"(?!\s+\d)", "month", full_months),
            (
                prep + part + r"\b" + year + r"(?:\s*(?:-|–|—|and|to|until|through)\s*"
                r"(?P<y2>(?:18|19|20)\d{2})(?![\d%]))?",
                "year",
                r"(?:18|19|20)\d\d",
            ),
            (
                prep + r"\b(?P<weekend>" + alternation(list(self.recent_weekend)) + r")\b",
                "recent_weekend",
                weekends,
            ),
            (
                prep + r"(?:\b(?P<which>last|this|next|past)\s+)?\b" + weekday + r"(?:['’]s)?",
                "weekday",
                weekdays,
            ),
            (
                prep + r"\b(?P<rel>" + alternation(list(self.relative_days)) + r")\b(?:['’]s)?",
                "relative_day",
                relatives,
            ),
            (
                r"\b(?P<prep>since)\s+(?:the\s+)?(?:"
                + alternation(self.openings)
                + r")\s+of\s+(?:"
                + alternation(self.current)
                + r")\s+"
                + period
                + r"\b",
                "since_opening",
                r"since",
            ),
            (prep + part + r"\b" + which + r"\s+" + period + r"\b", "period", units_cue),
            (
                prep + r"\bthe\s+(?:past|last)\s+(?:" + number + r"\s+)?" + units + r"\b",
                "rolling",
                units_cue,
            ),
            (
                approx + r"\b(?:" + vague + r"|" + number + r")\s+" + units + r"\s+ago\b",
                "ago",
                r"ago",
            ),
            (
                prep
                + r"(?:\b(?P<which>last|this|next)\s+|\bthe\s+)?\b"
                + season
                + r"(?:\s+(?:of\s+)?"
                + year
                + r")?\b",
                "season",
                seasons,
            ),
            (
                approx + r"\b" + number + r"\s+" + units + r"\s+" + directions + r"\b",
                "anchor_n",
                directions_cue,
            ),
            (r"\b(?P<anchor>" + alternation(list(self.anchors)) + r")\b", "anchor", None),
        ]
        return [
            (re.compile(source, re.I), kind, re.compile(cue, re.I) if cue else None)
            for source, kind, cue in sources
        ]


@lru_cache(maxsize=1)
def freed_group_words() -> frozenset[str]:
    """Words that name a group by its release ("those freed"): lexicons/dates.yaml."""
    return frozenset(map(str, load_lexicon(LEXICON, ("freed_group_words",))["freed_group_words"]))


@lru_cache(maxsize=1)
def _lexicon() -> _DateLexicon:
    data = load_lexicon(
        LEXICON,
        (
            "months",
            "month_abbreviations",
            "ambiguous_months",
            "weekdays",
            "seasons",
            "relative_days",
            "recent_weekend",
            "prepositions",
            "period_parts",
            "part_ranges",
            "period_which",
            "anchor_phrases",
            "anchor_directions",
            "vague_quantities",
            "approximations",
            "period_openings",
            "current_period_determiners",
        ),
    )
    return _DateLexicon(data)


# ----------------------------------------------------------------------------- resolving


@dataclass(frozen=True)
class _Context:
    published: dt.date | None
    year_hint: int | None
    lex: _DateLexicon
    text: str = ""
    text_years: tuple[tuple[int, int], ...] = ()  # (offset, year) of explicit years in the text

    def hint(self, position: int) -> int | None:
        """`year_hint`, else the last year written before `position` in the same sentence
        (in the whole text when there is no `published` to fall back on)."""
        if self.year_hint is not None:
            return self.year_hint
        for offset, year in reversed(self.text_years):
            if offset < position and (
                self.published is None or not _SENTENCE_END.search(self.text, offset, position)
            ):
                return year
        return None


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“]?[A-Z])|\n")


# What a handler returns: (date_min, date_max, precision, relative, anchor offsets or None).
_Resolved = tuple[dt.date | None, dt.date | None, str, bool, tuple[int, int] | None]
# A handler's answer for a written date that does not exist ("31 February 2026").
_INVALID: _Resolved = (None, None, "invalid", False, None)


def _interval(lo: dt.date | None, hi: dt.date | None, precision: str, relative: bool) -> _Resolved:
    return lo, hi, precision, relative, None


def _unresolved(precision: str) -> _Resolved:
    return None, None, precision, True, None


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _key(m: re.Match[str], name: str) -> str | None:
    value = _group(m, name)
    return re.sub(r"\s+", " ", value.lower()) if value else None


def _explicit_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    mon_text = _group(m, "mon")
    if mon_text and mon_text.lower() in ctx.lex.ambiguous_months and mon_text[0].islower():
        return None  # "14 may attend"
    month = ctx.lex.months[mon_text.lower()] if mon_text else int(m.group("m"))
    day = int(m.group("d"))
    last_day = int(_group(m, "d2") or day)
    if last_day < day:
        return None
    if _group(m, "y"):
        return _day_interval(int(m.group("y")), month, day, last_day, relative=False)
    hint = ctx.hint(m.start())
    if hint is not None:
        return _day_interval(hint, month, day, last_day, relative=False)
    if ctx.published is None:
        return _unresolved("day" if last_day == day else "range")
    year = ctx.published.year
    if (month, day) > (ctx.published.month, ctx.published.day):
        year -= 1
    return _day_interval(year, month, day, last_day, relative=True)


def _day_interval(
    year: int, month: int, day: int, last_day: int, relative: bool
) -> _Resolved | None:
    try:
        lo, hi = dt.date(year, month, day), dt.date(year, month, last_day)
    except ValueError:
        return _INVALID  # "February 30": not a date, and no month of it either
    return _interval(lo, hi, "day" if lo == hi else "range", relative)


def _month_interval(
    year: int, month: int, part: str | None, ctx: _Context, relative: bool
) -> _Resolved:
    if part is None:
        return _interval(dt.date(year, month, 1), _month_end(year, month), "month", relative)
    first, last = ctx.lex.part_ranges["month"][part]
    last_day = min(last, _month_end(year, month).day)
    return _interval(dt.date(year, month, first), dt.date(year, month, last_day), "range", relative)


def _year_interval(year: int, part: str | None, ctx: _Context, relative: bool) -> _Resolved:
    if part is None:
        return _interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", relative)
    first, last = ctx.lex.part_ranges["year"][part]
    return _interval(dt.date(year, first, 1), _month_end(year, last), "range", relative)


def _part(m: re.Match[str], ctx: _Context) -> str | None:
    key = _key(m, "part")
    return ctx.lex.part_of[key] if key else None


def _month_in_context(m: re.Match[str], ctx: _Context) -> bool:
    """'the May pardons', 'May and October', 'in March and May': an ambiguous month name
    after 'the' or coordinated with another month name is the month."""
    before, after = ctx.text[: m.start()].lower(), ctx.text[m.end() :].lower()
    if re.search(r"\bthe\s+$", before):
        return True
    months = "|".join(re.escape(name) for name in ctx.lex.months)
    return bool(
        re.match(r"\s*(?:,|and|&|or)\s*(?:" + months + r")\b", after)
        or re.search(r"\b(?:" + months + r")\s*(?:,|and|&|or)\s*$", before)
    )


def _month(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    mon_text = m.group("mon")
    part = _part(m, ctx)
    if not mon_text[0].isupper():
        return None  # month names are capitalised; "may" and "march" are words too
    if mon_text.lower() in ctx.lex.ambiguous_months and not (
        _group(m, "prep") or part or _month_in_context(m, ctx)
    ):
        return None
    month = ctx.lex.months[mon_text.lower()]
    if _group(m, "y"):
        return _up_to_published(
            _month_interval(int(m.group("y")), month, part, ctx, relative=False), ctx
        )
    hint = ctx.hint(m.start())
    if hint is not None:
        return _up_to_published(_month_interval(hint, month, part, ctx, relative=False), ctx)
    if ctx.published is None:
        return _unresolved("month" if part is None else "range")
    year = ctx.published.year - (1 if month > ctx.published.month else 0)
    return _up_to_published(_month_interval(year, month, part, ctx, relative=True), ctx)


def _up_to_published(resolved: _Resolved, ctx: _Context) -> _Resolved:
    """A stated past period that contains `published` ends there ("in 2025", in 2025)."""
    lo, hi, precision, relative, offsets = resolved
    pub = ctx.published
    if pub is not None and lo is not None and hi is not None and lo <= pub < hi:
        return lo, pub, "range", relative, offsets
    return resolved


def _year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if not (_group(m, "prep") or _group(m, "part")):
        return None  # a bare four-digit number is not taken as a date
    first = _year_interval(int(m.group("y")), _part(m, ctx), ctx, relative=False)
    if _group(m, "y2"):
        last_year = int(m.group("y2"))
        if last_year <= int(m.group("y")):
            return None
        first = first[0], dt.date(last_year, 12, 31), "range", False, None
    return _up_to_published(first, ctx)


def _recent_weekend(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """'over the weekend': the latest Saturday-Sunday that has begun by `published`."""
    if ctx.published is None:
        return _unresolved("range")
    saturday = _monday(ctx.published) + dt.timedelta(days=5)
    if saturday > ctx.published:
        saturday -= dt.timedelta(weeks=1)
    return _interval(saturday, min(saturday + dt.timedelta(days=1), ctx.published), "range", True)


def _weekday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if ctx.published is None:
        return _unresolved("day")
    target = ctx.lex.weekdays[m.group("wd").lower()]
    which = _key(m, "which")
    pub = ctx.published
    if which == "next":
        delta = (target - pub.weekday()) % 7 or 7
        day = pub + dt.timedelta(days=delta)
    elif which == "this":
        day = _monday(pub) + dt.timedelta(days=target)
    else:
        delta = (pub.weekday() - target) % 7
        if which in ("last", "past") and delta == 0:
            delta = 7
        day = pub - dt.timedelta(days=delta)
    return _interval(day, day, "day", True)


def _relative_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if ctx.published is None:
        return _unresolved("day")
    day = ctx.published + dt.timedelta(days=ctx.lex.relative_days[_key(m, "rel") or ""])
    return _interval(day, day, "day", True)


def _period(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    which = ctx.lex.which[_key(m, "which") or ""]
    period = m.group("period").lower()
    part = _part(m, ctx)
    pub = ctx.published
    if pub is None:
        return _unresolved(period if part is None else "range")
    step = {"last": -1, "this": 0, "later": 0, "next": 1}[which]
    if period == "weekend":
        saturday = _monday(pub) + dt.timedelta(days=5 + 7 * step)
        if which == "last":
            saturday = _monday(pub) - dt.timedelta(days=2)
        return _interval(saturday, saturday + dt.timedelta(days=1), "range", True)
    if period == "week":
        lo = _monday(pub) + dt.timedelta(weeks=step)
        hi = lo + dt.timedelta(days=6)
        if part:
            first, last = ctx.lex.part_ranges["week"][part]
            lo, hi = lo + dt.timedelta(days=first), lo + dt.timedelta(days=last)
    elif period == "month":
        lo = _add_months(pub.replace(day=1), step)
        hi = _month_end(lo.year, lo.month)
        if part:
            first, last = ctx.lex.part_ranges["month"][part]
            lo, hi = lo.replace(day=first), lo.replace(day=min(last, hi.day))
    else:
        lo, hi = dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31)
        if part:
            first, last = ctx.lex.part_ranges["year"][part]
            lo, hi = lo.replace(month=first), _month_end(lo.year, last)
    if which == "this" and lo <= pub:
        hi = min(hi, pub)
    if which == "later":
        lo = max(lo, pub)
    precision = period if part is None and which in ("last", "next") else "range"
    return _interval(lo, hi, precision, True)


def _since_opening(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """'since the start of the year': the current period's first day to `published`."""
    pub = ctx.published
    if pub is None:
        return _unresolved("range")
    period = m.group("period").lower()
    if period == "week":
        lo = _monday(pub)
    elif period == "month":
        lo = pub.replace(day=1)
    elif period == "year":
        lo = dt.date(pub.year, 1, 1)
    else:
        return None
    return _interval(lo, pub, "range", True)


def _quantity(m: re.Match[str], ctx: _Context) -> tuple[int, int] | None:
    """(minimum, maximum) of the N in "N weeks ago", "a few days later"."""
    vague = _key(m, "vague")
    if vague:
        low, high = ctx.lex.vague[vague]
        return low, high
    n = number_value(m.group("n"))
    return None if n is None else (n, n)


def _rolling(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    n = 1 if not _group(m, "n") else number_value(m.group("n"))
    if n is None:
        return None
    if ctx.published is None:
        return _unresolved("range")
    lo = _shift(ctx.published, _unit_of(m.group("unit")), -n)
    return _interval(lo, ctx.published, "range", True)


def _ago(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    quantity = _quantity(m, ctx)
    if quantity is None:
        return None
    low, high = quantity
    unit = _unit_of(m.group("unit"))
    if ctx.published is None:
        return _unresolved("range")
    if unit == "day" and low == high and not _group(m, "approx"):
        day = ctx.published - dt.timedelta(days=low)
        return _interval(day, day, "day", True)
    if unit in ("week", "month") and low == high and not _group(m, "approx"):
        day = _shift(ctx.published, unit, -low)  # "a month ago": that day, give or take one
        return _interval(day - dt.timedelta(days=1), day + dt.timedelta(days=1), "range", True)
    widen = 1 if unit != "day" or _group(m, "approx") else 0
    lo = _shift(ctx.published, unit, -(high + widen))
    hi = _shift(ctx.published, unit, -max(low - widen, 0))
    return _interval(lo, hi, "range", True)


def _season(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    first, last = ctx.lex.seasons[m.group("season").lower()]
    which = _key(m, "which")
    if _group(m, "y"):
        year = int(m.group("y"))
    elif which is None:
        return None  # "the summer" alone places nothing
    elif ctx.published is None:
        return _unresolved("range")
    else:
        pub = ctx.published
        # the season of this year that has begun ("this") or ended ("last") by `published`
        year = pub.year
        if which == "last":
            ended = _month_end(year + (1 if last < first else 0), last) < pub
            year = year if ended else year - 1
        elif which == "next":
            year += 1
        if last < first and which == "this" and pub.month <= last:
            year -= 1
    lo = dt.date(year, first, 1)
    hi = _month_end(year + (1 if last < first else 0), last)
    return _up_to_published(_interval(lo, hi, "range", not _group(m, "y")), ctx)


def _anchor_offsets(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if _group(m, "anchor"):
        low, high = ctx.lex.anchors[_key(m, "anchor") or ""]
    else:
        quantity = _quantity(m, ctx)
        if quantity is None:
            return None
        n_low, n_high = quantity
        if _group(m, "approx"):
            n_low, n_high = max(n_low - 1, 0), n_high + 1
        unit = _unit_of(m.group("unit"))
        days_low, days_high = {
            "day": (1, 1),
            "week": (7, 7),
            "month": (28, 31),
            "year": (365, 366),
        }[unit]
        sign = ctx.lex.directions[_key(m, "dir") or ""]
        low, high = sorted((sign * n_low * days_low, sign * n_high * days_high))
    return None, None, "day" if low == high else "range", False, (low, high)


_HANDLERS: dict[str, Callable[[re.Match[str], _Context], _Resolved | None]] = {
    "iso": _explicit_day,
    "dotted": _explicit_day,
    "month_day": _explicit_day,
    "day_month": _explicit_day,
    "month_year": _month,
    "month": _month,
    "year": _year,
    "weekday": _weekday,
    "relative_day": _relative_day,
    "recent_weekend": _recent_weekend,
    "period": _period,
    "since_opening": _since_opening,
    "rolling": _rolling,
    "ago": _ago,
    "season": _season,
    "anchor_n": _anchor_offsets,
    "anchor": _anchor_offsets,
}


_AHEAD_KINDS = frozenset({"month_day", "day_month", "weekday", "month"})


def _ahead(
    kind: str, m: re.Match[str], resolved: _Resolved, ctx: _Context
) -> tuple[dt.date, dt.date] | None:
    """The next occurrence of a date whose year (or week) was guessed from `published`:
    the reading a promised act needs ("will free 7 on March 10", written on March 2)."""
    lo, hi, _precision, relative, _offsets = resolved
    pub = ctx.published
    if kind not in _AHEAD_KINDS or not relative or pub is None or lo is None or hi is None:
        return None
    if kind == "weekday" and not _key(m, "which"):
        return (lo, hi) if lo >= pub else (lo + dt.timedelta(weeks=1), hi + dt.timedelta(weeks=1))
    if kind in ("month_day", "day_month"):
        return (lo, hi) if lo >= pub else (_add_years(lo, 1), _add_years(hi, 1))
    if kind == "month" and not _part(m, ctx):
        month = ctx.lex.months[m.group("mon").lower()]
        if month == pub.month:
            return pub, _month_end(pub.year, month)
        year = pub.year + (1 if month < pub.month else 0)
        return dt.date(year, month, 1), _month_end(year, month)
    return None


def _mention(
    m: re.Match[str], resolved: _Resolved, ahead: tuple[dt.date, dt.date] | None = None
) -> DateMention:
    lo, hi, precision, relative, offsets = resolved
    return DateMention(
        start=m.start(),
        end=m.end(),
        date_min=lo,
        date_max=hi,
        precision=precision,
        relative=relative,
        anchor_relative=offsets is not None,
        preposition=_key(m, "prep"),
        offset_min_days=offsets[0] if offsets else None,
        offset_max_days=offsets[1] if offsets else None,
        ahead_min=ahead[0] if ahead else None,
        ahead_max=ahead[1] if ahead else None,
        invalid=resolved is _INVALID,
    )


def forward(mention: DateMention) -> DateMention:
    """`mention` read as a coming date (for announced acts); unchanged when it has no such
    reading or already lies ahead."""
    if mention.ahead_min is None or mention.ahead_max is None:
        return mention
    return replace(mention, date_min=mention.ahead_min, date_max=mention.ahead_max)


_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|through|-|–|—)\s*", re.I)


def _join_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """'between A and B', 'from A to B' become one range from A's start to B's end."""
    out: list[DateMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.preposition in ("between", "from")
            and not prev.anchor_relative
            and not mention.anchor_relative
            and _RANGE_JOIN.fullmatch(text[prev.end : mention.start] + (mention.preposition or ""))
        ):
            known = None not in (prev.date_min, mention.date_max)
            out[-1] = replace(
                prev,
                end=mention.end,
                date_min=prev.date_min if known else None,
                date_max=mention.date_max if known else None,
                precision="range",
                relative=prev.relative or mention.relative,
            )
            continue
        out.append(mention)
    return out


_YEAR_KINDS = ("iso", "dotted", "month_day", "day_month", "month_year", "year")


def _text_years(
    matches: list[tuple[str, list[re.Match[str]]]], lex: _DateLexicon
) -> tuple[tuple[int, int], ...]:
    """Offsets and values of the years written in explicit dates, from each pattern's
    matches in the text."""
    bare = _Context(None, None, lex)
    found = []
    for kind, found_by_kind in matches:
        if kind not in _YEAR_KINDS:
            continue
        for m in found_by_kind:
            if _group(m, "y") and _HANDLERS[kind](m, bare) not in (None, _INVALID):
                found.append((m.start(), int(m.group("y"))))
    return tuple(sorted(found))


def find_dates(
    text: str, published: dt.date | None, year_hint: int | None = None
) -> list[DateMention]:
    """Every date expression in `text`, in order, resolved against `published`."""
    if not isinstance(text, str):
        raise TypeError(f"find_dates expects text as str, got {type(text).__name__}")
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is not None and not isinstance(published, dt.date):
        raise TypeError(
            f"find_dates expects published as datetime.date or None, got {type(published).__name__}"
        )
    lex = _lexicon()
    cued: dict[re.Pattern[str] | None, bool] = {None: True}  # patterns share cues
    matches = []
    for pattern, kind, cue in lex.patterns:
        if cue not in cued:
            cued[cue] = cue is not None and cue.search(text) is not None
        matches.append((kind, list(pattern.finditer(text)) if cued[cue] else []))
    ctx = _Context(published, year_hint, lex, text, _text_years(matches, lex))
    candidates: list[DateMention] = []
    for kind, found in matches:
        for m in found:
            resolved = _HANDLERS[kind](m, ctx)
            if resolved is not None:
                candidates.append(_mention(m, resolved, _ahead(kind, m, resolved, ctx)))
    chosen: list[DateMention] = []
    # longest first; an impossible day ("31 February 2026") keeps its whole span, so no
    # shorter reading inside it ("February 2026") stands in for it
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, not c.invalid, c.start)):
        if all(cand.end <= kept.start or cand.start >= kept.end for kept in chosen):
            chosen.append(cand)
    return _join_ranges(text, _shared_month_days(text, sorted(chosen, key=lambda c: c.start)))


_DAY_BEFORE = re.compile(
    r"(?:\b(?P<prep>between|from)\s+)?\b(?P<day>\d{1,2})\s*"
    r"(?:,\s*(?:and\s+)?|and\s+|&\s*|(?P<span>to\s+|[-–]\s*))$",
    re.I,
)
_RANGE_OPEN = re.compile(r"\b(?P<prep>between|from)\s+(?P<day>\d{1,2})\s*$", re.I)
# "September 4 and 16," (never "September 4 and 16 people", "4 and 16%")
_DAY_AFTER = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?P<day>\d{1,2})\b(?!\s*[^\W\d_]|\s*%|[.:/-]\d)"
)


def _shared_month_days(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """'on 4 and 16 September', 'September 4 and 16,': a bare day coordinated with a dated
    day shares its month and year (one mention per day)."""
    out: list[DateMention] = []
    for mention in mentions:
        day = mention.date_min
        if mention.precision != "day" or day is None or mention.date_max != day:
            out.append(mention)
            continue
        day_first = bool(re.match(r"\s*(?:[a-z]+\s+)?\d", text[mention.start : mention.end]))
        before = _DAY_BEFORE.search(text[: mention.start]) if day_first else None
        if day_first and mention.preposition in ("to", "until", "till"):
            before = _RANGE_OPEN.search(text[: mention.start])  # "from 3 to 10 December"
        after = None if day_first else _DAY_AFTER.match(text[mention.end :])
        if before and (before.group("prep") or not before.groupdict().get("span")):
            out += _day_of(mention, day, before)
        out.append(mention)
        if after:
            out += _day_of(mention, day, after, mention.end)
    return out


def _day_of(
    mention: DateMention, day: dt.date, match: re.Match[str], offset: int = 0
) -> list[DateMention]:
    """The mention of the day `match` writes, in `day`'s month (none if no such day)."""
    try:
        other = day.replace(day=int(match.group("day")))
    except ValueError:
        return []
    opener = match.groupdict().get("prep")  # "between 3 and 10 December": a range's start
    start = offset + (match.start("prep") if opener else match.start("day"))
    end = offset + match.end("day")
    preposition = opener.lower() if opener else mention.preposition
    return [
        replace(
            mention, start=start, end=end, date_min=other, date_max=other, preposition=preposition
        )
    ]


def resolve_relative_to_event(
    mention: DateMention, event_min: dt.date | None, event_max: dt.date | None
) -> DateMention:
    """Place an anchor-relative mention ("the day before") against the other event's dates.

    Mentions that are not anchor-relative, or an anchor with unknown dates, come back unchanged.
    """
    if not mention.anchor_relative or event_min is None or event_max is None:
        return mention
    low = mention.offset_min_days or 0
    high = mention.offset_max_days or 0
    lo = event_min + dt.timedelta(days=low)
    hi = event_max + dt.timedelta(days=high)
    return replace(mention, date_min=lo, date_max=hi, precision="day" if lo == hi else "range")


# A dateline: "VILNIUS, Sept 11 (Wire) -", "MINSK, 19 March.", "London, 20 January 2026." (a
# place or outlet, a comma, the day) or "March 5, Outlet." (the day first).
_DATELINE_PLACE = re.compile(r"[A-Z][^.!?\n\d]{0,60},\s*$")
_DATELINE_AFTER_PLACE = re.compile(r"\s*(?:\([^()\n]{0,40}\)\s*)?[.:\-–—]")
_DATELINE_AFTER_DAY = re.compile(r",\s*[A-Z][^.!?\n\d]{0,40}[.:]")
DATELINE_WINDOW = 80  # characters at the head of a text where a dateline may stand
DATELINE_DRIFT = dt.timedelta(days=3)  # filing (local) date vs publication stamp


def dateline_date(text: str, published: dt.date | None) -> dt.date | None:
    """The filing date a dateline at the head of `text` gives, or None.

    A dateline without a year takes the year that puts it nearest `published`, so a local
    date a day after a UTC stamp ("MINSK, March 3", published 2026-03-02T23:30Z) stays in
    2026. With `published` known, a dateline more than `DATELINE_DRIFT` from it is not
    trusted; with `published` None only a dateline with a year counts.
    """
    head = text[:DATELINE_WINDOW]
    for mention in find_dates(head, None):
        if mention.preposition or mention.precision not in ("day", "invalid"):
            continue
        before, after = head[: mention.start], head[mention.end :]
        ends = head[mention.end - 1] == "."  # "MINSK, 19 March." (the month took the stop)
        placed = bool(_DATELINE_PLACE.fullmatch(before)) and (
            ends or bool(_DATELINE_AFTER_PLACE.match(after))
        )
        first = not before.strip() and bool(_DATELINE_AFTER_DAY.match(after))
        if not (placed or first) or mention.invalid:
            return None
        return _dateline_day(mention, head, published)
    return None


def _dateline_day(mention: DateMention, head: str, published: dt.date | None) -> dt.date | None:
    if mention.date_min is not None:  # the year is written
        day = mention.date_min
        if published is not None and abs(day - published) > DATELINE_DRIFT:
            return None
        return day
    if published is None:
        return None
    reread = find_dates(head[mention.start : mention.end], dt.date(published.year, 12, 31))
    if not reread or reread[0].date_min is None:
        return None
    month, day_of_month = reread[0].date_min.month, reread[0].date_min.day
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, month, day_of_month))
        except ValueError:
            continue
    if not options:
        return None
    nearest = min(options, key=lambda d: abs(d - published))
    return nearest if abs(nearest - published) <= DATELINE_DRIFT else None


def reference_date(text: str, published: dt.date | None) -> dt.date | None:
    """The anchor for relative dates in `text`: its dateline's day, else `published`."""
    return dateline_date(text, published) or published


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.I)


def respective_dates(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """'On 11 March and 2 May he freed 9 and 14 people, respectively': the coordinated dates,
    in order, that pair with the coordinated counts; [] without 'respectively'."""
    if not _RESPECTIVELY.search(text):
        return []
    best: list[DateMention] = []
    run: list[DateMention] = []
    for mention in mentions:
        if mention.date_min is None or mention.anchor_relative:
            run = []
            continue
        joined = bool(run) and _COORDINATED.fullmatch(text[run[-1].end : mention.start] + " ")
        run = [*run, mention] if joined else [mention]
        if len(run) > len(best):
            best = list(run)
    return best if len(best) > 1 else []
