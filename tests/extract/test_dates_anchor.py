"""Datelines as the date anchor, coming dates of announced acts, impossible dates
(issue 10 item 4, issue 12 item 1). Sentences are the project's own."""

from __future__ import annotations

import datetime as dt

import pytest

from quidproquo.extract.dates import (
    dateline_date,
    find_dates,
    forward,
    reference_date,
    respective_dates,
)
from quidproquo.extract.pipeline import Extractor
from quidproquo.validate import checked_event

D = dt.date
MON = D(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("HRODNA, March 3 (Baltic Courier) - Guards opened the gates.", MON, D(2026, 3, 3)),
        ("BREST, Mar 1 (Courier) — A court ruled.", MON, D(2026, 3, 1)),
        ("RIGA, 2 March. The ministry spoke.", MON, D(2026, 3, 2)),
        ("March 4, Nioman Courier. The colony chief spoke.", MON, D(2026, 3, 4)),
        ("Oslo, 28 February 2026. A statement followed.", None, D(2026, 2, 28)),
        # a year-end stamp: the local date in the new year stays in it
        ("MINSK, Jan 1 (Courier) - Fireworks.", D(2025, 12, 31), D(2026, 1, 1)),
    ],
)
def test_dateline_gives_the_filing_day(
    text: str, published: dt.date | None, expected: dt.date
) -> None:
    assert dateline_date(text, published) == expected
    assert reference_date(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("On Friday, February 27, 2026, the council met.", MON),  # a date, not a dateline
        ("The guards freed two men on March 1.", MON),
        ("MINSK, 19 January. An old story.", MON),  # far from the stamp: not trusted
        ("Courier, 3 March. No year and no stamp.", None),
        ("MINSK, 31 February 2026. A day that never was.", MON),
    ],
)
def test_no_dateline_or_an_untrusted_one(text: str, published: dt.date | None) -> None:
    assert dateline_date(text, published) is None
    assert reference_date(text, published) == published


def test_local_dateline_outranks_utc_stamp_a_day_earlier(extractor: Extractor) -> None:
    text = "MINSK, March 3 (Courier) - The authorities freed nine prisoners on Tuesday."
    events = extractor.extract(text, "2026-03-02T23:30:00Z").events
    assert [(e.type, e.date_min, e.date_max) for e in events] == [
        ("release", "2026-03-03", "2026-03-03")
    ]


def test_today_in_a_state_media_dateline(extractor: Extractor) -> None:
    text = "MINSK, 12 April. The head of state today pardoned 14 convicts."
    events = extractor.extract(text, "2026-04-13").events
    assert [(e.type, e.date_min) for e in events] == [("release", "2026-04-12")]


def test_forward_reading_of_guessed_years() -> None:
    day = find_dates("on March 10", MON)[0]
    assert (day.date_min, day.date_max) == (D(2025, 3, 10), D(2025, 3, 10))
    ahead = forward(day)
    assert (ahead.date_min, ahead.date_max) == (D(2026, 3, 10), D(2026, 3, 10))
    weekday = forward(find_dates("on Friday", MON)[0])
    assert weekday.date_min == D(2026, 3, 6)
    month = forward(find_dates("in January", MON)[0])
    assert (month.date_min, month.date_max) == (D(2027, 1, 1), D(2027, 1, 31))
    written = find_dates("on 10 March 2025", MON)[0]  # a written year is never moved
    assert forward(written) == written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The authorities will free seven prisoners on March 10.", ("2026-03-10", "announced")),
        (
            "Belarus will release the two Poles on Thursday, the ministry said.",
            ("2026-03-05", "announced"),
        ),
        ("Belarus freed seven prisoners on March 1.", ("2026-03-01", "asserted")),
    ],
)
def test_announced_dates_resolve_forward(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    events = extractor.extract(text, "2026-03-02").events
    assert [(e.date_min, e.modality) for e in events] == [expected]


def test_the_announcement_day_is_not_moved(extractor: Extractor) -> None:
    text = "Washington said on Friday that it would ease curbs on the potash sector."
    events = extractor.extract(text, "2026-03-02").events
    assert [(e.type, e.date_min) for e in events] == [("sanctions_eased", "2026-02-27")]


@pytest.mark.parametrize("text", ["on 31 February 2026", "on February 30, 2026", "on 2026-02-31"])
def test_impossible_dates_are_not_coerced(text: str) -> None:
    found = find_dates(text, MON)
    assert len(found) == 1 and found[0].invalid
    assert found[0].date_min is None and found[0].date_max is None


@pytest.mark.parametrize("text", ["on August 2, 1530", "on 2 August 1530", "on Aug. 2nd, 1530"])
def test_a_written_year_is_kept_however_implausible(text: str) -> None:
    """Not replaced by the publication year: the entry checks refuse it, counted."""
    found = find_dates(text, MON)
    assert [(m.date_min, m.date_max) for m in found] == [(D(1530, 8, 2), D(1530, 8, 2))]


def test_an_event_dated_in_an_implausible_year_is_kept_undated(extractor: Extractor) -> None:
    (event,) = extractor.extract("Guards let 14 inmates go on August 2, 1530.", MON).events
    assert (event.count, event.date_min) == (14, "1530-08-02")
    clean = checked_event(event)
    assert (clean.count, clean.date_min, clean.date_max) == (14, None, None)


def test_event_on_an_impossible_date_has_no_date(extractor: Extractor) -> None:
    events = extractor.extract("Belarus freed nine prisoners on 31 February 2026.", MON).events
    assert [(e.type, e.date_min, e.date_max) for e in events] == [("release", None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in the first half of 2024", (D(2024, 1, 1), D(2024, 6, 30))),
        ("in the second half of last year", (D(2025, 7, 1), D(2025, 12, 31))),
        ("since last October", (D(2025, 10, 1), D(2025, 10, 31))),
    ],
)
def test_vague_periods_are_intervals(text: str, expected: tuple[dt.date, dt.date]) -> None:
    found = find_dates(text, MON)
    assert [(m.date_min, m.date_max) for m in found] == [expected]


def test_cumulative_total_since_a_month_runs_to_publication(extractor: Extractor) -> None:
    text = "Some 210 inmates have been pardoned since last October, the rights centre said."
    events = [e for e in extractor.extract(text, MON).events if e.type == "release"]
    assert [(e.count, e.date_min, e.date_max) for e in events] == [
        (210, "2025-10-01", "2026-03-02")
    ]


def test_respectively_pairs_dates_with_counts(extractor: Extractor) -> None:
    text = "On 4 June and 9 August the authorities pardoned 16 and 31 inmates, respectively."
    events = [e for e in extractor.extract(text, MON).events if e.type == "release"]
    assert sorted((e.count, e.date_min) for e in events) == [
        (16, "2025-06-04"),
        (31, "2025-08-09"),
    ]


def test_respectively_gives_a_visit_per_date(extractor: Extractor) -> None:
    text = (
        "The June and October pardons of 14 and 52 inmates, respectively, each followed talks "
        "in Minsk with the deputy envoy Mark Halvorsen."
    )
    visits = [e for e in extractor.extract(text, MON).events if e.type == "visit"]
    assert sorted((e.actor, e.date_min, e.date_max) for e in visits) == [
        ("Mark Halvorsen", "2025-06-01", "2025-06-30"),
        ("Mark Halvorsen", "2025-10-01", "2025-10-31"),
    ]


def test_without_respectively_nothing_is_paired() -> None:
    found = find_dates("On 4 June and 9 August the courts sat.", MON)
    assert respective_dates("On 4 June and 9 August the courts sat.", found) == []
    text = "On 4 June and 9 August they freed 3 and 5, respectively."
    assert len(respective_dates(text, find_dates(text, MON))) == 2
