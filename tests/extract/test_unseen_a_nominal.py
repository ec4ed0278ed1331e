"""Releases told by a noun: 'the release (today) of N by X' (issue 12, rules-a).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


@pytest.mark.parametrize(
    "text, actor",
    [
        ("The Vatican welcomed the release of 31 detainees by Belarus.", "Belarus"),
        ("The Vatican welcomed the release of 31 detainees by Lukashenko.", "Lukashenko"),
        ("The release of 31 detainees by Minsk on Friday came after talks.", "Belarus"),
        (
            "The Vatican welcomes the release of 31 detainees by the Government of Belarus.",
            "Belarus",
        ),
    ],
)
def test_the_by_phrase_of_a_nominal_release_names_who_freed(
    events_of: EventsOf, text: str, actor: str
) -> None:
    [event] = events_of(text, "release")
    assert (event.count, event.actor) == (31, actor)


@pytest.mark.parametrize(
    "text, day",
    [
        (
            "The Vatican welcomes the release yesterday of 31 detainees by the authorities of "
            "Belarus, including two priests.",
            "2025-10-01",
        ),
        ("Oslo hailed the release today of 31 detainees by Belarus.", "2025-10-02"),
    ],
)
def test_a_time_word_between_the_noun_and_its_of_phrase_keeps_the_group(
    events_of: EventsOf, text: str, day: str
) -> None:
    [event] = events_of(text, "release")
    assert (event.count, event.actor, event.date_min) == (31, "Belarus", day)


@pytest.mark.parametrize(
    "text",
    [
        "The release of 31 detainees held by Minsk came after talks.",  # the holder, not agent
        "The release of 31 detainees, reported by Reuters, came on Friday.",  # a reporter
    ],
)
def test_a_by_phrase_on_something_else_names_no_actor(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "release")
    assert (event.count, event.actor) == (31, None)
