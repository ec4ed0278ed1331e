"""Constructions found in the error analysis on news-like text (issue 12).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(subject_gate=False)  # the rules on bare sentences, not relevance


def of_type(extractor: Extractor, text: str, kind: str, published: str = "2025-10-02"):
    return [e for e in extractor.extract(text, published).events if e.type == kind]


# -- a date inside a clause describing one person is that person's past --------------------


@pytest.mark.parametrize(
    "text, low, high",
    [
        (
            "The veteran trade unionist, who co-founded an independent union in 1991, was "
            "detained in March 2022.",
            "2022-03-01",
            "2022-03-31",
        ),
        (
            "Anton Sirko, a teacher who had organised a strike in 2019, was arrested in May 2021.",
            "2021-05-01",
            "2021-05-31",
        ),
    ],
)
def test_relative_clause_on_a_person_keeps_its_date(
    extractor: Extractor, text: str, low: str, high: str
) -> None:
    [event] = of_type(extractor, text, "detention")
    assert (str(event.date_min), str(event.date_max)) == (low, high)


def test_clause_on_a_group_still_dates_its_event(extractor: Extractor) -> None:
    text = "Of the 40 inmates Minsk pardoned on 4 May, 31 were deported to Poland."
    [event] = of_type(extractor, text, "deportation")
    assert (event.count, str(event.date_min)) == (31, "2025-05-04")
