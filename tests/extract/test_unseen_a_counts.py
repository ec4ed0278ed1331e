"""Counts that are not the size of the event's group (issue 12, rules-a).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.extract.counts import find_counts
from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


# -- the lower bound of a range of years is a term, not a count of people ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "They got between three and nine years.",
        "terms of two to five months each",
        "a fine of four or five percent",
    ],
)
def test_a_range_ending_in_a_duration_holds_no_count(text: str) -> None:
    assert find_counts(text) == []


@pytest.mark.parametrize(
    "text, values",
    [
        ("between 30 and 40 prisoners", [30]),  # a range of people stays one count
        ("Guards took two and four years later freed 9 men", [2, 9]),  # "and" without "between"
        ("from 12 to 15 inmates", [12]),
    ],
)
def test_near_misses_keep_their_counts(text: str, values: list[int]) -> None:
    assert [m.value for m in find_counts(text)] == values


@pytest.mark.parametrize(
    "text, count",
    [
        (
            "A district court jailed six activists for between two and five years over a "
            "protest ride.",
            6,
        ),
        (
            "The tribunal handed eight nurses prison terms of three to seven years on Monday.",
            8,
        ),
    ],
)
def test_a_detention_with_a_range_of_terms_counts_the_people(
    events_of: EventsOf, text: str, count: int
) -> None:
    counts = [e.count for e in events_of(text, "detention")]
    assert counts == [count]


# -- the sentence handed down: plural terms and sentences, and acts counted as people -----


def test_prison_terms_handed_to_a_group_are_a_detention_of_that_group(
    events_of: EventsOf,
) -> None:
    text = "On Friday a regional court handed four volunteers prison terms for aiding refugees."
    [event] = events_of(text, "detention")
    assert event.count == 4


def test_sentences_handed_down_count_the_people_sentenced(events_of: EventsOf) -> None:
    text = "Judges in Brest handed down at least eleven politically motivated sentences last week."
    [event] = events_of(text, "detention")
    assert (event.count, event.count_qualifier) == (11, "at_least")


def test_cases_are_not_the_sentences_handed_down(events_of: EventsOf) -> None:
    text = "Judges in Brest handed down sentences in 14 cases last week."
    [event] = events_of(text, "detention")
    assert event.count is None


def test_papers_handed_over_are_no_sentence(events_of: EventsOf) -> None:
    text = "The clerk handed the lawyers 30 pages of the verdict on Monday."
    assert events_of(text, "detention") == []


def test_a_machine_translated_plural_peoples_counts_people(events_of: EventsOf) -> None:
    text = "Authority of Vitebsk freed 31 peoples on Tuesday, informs a news channel."
    [event] = events_of(text, "release")
    assert event.count == 31


# -- an age set off by commas after a name is no count ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Marchenko, 61, was detained at her flat in Brest on Monday, her son said.",
        "The court jailed the cartoonist Ivan Petrov, 44, for six years on Friday.",
        "Political prisoner Anna Lis, 29, was moved to a harsher colony last week.",
    ],
)
def test_an_age_after_a_name_is_not_the_number_detained(events_of: EventsOf, text: str) -> None:
    assert [e.count for e in events_of(text, "detention")] == [None]


@pytest.mark.parametrize(
    "text, count",
    [
        ("In Brest, 61 people were detained on Monday.", 61),  # a place, then a count
        ("On Monday, 61 activists were detained in Brest.", 61),
    ],
)
def test_a_count_after_a_comma_stays_a_count(events_of: EventsOf, text: str, count: int) -> None:
    assert [e.count for e in events_of(text, "detention")] == [count]


def test_a_number_over_any_age_between_commas_stays_a_count() -> None:
    assert [m.value for m in find_counts("Across Belarus, 1,400, by one count, remain held")] == [
        1400
    ]


# -- "the number sent to X": a number of people moved ----------------------------------------


def test_the_number_sent_somewhere_is_a_deportation_of_that_many(events_of: EventsOf) -> None:
    text = "The ombudsman put the number sent to Poland at 115."
    [event] = events_of(text, "deportation")
    assert (event.count, event.destination) == (115, "Poland")


def test_the_total_flown_somewhere_is_a_release_of_that_many(events_of: EventsOf) -> None:
    text = "The total flown to Vilnius rose to 52 on Friday."
    [event] = events_of(text, "release")
    assert (event.count, event.destination) == (52, "Lithuania")


def test_a_list_sent_somewhere_moves_no_one(events_of: EventsOf) -> None:
    text = "The ombudsman said the list sent to Poland was incomplete."
    assert events_of(text, "deportation") == [] and events_of(text, "release") == []


# -- whose figure: "the office of X puts the figure at N" -------------------------------------


def test_the_office_of_a_person_putting_a_figure_is_its_source(events_of: EventsOf) -> None:
    text = (
        "Viasna counts 1,168 political prisoners. The office of exiled opposition leader Olga "
        "Marchenko puts the figure at about 1,400."
    )
    sources = [(e.count, e.actor) for e in events_of(text, "prisoner_count")]
    assert sources == [(1168, "Viasna"), (1400, "office of Olga Marchenko")]


# -- "freed nine pastors and put them on a flight": the pronoun carries the count ------------


@pytest.mark.parametrize(
    "text",
    [
        "Nicaragua freed nine Lutheran pastors on Friday and put them on a flight to Spain.",
        "Cuba released nine dissidents on Friday and sent them to Spain.",
    ],
)
def test_them_after_a_counted_group_carries_its_count(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "deportation")
    assert (event.count, event.destination) == (9, "Spain")


def test_the_others_are_not_the_counted_group(events_of: EventsOf) -> None:
    text = "Cuba released 12 dissidents on Friday and sent the others to Spain."
    [event] = events_of(text, "deportation")
    assert event.count is None
