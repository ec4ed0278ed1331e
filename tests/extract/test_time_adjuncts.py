"""A time adjunct is no complement: the verb it hangs on does not make it unreal.

Sentences written for these tests."""

from collections.abc import Callable

import pytest

from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


@pytest.mark.parametrize(
    "text",
    [
        "Special envoy Dana Whitfield has left Minsk after two rounds of talks with Lukashenka.",
        "Special envoy Dana Whitfield left the Belarusian capital following talks with Lukashenka.",
    ],
)
def test_talks_before_a_departure_are_a_visit(events_of: EventsOf, text: str) -> None:
    [visit] = events_of(text, "visit")
    assert visit.actor == "Dana Whitfield" and visit.modality == "asserted"


@pytest.mark.parametrize(
    "text, kind",
    [
        # the head above the adjunct's verb still governs it
        ("Special envoy Dana Whitfield plans to leave Minsk after talks with Lukashenka.", "visit"),
        ("Washington hopes to ease the potash sanctions after the release of more detainees.",
         "release"),
    ],
)
def test_a_wish_above_the_adjunct_still_makes_it_unreal(
    events_of: EventsOf, text: str, kind: str
) -> None:
    assert events_of(text, kind) == []
