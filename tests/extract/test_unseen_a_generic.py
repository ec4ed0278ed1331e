"""Goals and generic statements are not events (issue 12, rules-a).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


@pytest.mark.parametrize(
    "text",
    [
        '"Our only goal is to bring these men home," the envoy said in a statement.',
        "The aim of the talks was to free the two Americans.",
    ],
)
def test_a_goal_stated_is_no_release(events_of: EventsOf, text: str) -> None:
    assert events_of(text, "release") == []


@pytest.mark.parametrize(
    "text",
    [
        "Critics answer that each detainee who is set free is a family reunited.",
        "Supporters say that every inmate who walks free is a life saved.",
    ],
)
def test_every_one_who_walks_free_is_no_release(events_of: EventsOf, text: str) -> None:
    assert events_of(text, "release") == []


@pytest.mark.parametrize(
    "text, day",
    [
        ("The detainee who was set free on Monday is a teacher.", "2025-09-29"),
        ("The inmate who walked free on Monday is a teacher.", "2025-09-29"),
        ("The next step was to free the two Americans on Friday.", "2025-09-26"),
    ],
)
def test_one_release_told_in_such_frames_stays(events_of: EventsOf, text: str, day: str) -> None:
    [event] = events_of(text, "release")
    assert event.date_min == day


@pytest.mark.parametrize(
    "text",
    [
        '"Each of them must be released without conditions," said Olga Marchenko of Amnesty.',
        "All political prisoners should be freed, the senator said.",
    ],
)
def test_a_demand_is_no_release(events_of: EventsOf, text: str) -> None:
    assert events_of(text, "release") == []


def test_a_demand_inside_a_description_leaves_the_release_standing(events_of: EventsOf) -> None:
    text = "Lukashenko freed 14 prisoners who should never have been jailed."
    [event] = events_of(text, "release")
    assert (event.count, event.actor) == (14, "Lukashenko")


# -- a frequency makes its own clause a practice ----------------------------------------------


def test_sanctions_renewed_every_year_are_a_practice(events_of: EventsOf) -> None:
    text = (
        "The Council has extended its Belarus sanctions every year since 2020, and it should "
        "continue."
    )
    assert events_of(text, "sanctions_imposed") == []


def test_a_frequency_in_a_joined_clause_leaves_the_first_standing(events_of: EventsOf) -> None:
    text = "Hundreds of critics are still in prison, and new ones are detained every week."
    assert events_of(text, "detention") == []
    assert len(events_of(text, "prisoner_count")) == 1


def test_a_week_as_a_measure_is_no_frequency(events_of: EventsOf) -> None:
    text = "Police detained 12 students in Brest on Monday, a week after the last raid."
    [event] = events_of(text, "detention")
    assert event.count == 12
