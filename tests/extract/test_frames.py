"""Frame filling: counts, persons, destinations, actors and targets from the parse."""

import pytest

from quidproquo.extract.counts import find_counts, sum_parts
from quidproquo.extract.frames import FrameFiller, SentenceView
from quidproquo.extract.gazetteer import load_gazetteer
from quidproquo.extract.nlp import load_nlp
from quidproquo.extract.triggers import load_triggers


@pytest.fixture(scope="module")
def fill():
    lexicon, gazetteer, nlp = load_triggers(), load_gazetteer(), load_nlp()
    filler = FrameFiller(gazetteer, lexicon)

    def run(text: str, word: str):
        doc = nlp(text)
        view = SentenceView(doc, sum_parts(find_counts(text), text), gazetteer.find(text))
        trig = next(t for tok in doc if tok.text == word for t in lexicon.match(tok))
        return filler.fill(trig, "asserted", view)

    return run


def test_release_count_actor_and_persons(fill) -> None:
    (slot,) = fill(
        "Alexander Lukashenko pardoned 17 prisoners on Monday, among them the poet Ivan Drozd.",
        "pardoned",
    )
    assert slot.count == 17 and slot.count_qualifier == "exact"
    assert slot.actor == "Alexander Lukashenko"
    assert slot.persons == ["Ivan Drozd"]


def test_parts_are_summed_and_composition_ignored(fill) -> None:
    (slot,) = fill("Belarus freed four women and nine men, two of them foreigners.", "freed")
    assert slot.count == 13
    assert slot.actor == "Belarus"


def test_city_destination_maps_to_country(fill) -> None:
    (slot,) = fill("The five were deported to Vilnius on Friday.", "deported")
    assert slot.destination == "Lithuania"


def test_one_destination_per_coordinated_country(fill) -> None:
    slots = fill("Most of the deportees were later moved on to Latvia and Poland.", "moved")
    assert sorted(s.destination for s in slots) == ["Latvia", "Poland"]


def test_sanctions_one_event_per_named_entity_and_agency_actor(fill) -> None:
    slots = fill(
        "The Treasury lifted sanctions on Belinvestbank and Belaruskali on Tuesday.", "lifted"
    )
    assert sorted(s.target for s in slots) == ["Belaruskali", "Belinvestbank"]
    assert {s.actor for s in slots} == {"United States"}


def test_sector_target_when_no_entity(fill) -> None:
    (slot,) = fill("Washington eased restrictions on potash exports.", "eased")
    assert (slot.actor, slot.target) == ("United States", "potash")


def test_other_adds_the_named_person(fill) -> None:
    (slot,) = fill("Olga Petrova was freed along with 9 other prisoners.", "freed")
    assert slot.count == 10
    assert slot.persons == ["Olga Petrova"]
