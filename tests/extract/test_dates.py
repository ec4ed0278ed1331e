"""Date expressions resolved against the publication date (DEV.md 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from quidproquo.extract.dates import DateMention, find_dates, resolve_relative_to_event

D = dt.date
WED = D(2025, 12, 17)  # a Wednesday


def only(text: str, published: dt.date | None = WED, year_hint: int | None = None) -> DateMention:
    found = find_dates(text, published, year_hint)
    assert len(found) == 1, found
    return found[0]


def interval(text: str, published: dt.date | None = WED,
             year_hint: int | None = None) -> tuple[dt.date | None, dt.date | None]:
    mention = only(text, published, year_hint)
    return mention.date_min, mention.date_max


# (sentence, expected interval) with published = Wednesday 2025-12-17.
CASES = [
    ("The envoy arrived on Tuesday.", (D(2025, 12, 16), D(2025, 12, 16))),
    ("The envoy arrived on Wednesday.", (WED, WED)),
    ("The envoy arrived on Thursday.", (D(2025, 12, 11), D(2025, 12, 11))),
    ("The envoy arrived last Wednesday.", (D(2025, 12, 10), D(2025, 12, 10))),
    ("Thursday's pardons surprised many.", (D(2025, 12, 11), D(2025, 12, 11))),
    ("The talks began Friday evening.", (D(2025, 12, 12), D(2025, 12, 12))),
    ("They were freed last week.", (D(2025, 12, 8), D(2025, 12, 14))),
    ("They were freed at the end of last week.", (D(2025, 12, 11), D(2025, 12, 14))),
    ("They were freed this week.", (D(2025, 12, 15), WED)),
    ("Curbs were eased earlier this year.", (D(2025, 1, 1), WED)),
    ("Curbs were eased earlier this month.", (D(2025, 12, 1), WED)),
    ("The envoy met him last month.", (D(2025, 11, 1), D(2025, 11, 30))),
    ("The envoy met him in June.", (D(2025, 6, 1), D(2025, 6, 30))),
    ("The envoy met him in June 2024.", (D(2024, 6, 1), D(2024, 6, 30))),
    ("The envoy met him in December.", (D(2025, 12, 1), WED)),
    ("Sanctions were imposed last year.", (D(2024, 1, 1), D(2024, 12, 31))),
    ("He was arrested in 2021.", (D(2021, 1, 1), D(2021, 12, 31))),
    ("He has been jailed since 2021.", (D(2021, 1, 1), D(2021, 12, 31))),
    ("It happened on Sept. 11.", (D(2025, 9, 11), D(2025, 9, 11))),
    ("It happened on September 11.", (D(2025, 9, 11), D(2025, 9, 11))),
    ("It happened on 11 September.", (D(2025, 9, 11), D(2025, 9, 11))),
    ("It happened Sept 11, 2024.", (D(2024, 9, 11), D(2024, 9, 11))),
    ("It happened on 2024-09-11.", (D(2024, 9, 11), D(2024, 9, 11))),
    ("Posted 17.12.2025 18:00 by the desk.", (WED, WED)),
    ("It happened on Dec. 20.", (D(2024, 12, 20), D(2024, 12, 20))),
    ("They were freed yesterday.", (D(2025, 12, 16), D(2025, 12, 16))),
    ("They were freed today.", (WED, WED)),
    ("He came home about six weeks ago.", (D(2025, 10, 29), D(2025, 11, 12))),
    ("He came home two days ago.", (D(2025, 12, 15), D(2025, 12, 15))),
    ("Relief was granted in mid-December.", (D(2025, 12, 11), WED)),
    ("Relief was granted in early March.", (D(2025, 3, 1), D(2025, 3, 10))),
    ("Relief was granted in late March.", (D(2025, 3, 21), D(2025, 3, 31))),
    ("Relief was granted at the end of last year.", (D(2024, 12, 1), D(2024, 12, 31))),
    ("Decrees freed 300 people in the last twelve months.", (D(2024, 12, 17), WED)),
    ("Pardons ran between July 2024 and the end of last year.", (D(2024, 7, 1), D(2024, 12, 31))),
    ("It was the eighth decree since last summer.", (D(2025, 6, 1), D(2025, 8, 31))),
    ("Delisted on Monday, December 15, 2025, it resumed.", (D(2025, 12, 15), D(2025, 12, 15))),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_dates_table(text: str, expected: tuple[dt.date, dt.date]) -> None:
    assert interval(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks ran on December 12-13.", (D(2025, 12, 12), D(2025, 12, 13))),
        ("Talks ran 12–14 December 2024.", (D(2024, 12, 12), D(2024, 12, 14))),
        ("Sanctions grew between 2020 and 2022.", (D(2020, 1, 1), D(2022, 12, 31))),
        ("Sanctions grew in 2019-2021.", (D(2019, 1, 1), D(2021, 12, 31))),
        ("Envoys came from May to June.", (D(2025, 5, 1), D(2025, 6, 30))),
        ("Envoys came from March 2024 until June 2024.", (D(2024, 3, 1), D(2024, 6, 30))),
        ("Guards freed them over the weekend.", (D(2025, 12, 13), D(2025, 12, 14))),
        ("No swap took place, it was said this weekend.", (D(2025, 12, 20), D(2025, 12, 21))),
    ],
)
def test_ranges(text: str, expected: tuple[dt.date, dt.date]) -> None:
    mention = only(text)
    assert (mention.date_min, mention.date_max) == expected
    assert mention.precision == "range"


@pytest.mark.parametrize(
    "text",
    [
        "Only 14 may attend the hearing.",
        "Talks ran on December 14-12.",
        "Prices rose between 2022 and 2020.",
        "The prisoners were freed after a long wait.",
        "It was 2014. Millions watched.",
        "He may go home soon.",
        "Protesters march on the square.",
        "Jan Nowak wrote the report.",
        "Turnout was 2025 voters in the district.",
        "The summer was hot.",
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text, WED) == []


def test_offsets_are_exact_and_keep_the_preposition() -> None:
    text = "Freed on Tuesday, jailed since 2021, met in early March 2024."
    spans = [(text[m.start : m.end], m.preposition) for m in find_dates(text, WED)]
    assert spans == [("on Tuesday", "on"), ("since 2021", "since"), ("in early March 2024", "in")]


def test_year_hint_fixes_dates_without_a_year() -> None:
    assert interval("It happened on November 20.", None, year_hint=2024) == (
        D(2024, 11, 20), D(2024, 11, 20),
    )
    assert interval("It happened in June.", WED, year_hint=2023) == (D(2023, 6, 1), D(2023, 6, 30))


def test_year_written_earlier_in_the_sentence_carries_over() -> None:
    text = "The bank was listed in August 2019 and its owner that December."
    assert [(m.date_min, m.date_max) for m in find_dates(text, WED)] == [
        (D(2019, 8, 1), D(2019, 8, 31)), (D(2019, 12, 1), D(2019, 12, 31)),
    ]
    text = "A priest was detained in May 2019. He was freed on March 3."
    assert interval_of(text, 1, WED) == (D(2025, 3, 3), D(2025, 3, 3))
    assert interval_of(text, 1, None) == (D(2019, 3, 3), D(2019, 3, 3))


def interval_of(text: str, index: int,
                published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    mention = find_dates(text, published)[index]
    return mention.date_min, mention.date_max


def test_stated_period_containing_published_ends_there() -> None:
    assert interval("Some 300 were pardoned in 2025.") == (D(2025, 1, 1), WED)
    assert interval("Some 300 were pardoned in 2024.") == (D(2024, 1, 1), D(2024, 12, 31))
    assert interval("It was eased later this month.") == (WED, D(2025, 12, 31))


def test_without_published_relative_dates_stay_unresolved() -> None:
    found = find_dates("On Tuesday, last week, on November 20 and in August 2023.", None)
    assert [(m.date_min, m.relative) for m in found] == [
        (None, True), (None, True), (None, True), (D(2023, 8, 1), False),
    ]


@pytest.mark.parametrize(
    ("text", "offsets"),
    [
        ("The envoy had arrived the day before.", (-1, -1)),
        ("Talks began the evening before.", (-1, -1)),
        ("He was freed the previous day.", (-1, -1)),
        ("Days later he crossed the border.", (1, 14)),
        ("Two days earlier, two priests were pardoned.", (-2, -2)),
        ("A week later the curbs were eased.", (7, 7)),
        ("She spoke on the day of the release.", (0, 0)),
        ("The airline was delisted the same day.", (0, 0)),
    ],
)
def test_anchor_relative(text: str, offsets: tuple[int, int]) -> None:
    mention = only(text)
    assert mention.anchor_relative
    assert (mention.date_min, mention.date_max) == (None, None)
    assert (mention.offset_min_days, mention.offset_max_days) == offsets
    event = D(2025, 12, 13)
    placed = resolve_relative_to_event(mention, event, event)
    assert placed.date_min == event + dt.timedelta(days=offsets[0])
    assert placed.date_max == event + dt.timedelta(days=offsets[1])


def test_resolve_leaves_other_mentions_alone() -> None:
    mention = only("They were freed on Tuesday.")
    assert resolve_relative_to_event(mention, D(2020, 1, 1), D(2020, 1, 1)) == mention
    anchor = only("Days later he left.")
    assert resolve_relative_to_event(anchor, None, None) == anchor


WEEK = [D(2025, 12, 15) + dt.timedelta(days=i) for i in range(7)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.mark.parametrize("published", WEEK + [D(2024, 2, 29), D(2026, 1, 1)])
@pytest.mark.parametrize("weekday", WEEKDAYS)
def test_weekday_lies_in_the_week_up_to_published(published: dt.date, weekday: str) -> None:
    """Property: "on <weekday>" is the one day of that name in the 7 days up to published."""
    mention = only(f"They were freed on {weekday}.", published)
    assert mention.date_min == mention.date_max
    assert mention.date_min is not None
    assert published - dt.timedelta(days=6) <= mention.date_min <= published
    assert WEEKDAYS[mention.date_min.weekday()] == weekday


@pytest.mark.parametrize("published", WEEK)
def test_last_week_is_the_monday_to_sunday_before(published: dt.date) -> None:
    lo, hi = interval("They were freed last week.", published)
    assert lo is not None and hi is not None
    assert (lo.weekday(), hi.weekday(), (hi - lo).days) == (0, 6, 6)
    assert 1 <= (published - hi).days <= 7
    end_lo, end_hi = interval("They were freed at the end of last week.", published)
    assert (end_lo, end_hi) == (lo + dt.timedelta(days=3), hi)


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("published", [D(2025, 1, 1), D(2025, 6, 15), D(2025, 12, 31)])
def test_month_without_year_is_never_after_published(month: int, published: dt.date) -> None:
    name = dt.date(2000, month, 1).strftime("%B")
    lo, hi = interval(f"It happened in {name}.", published)
    assert lo is not None and hi is not None
    assert lo.month == month and lo <= hi <= published
    assert (published - lo).days < 366


@pytest.mark.parametrize("n", range(1, 9))
def test_weeks_ago_interval_brackets_n_weeks(n: int) -> None:
    lo, hi = interval(f"He left about {n} weeks ago.")
    assert (lo, hi) == (WED - dt.timedelta(weeks=n + 1), WED - dt.timedelta(weeks=n - 1))


def test_invalid_calendar_day_is_not_a_date() -> None:
    found = find_dates("It happened on February 30.", WED)  # kept as a known non-date
    assert [(m.invalid, m.date_min, m.date_max) for m in found] == [(True, None, None)]


def test_datetime_published_is_accepted() -> None:
    assert interval("Freed today.", dt.datetime(2025, 12, 13, 14, 0)) == (
        D(2025, 12, 13), D(2025, 12, 13),
    )


def test_bad_published_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="published as datetime.date"):
        find_dates("on Tuesday", "2025-12-17")  # type: ignore[arg-type]


_SAMPLE_DAYS = [D(2020, 1, 1) + dt.timedelta(days=(n * 397) % 2500) for n in range(25)]


@pytest.mark.parametrize("day", _SAMPLE_DAYS)
def test_explicit_formats_round_trip(day: dt.date) -> None:
    """Property: every written form of a full date resolves to that day, whatever `published`."""
    forms = [
        f"{day:%B} {day.day}, {day.year}",
        f"{day.day} {day:%B} {day.year}",
        f"{day:%Y-%m-%d}",
        f"{day:%d.%m.%Y}",
        f"{day:%A}, {day:%B} {day.day}, {day.year}",
    ]
    for form in forms:
        text = f"The decree was signed on {form} in Minsk."
        mention = only(text, published=None)
        assert (mention.date_min, mention.date_max, mention.relative) == (day, day, False), form
        assert text[mention.start : mention.end].endswith(form)


PAST_EXPRESSIONS = [
    "on Friday", "last Monday", "last week", "at the end of last week", "this week",
    "earlier this week", "last month", "earlier this month", "this year", "earlier this year",
    "last year", "in June", "in mid-March", "on May 3", "yesterday", "today", "two days ago",
    "about three weeks ago", "a few days ago", "in the past month", "last summer",
    "over the weekend", "late last month", "early last year", "in 2025",
]


@pytest.mark.parametrize("published", [D(2025, 1, 1), D(2025, 3, 31), D(2025, 12, 28)])
@pytest.mark.parametrize("expression", PAST_EXPRESSIONS)
def test_past_expressions_never_end_after_published(published: dt.date,
                                                     expression: str) -> None:
    """Property: what a text reports as past lies in an ordered interval up to `published`."""
    mention = only(f"Guards freed them {expression}.", published)
    assert mention.date_min is not None and mention.date_max is not None
    assert mention.date_min <= mention.date_max <= published
    assert not mention.anchor_relative
