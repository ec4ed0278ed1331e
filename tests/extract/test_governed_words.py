"""What a trigger governs: heads and their complements, time adjuncts, compound prepositions.

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


# -- a compound preposition carries the place the trigger needs: "walked out of prison" --


@pytest.mark.parametrize(
    "text, count",
    [
        ("Fourteen dissidents walked out of the colony at Navapolatsk on Monday.", 14),
        ("Eight inmates walked out of jail after the decree was signed.", 8),
    ],
)
def test_walking_out_of_custody_is_a_release(events_of: EventsOf, text: str, count: int) -> None:
    [release] = events_of(text, "release", "2025-09-12")
    assert release.count == count


@pytest.mark.parametrize(
    "text",
    [
        "The opposition delegates walked out of the parliament session in protest.",
        "Eight inmates walked around the prison yard for an hour.",
    ],
)
def test_walking_elsewhere_is_no_release(events_of: EventsOf, text: str) -> None:
    assert events_of(text, "release") == []


# -- the terms of a trade are no relief step: "traded for sanctions relief" -------------


@pytest.mark.parametrize(
    "text",
    [
        "The detainees were bartered for sanctions relief, an opposition adviser said.",
        "Critics say the activists were swapped for relief on the fertiliser trade.",
    ],
)
def test_what_people_were_traded_for_is_no_easing(events_of: EventsOf, text: str) -> None:
    assert events_of(text, "sanctions_eased") == []


def test_relief_granted_outright_is_still_an_easing(events_of: EventsOf) -> None:
    text = "The Treasury granted sanctions relief to the national airline on Tuesday."
    [easing] = events_of(text, "sanctions_eased")
    assert easing.actor == "United States"
