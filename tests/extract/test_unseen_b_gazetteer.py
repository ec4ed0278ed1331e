"""The world's states as places and actors (issue 12): destinations and foreign-state
actors outside the Belarus region, and the dateline head that names no person.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.extract.gazetteer import load_gazetteer
from quidproquo.model import Event
from quidproquo.resolve.names import names_match

EventsOf = Callable[..., list[Event]]


@pytest.mark.parametrize(
    "text, kind, destination",
    [
        ("The two aid workers were deported to Tunisia on Wednesday.", "deportation", "Tunisia"),
        ("The activist was expelled to Kenya last week.", "deportation", "Kenya"),
        (
            "Egypt freed the researcher Samir Nabil on Thursday and he flew to Rome the same "
            "evening.",
            "release",
            "Italy",
        ),
        ("The freed men were driven to the Thai border on Sunday.", "release", "Thailand"),
    ],
)
def test_destination_anywhere_in_the_world(
    events_of: EventsOf, text: str, kind: str, destination: str
) -> None:
    [event] = events_of(text, kind)
    assert event.destination == destination


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Uzbekistan released three journalists on Tuesday.", "Uzbekistan"),
        (
            "BISHKEK, May 4 — Kyrgyz authorities on Friday released the blogger Aibek "
            "Toktorov after eleven months in custody.",
            "Kyrgyzstan",
        ),
        (
            "Nepal's interim government freed more than 900 prisoners in a festival amnesty "
            "on Sunday.",
            "Nepal",
        ),
    ],
)
def test_foreign_state_as_actor(events_of: EventsOf, text: str, actor: str) -> None:
    [event] = events_of(text, "release")
    assert event.actor == actor


@pytest.mark.parametrize(
    "text",
    [
        "Jordan Ellis, a lawyer, was released on Monday.",
        "Chad Morgan was freed on Tuesday.",
    ],
)
def test_given_names_that_are_also_states_stay_people(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "release")
    assert event.actor is None
    assert event.persons == [text.split(",")[0].split(" was")[0]]


def test_shared_adjective_names_no_state() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.country_of_adjective("Dominican") is None  # two states and an order
    assert gazetteer.country_of_adjective("Burmese") == "Myanmar"
    assert gazetteer.country_of("Burma") == "Myanmar"
    assert gazetteer.country_of("Great Britain") == "United Kingdom"


@pytest.mark.parametrize(
    "text",
    [
        "KATHMANDU (Himalaya Desk) — Nepal's interim government freed more than 900 prisoners "
        "in a festival amnesty on Sunday.",
        "TASHKENT (Steppe Desk) — Uzbekistan's government pardoned 312 convicts on Monday to "
        "mark the holiday.",
        "OSH, Kyrgyzstan (Valley Desk) — Kyrgyz authorities freed 40 protesters on Sunday.",
    ],
)
def test_dateline_place_and_outlet_are_no_people(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "release")
    assert event.persons == []
    assert event.actor is not None


def test_name_in_capitals_opening_a_caption_stays_a_person(events_of: EventsOf) -> None:
    text = "PAUL MUGENZI (left) was freed on Monday by Rwandan authorities."
    [event] = events_of(text, "release")
    assert event.persons == ["PAUL MUGENZI"]
    assert event.actor == "Rwanda"


@pytest.mark.parametrize(
    "text, destination",
    [
        (
            "Belarus freed 14 prisoners on Friday; they were taken to the Lithuanian capital.",
            "Lithuania",
        ),
        ("The freed men were flown to the Latvian capital on Friday.", "Latvia"),
    ],
)
def test_a_country_adjective_on_capital_is_a_destination(
    events_of: EventsOf, text: str, destination: str
) -> None:
    [event] = events_of(text, "release")
    assert event.destination == destination


def test_the_holding_states_capital_is_no_destination(events_of: EventsOf) -> None:
    text = "Belarus freed nine prisoners on Friday; they were taken to the Belarusian capital."
    assert [e.destination for e in events_of(text, "release")] == [None]


def test_short_and_long_names_of_a_state_match() -> None:
    assert names_match("Britain", "United Kingdom")
    assert names_match("Burma", "Myanmar")
    assert not names_match("United Kingdom", "United States")
