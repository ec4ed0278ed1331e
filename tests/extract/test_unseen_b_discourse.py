"""People named in sentences that are not parsed still enter the discourse state (issue 12):
a later "he" or "the 61-year-old" takes them up.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.discourse import Discourse
from quidproquo.extract.gazetteer import load_gazetteer


def releases(extractor: Extractor, text: str) -> list[list[str]]:
    found = extractor.extract(text, "2025-10-08").events
    return [e.persons for e in found if e.type == "release"]


@pytest.mark.parametrize(
    "text",
    [
        "Opposition politician Pavel Sevruk spoke to reporters in Vilnius on Monday. "
        "He was freed from a Belarusian colony last week.",
        "Pavel Sevruk spoke to reporters in Vilnius on Monday. "
        "The 61-year-old was freed from a Belarusian colony last week.",
    ],
)
def test_person_of_an_unparsed_sentence_is_taken_up(extractor: Extractor, text: str) -> None:
    assert releases(extractor, text) == [["Pavel Sevruk"]]


def test_envoy_of_an_unparsed_sentence_is_the_later_visitor(extractor: Extractor) -> None:
    text = (
        "US envoy Dan Mercer spoke to reporters in Vilnius on Monday. "
        "He will travel to Minsk next week."
    )
    found = extractor.extract(text, "2025-10-08").events
    assert [(e.type, e.actor) for e in found] == [("visit", "Dan Mercer")]


def test_a_leader_of_an_unparsed_sentence_is_no_freed_person(extractor: Extractor) -> None:
    text = "Lukashenko spoke to reporters in Minsk on Monday. He freed 20 prisoners last week."
    found = extractor.extract(text, "2025-10-08").events
    assert [(e.actor, e.persons) for e in found if e.type == "release"] == [("Lukashenko", [])]


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Belarusian Foreign Minister Maxim Ryzhenkov met Pavel Sevruk.",
            ["Maxim Ryzhenkov", "Pavel Sevruk"],
        ),
        ("After Pavel Sevruk spoke, the hall emptied.", ["Pavel Sevruk"]),
        # a body, a place after "in", a holiday, a leader: no person
        ("The Vitebsk Regional Court met in New Orleans on Independence Day.", []),
        ("Alyaksandr Lukashenka spoke on Radio Free Europe.", []),
    ],
)
def test_names_read_without_a_parse(text: str, names: list[str]) -> None:
    discourse = Discourse(load_gazetteer())
    assert [name for _, name in discourse.names_in_text(text)] == names


def test_a_body_told_by_a_description_is_taken_up_at_its_fullest(extractor: Extractor) -> None:
    text = (
        "The interior ministry's press office said on Friday that nine convicts had been "
        "pardoned. The office rejected claims that the pardons were traded for sanctions relief."
    )
    found = extractor.extract(text, "2025-10-08").events
    assert [e.actor for e in found if e.type == "denial"] == ["interior ministry's press office"]


@pytest.mark.parametrize(
    "text, bodies",
    [
        ("The presidential press service said so.", ["presidential press service"]),
        # a named body is the name's; a generic description is none
        ("The Vesna human rights centre said so.", []),
        ("It was the sixth such group to be banned.", []),
        ("The service said so.", []),
    ],
)
def test_bodies_told_by_descriptions(extractor: Extractor, text: str, bodies: list[str]) -> None:
    discourse = Discourse(load_gazetteer())
    discourse.read(extractor.nlp(text))
    assert [b for b in discourse.bodies if b[:1].islower()] == bodies


@pytest.mark.parametrize(
    "text, person",
    [
        # a surname the tagger reads as a common noun
        (
            "The American teacher Daniel Brook was detained in March. Brook was sentenced last "
            "year to seven years in a penal colony.",
            "Daniel Brook",
        ),
        # a double-barrelled name, first told in a sentence that is not parsed
        (
            "LONDON — Miriam Sadeghi-Hart and Tom Ellery landed early on Thursday. "
            "Sadeghi-Hart, a nurse, was arrested at Tehran airport in May 2019.",
            "Miriam Sadeghi-Hart",
        ),
    ],
)
def test_a_surname_alone_takes_up_the_full_name(
    extractor: Extractor, text: str, person: str
) -> None:
    found = extractor.extract(text, "2025-10-08").events
    assert [e.persons for e in found if e.type == "detention"][-1] == [person]


def test_a_capitalised_noun_is_no_surname(extractor: Extractor) -> None:
    text = (
        "The American teacher Daniel Brook was detained in March. Church leaders were "
        "detained last year."
    )
    found = extractor.extract(text, "2025-10-08").events
    assert [e.persons for e in found if e.type == "detention"][-1] == []
