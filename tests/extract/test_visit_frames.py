"""Visits told as meetings, talks and trips, abroad too; the visitor is the envoy who travels,
not the host's minister; expected visits give nothing. Sentences are the project's own."""

from __future__ import annotations

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.visits import dateline_city, load_visits


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def visits(extractor: Extractor, text: str, published: str = "2025-10-15") -> list[tuple]:
    events = extractor.extract(text, published).events
    return sorted((e.actor, e.target, e.modality) for e in events if e.type == "visit")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Deputy envoy Mark Halvorsen sat down for talks in Minsk with the foreign minister "
            "on Monday.",
            [("Mark Halvorsen", "Minsk", "asserted")],
        ),
        (
            "The Danish envoy, Sofie Krag, flew to Tehran on Sunday to plead for two aid workers.",
            [("Sofie Krag", "Tehran", "asserted")],
        ),
        (
            "Envoy Paul Brandt met Belarusian Interior Minister Ivan Kubrakov in Hrodna on Friday.",
            [("Paul Brandt", "Hrodna", "asserted")],
        ),
        (
            "Cardinal Piero Manzi, acting for Pope Leo XIV, toured the Belarusian capital in May.",
            [("Piero Manzi", "Minsk", "asserted")],  # "toured" is a visit
        ),
        (
            "Cardinal Piero Manzi, acting for Pope Leo XIV, visited the Belarusian capital in May.",
            [("Piero Manzi", "Minsk", "asserted")],
        ),
        (
            "Two prisoners walked free days after a visit by the U.S. envoy John Coale.",
            [("John Coale", None, "asserted")],
        ),
        (
            "Ahead of a planned visit to Minsk by envoy John Coale, exiles in Warsaw waited.",
            [],
        ),
        (
            "The sides discussed a possible trip to Minsk by the American envoy John Coale.",
            [("John Coale", "Minsk", "proposed")],
        ),
        (
            "Opposition leader Ana Petrauskiene met students in Vilnius on Monday.",
            [],  # no envoy, and Vilnius is no host of the prisoner deals
        ),
    ],
)
def test_visits_from_meetings_talks_and_trips(
    extractor: Extractor, text: str, expected: list[tuple]
) -> None:
    assert visits(extractor, text) == expected


def test_state_media_dateline_is_the_host(extractor: Extractor) -> None:
    text = (
        "MINSK, 14 October. The head of state today received a delegation of the United "
        "States led by the deputy special envoy, Mark Halvorsen."
    )
    events = extractor.extract(text, "2025-10-15").events
    assert [(e.type, e.actor, e.target, e.date_min) for e in events if e.type == "visit"] == [
        ("visit", "Mark Halvorsen", "Minsk", "2025-10-14")
    ]


def test_a_foreign_dateline_hosts_nothing(extractor: Extractor) -> None:
    text = "WARSAW, 14 October. The deputy special envoy Mark Halvorsen held talks with exiles."
    assert visits(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("MINSK, 3 May. Text", "Minsk"),
        ("HRODNA/VILNIUS, May 3 - x", "Hrodna"),
        ("In Minsk, x", None),
    ],
)
def test_dateline_city(text: str, city: str | None) -> None:
    assert dateline_city(text) == city


def test_host_cities_are_data() -> None:
    lex = load_visits()
    assert lex.host_cities["Caracas"] == "Venezuela"
    assert lex.city_in([]) is None


def test_own_title_beats_a_borrowed_one(extractor: Extractor) -> None:
    text = (
        "On Monday, on the orders of President Trump, Special Envoy Mark Halvorsen met the "
        "ruler in Minsk."
    )
    assert visits(extractor, text) == [("Mark Halvorsen", "Minsk", "asserted")]


def test_a_postponed_trip_is_no_visit(extractor: Extractor) -> None:
    text = "The deputy envoy Mark Halvorsen postponed his trip to Minsk on Monday."
    assert visits(extractor, text) == []


def test_pronoun_visitor_is_the_envoy_named_before(extractor: Extractor) -> None:
    text = (
        "The deputy special envoy Mark Halvorsen met exiles in Warsaw on Tuesday. "
        "He said he would travel to Minsk again in the spring."
    )
    assert visits(extractor, text) == [("Mark Halvorsen", "Minsk", "announced")]
