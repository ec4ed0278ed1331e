"""Visits told as meetings or talks (issue 12, PHENOMENA 4), and the visitor remembered
through the text.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor


def visits(extractor: Extractor, text: str) -> list[tuple[str | None, str | None]]:
    found = extractor.extract(text, "2025-10-02").events
    return [(e.actor, e.target) for e in found if e.type == "visit"]


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            "Special envoy Mark Delaney's talks with Lukashenko went on into the evening on "
            "Thursday.",
            "Mark Delaney",
        ),
        ("Special envoy Mark Delaney met the Belarusian leader on Thursday.", "Mark Delaney"),
    ],
)
def test_talks_with_the_leader_are_a_visit(extractor: Extractor, text: str, actor: str) -> None:
    assert visits(extractor, text) == [(actor, None)]


def test_meeting_someone_during_the_trip_is_a_visit(extractor: Extractor) -> None:
    text = (
        "Steve Witkoff, the White House special envoy, flew to Moscow on Tuesday. "
        "Witkoff met Vladimir Putin during the trip."
    )
    assert visits(extractor, text) == [("Steve Witkoff", "Moscow"), ("Steve Witkoff", None)]


@pytest.mark.parametrize(
    "text",
    [
        # at a distance
        "Special envoy Mark Delaney held talks with Lukashenko by phone on Thursday.",
        # nobody named met, and no leader
        "Special envoy Mark Delaney met reporters on Thursday.",
        # negated
        "Special envoy Mark Delaney has never met Lukashenko.",
        # unnamed envoys, generic
        "Each release came after talks with American envoys.",
    ],
)
def test_meetings_that_are_no_visit(extractor: Extractor, text: str) -> None:
    assert visits(extractor, text) == []


def test_reporters_met_on_a_trip_add_no_visit(extractor: Extractor) -> None:
    text = (
        "Steve Witkoff, the White House special envoy, flew to Moscow on Tuesday. "
        "Witkoff met reporters on the trip."
    )
    assert visits(extractor, text) == [("Steve Witkoff", "Moscow")]


def test_the_visitor_stays_an_envoy_for_the_rest_of_the_text(extractor: Extractor) -> None:
    text = (
        "Denmark's special envoy for the region, Lars Brekke, met Belarus's deputy foreign "
        "minister in Minsk on Tuesday about a Danish sailor held there. The sailor, a "
        "44-year-old mechanic, was sentenced in 2023 to four years for filming a port. "
        "Brekke later visited the prison in Vitebsk."
    )
    found = extractor.extract(text, "2025-10-02").events
    assert [(e.actor, e.target) for e in found if e.type == "visit"] == [
        ("Lars Brekke", "Minsk"),
        ("Lars Brekke", "Vitebsk"),
    ]
    [detention] = [e for e in found if e.type == "detention"]
    assert "Lars Brekke" not in detention.persons  # "the sailor" is not the envoy
