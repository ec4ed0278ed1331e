"""Counts: implausible numbers are refused (never overflow a store), ranges are one count.
Sentences are the project's own."""

from __future__ import annotations

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.counts import find_counts, number_value, sum_parts


@pytest.mark.parametrize(
    "text",
    [
        "Guards let 98765432109876543210987654 inmates go on Sunday.",
        "The regime claims it freed 1,000,000,000,000 convicts on Monday.",
    ],
)
def test_implausible_counts_are_refused(extractor: Extractor, text: str) -> None:
    assert find_counts(text) == []
    events = extractor.extract(text, "2025-06-01").events
    assert events and all(e.count is None for e in events)


def test_number_value_is_bounded() -> None:
    assert number_value("98765432109876543210987654") is None
    assert number_value("100,000,000") == 100_000_000


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Officials freed between 20 and 25 detainees on Friday.", 20, "at_least"),
        ("Officials freed 20 to 25 detainees on Friday.", 20, "at_least"),
        ("Officials freed from 6 to 9 journalists.", 6, "at_least"),
        ("Officials freed 7 or 8 priests.", 7, "at_least"),
    ],
)
def test_a_range_is_one_count_at_least_its_lower_bound(
    extractor: Extractor, text: str, value: int, qualifier: str
) -> None:
    found = sum_parts(find_counts(text), text)
    assert [(m.value, m.qualifier) for m in found] == [(value, qualifier)]
    events = extractor.extract(text, "2025-06-01").events
    assert [(e.count, e.count_qualifier) for e in events] == [(value, qualifier)]


@pytest.mark.parametrize(
    "text",
    [
        "In May and July the courts freed 11 and 19 detainees.",  # two counts, not a range
        "Officials freed 25 and then 20 detainees.",  # not increasing, words between
    ],
)
def test_coordinated_counts_without_an_opener_stay_apart(text: str) -> None:
    assert len(find_counts(text)) == 2
