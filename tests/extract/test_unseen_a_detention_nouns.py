"""Detentions told by nouns: 'the sentencing of N', 'N new detentions' (issue 12, rules-a).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


def test_the_sentencing_of_a_counted_group_is_a_detention(events_of: EventsOf) -> None:
    text = "The union condemned the sentencing of four student editors in Brest on Tuesday."
    [event] = events_of(text, "detention")
    assert (event.count, event.date_min) == (4, "2025-09-30")


def test_new_detentions_counted_are_a_detention_of_that_many(events_of: EventsOf) -> None:
    text = "Monitors recorded at least 25 new politically motivated detentions in April."
    [event] = events_of(text, "detention")
    assert (event.count, event.count_qualifier) == (25, "at_least")


@pytest.mark.parametrize(
    "text",
    [
        "He died in detention last year.",  # a place of custody, not an arrest
        "Detentions of journalists are common.",  # no new, counted acts
        "The judge postponed the sentencing.",  # no one sentenced named or counted
    ],
)
def test_other_uses_of_the_nouns_are_no_detention(events_of: EventsOf, text: str) -> None:
    assert events_of(text, "detention") == []


# -- a custody word that only describes unnamed people tells no arrest ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Moscow denied on Friday that it was negotiating a trade involving three jailed Dutch "
        "cyclists.",
        "The envoy flew home on Sunday with four Canadians who had been detained in Iran.",
        "London on Monday sanctioned two Belarusian prosecutors who had sentenced protesters.",
    ],
)
def test_a_custody_word_describing_unnamed_people_is_no_detention(
    events_of: EventsOf, text: str
) -> None:
    assert events_of(text, "detention") == []


@pytest.mark.parametrize(
    "text, count",
    [
        ("The envoy flew home with four Canadians who had been detained in Iran since 2022.", 4),
        ("Police on Monday detained four Canadians in Tehran.", 4),
    ],
)
def test_a_dated_or_told_arrest_of_a_group_stays(
    events_of: EventsOf, text: str, count: int
) -> None:
    [event] = events_of(text, "detention")
    assert event.count == count


# -- a part of a group told before, described ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Monitors said only a handful of those freed had been jailed for opposing the 2022 "
        "referendum.",
        "Half of the pardoned had been jailed since the 2020 protests.",
    ],
)
def test_a_part_of_a_group_told_before_described_is_no_detention(
    events_of: EventsOf, text: str
) -> None:
    assert events_of(text, "detention") == []


@pytest.mark.parametrize(
    "text",
    [
        "A handful of students were detained in Brest on Monday.",
        "Dozens of students were detained in Brest on Monday.",
    ],
)
def test_a_new_group_detained_is_a_detention(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "detention")
    assert event.date_min == "2025-09-29"
