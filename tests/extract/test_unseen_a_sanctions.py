"""Sanctions put back in force (issue 12, rules-a).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


@pytest.mark.parametrize(
    "text, target",
    [
        ("The EU reimposed sanctions on Belaruskali on Tuesday.", "Belaruskali"),
        ("Brussels reinstated the ban on Belarusian potash imports in May.", "potash"),
    ],
)
def test_sanctions_put_back_are_sanctions_imposed(
    events_of: EventsOf, text: str, target: str
) -> None:
    [event] = events_of(text, "sanctions_imposed")
    assert (event.actor, event.target) == ("European Union", target)


def test_restoring_something_else_is_no_sanction(events_of: EventsOf) -> None:
    text = "The ministry reinstated two dismissed teachers in Minsk."
    assert events_of(text, "sanctions_imposed") == []
