"""A negation over a nominal event: does it deny the event, or something said of it?
(issue 12, rules-a). Every sentence here is written for these tests, worded unlike the gold
sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


@pytest.mark.parametrize(
    "text",
    [
        "Minsk's release of 20 inmates on Friday was not followed by any easing of EU measures.",
        "Minsk's release of 20 inmates on Friday did not lead to any easing of EU measures.",
        "The release of 20 inmates by Minsk on Friday was not matched by any easing of EU "
        "measures.",
    ],
)
def test_a_negated_predicate_of_a_release_leaves_the_release_standing(
    events_of: EventsOf, text: str
) -> None:
    [event] = events_of(text, "release")
    assert (event.count, event.date_min) == (20, "2025-09-26")


@pytest.mark.parametrize(
    "text",
    [
        "The promised release of 20 inmates did not take place on Friday.",
        "The release of 20 inmates never happened.",
        "The release of 20 inmates was not confirmed by Minsk.",
        "The pardon of the two priests has not been officially announced.",
        "Minsk did not announce the release of 20 inmates on Friday.",
        "No release of prisoners was reported on Friday.",
    ],
)
def test_a_release_said_not_to_have_happened_or_unattested_is_no_event(
    events_of: EventsOf, text: str
) -> None:
    assert events_of(text, "release") == []


# -- a modal on the verb that governs a nominal event -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "If Baltic measures remain, the value of the Swiss relief could stay small.",
        "The relief could come within weeks, an official said.",
    ],
)
def test_relief_under_a_hypothetical_modal_is_no_easing(events_of: EventsOf, text: str) -> None:
    assert events_of(text, "sanctions_eased") == []


@pytest.mark.parametrize(
    "text, count",
    [
        ("Friday's release of four inmates may be only a first step.", 4),
        ("The release of 20 inmates was not a surprise.", 20),
    ],
)
def test_a_modal_or_negated_judgement_of_a_release_leaves_it_standing(
    events_of: EventsOf, text: str, count: int
) -> None:
    [event] = events_of(text, "release")
    assert event.count == count


def test_announced_relief_is_still_an_easing(events_of: EventsOf) -> None:
    text = "The Treasury announced relief for the airline on Monday."
    [event] = events_of(text, "sanctions_eased")
    assert (event.actor, event.target) == ("United States", "Belavia")
