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


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Belarusian authorities freed 31 inmates on Friday.", "freed"),
        ("The Belarusian government pardoned six women on Monday.", "pardoned"),
        ("The government of Belarus released 40 detainees overnight.", "released"),
        ("The authorities in Minsk freed two journalists on Sunday.", "freed"),
        ("Minsk's regime pardoned 18 activists last week.", "pardoned"),
        ("Byelorussian authorities released nine men.", "released"),
    ],
)
def test_authorities_of_the_holding_state_are_the_releaser(fill, text: str, word: str) -> None:
    (slot,) = fill(text, word)
    assert slot.actor == "Belarus"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The authorities freed 12 people on Monday.", "freed"),
        ("Prison authorities in the region freed five inmates.", "freed"),
    ],
)
def test_other_or_unnamed_authorities_give_no_releaser(fill, text: str, word: str) -> None:
    (slot,) = fill(text, word)
    assert slot.actor is None


def test_authorities_of_any_state_that_frees_are_the_releaser(fill) -> None:
    (slot,) = fill("Lithuanian authorities released two smugglers on Friday.", "released")
    assert slot.actor == "Lithuania"


def test_authorities_of_a_sanctioning_state_are_its_government(fill) -> None:
    (slot,) = fill("The American administration lifted sanctions on Belavia.", "lifted")
    assert slot.actor == "United States"


@pytest.mark.parametrize(
    ("text", "word", "country"),
    [
        ("The freed activists crossed the Polish frontier on foot.", "freed", "Poland"),
        ("The pardoned men were driven to the Ukrainian border.", "driven", "Ukraine"),
        ("Those freed were later escorted to the Latvian border.", "freed", "Latvia"),
        ("Most of the released were driven to the Lithuanian frontier.", "released", "Lithuania"),
        ("Several of the pardoned prisoners were flown to Vilnius.", "pardoned", "Lithuania"),
        ("Eight released inmates were brought across the Polish border.", "released", "Poland"),
    ],
)
def test_border_adjective_and_carrying_verb_give_destination(fill, text, word, country) -> None:
    assert [s.destination for s in fill(text, word)] == [country]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The freed activists were taken to a hospital.", "freed"),
        ("The pardoned men were driven to the border.", "driven"),
        ("Those freed were escorted to the Belarusian border.", "freed"),
    ],
)
def test_no_destination_without_a_foreign_place(fill, text: str, word: str) -> None:
    assert [s.destination for s in fill(text, word)] == [None]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("BREST, May 2 (Sample Wire) - Belarus on Friday freed four prisoners.", "Belarus"),
        ("The president, Alexander Lukashenko, pardoned nine inmates.", "Alexander Lukashenko"),
        ("Minsk on Monday freed two journalists.", "Belarus"),
    ],
)
def test_releaser_behind_dateline_dates_and_appositions(fill, text: str, actor: str) -> None:
    word = next(w for w in ("freed", "pardoned") if w in text)
    (slot,) = fill(text, word)
    assert slot.actor == actor


def test_numeric_subject_is_no_deportation_actor(fill) -> None:
    (slot,) = fill("Fifteen were expelled to Latvia on Sunday.", "expelled")
    assert (slot.actor, slot.count, slot.destination) == (None, 15, "Latvia")
