"""The discourse state: actors of releases from names, titles, pronouns and agent phrases.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.frames import leading_header


def releases(extractor: Extractor, text: str):
    return [e for e in extractor.extract(text, "2025-10-02").events if e.type == "release"]


@pytest.mark.parametrize(
    "text",
    [
        # a title subject resolves to the leader named before
        "Alyaksandr Lukashenka met church envoys in Minsk on Monday. "
        "A day later the head of state pardoned eleven convicts.",
        "Lukashenka was shown on television touring a farm. "
        "On Tuesday the Belarusian strongman freed nine inmates held over the protests.",
        # a pronoun subject of a pardon verb
        "Alyaksandr Lukashenka spoke to farmers on Monday. On Tuesday he pardoned 14 people.",
        # the leader names himself as the subject of a legal phrase
        "Alyaksandr Lukashenka on Tuesday granted clemency to 14 inmates, state television said.",
    ],
)
def test_leader_by_title_or_pronoun_is_the_actor(extractor: Extractor, text: str) -> None:
    found = releases(extractor, text)
    assert found and found[-1].actor is not None and "Lukashenka" in found[-1].actor
    assert all("Lukashenka" not in p for e in found for p in e.persons)


def test_named_leader_is_actor_not_a_person(extractor: Extractor) -> None:
    text = "President Ilham Aliyev on Friday pardoned the blogger Rauf Mammadli and 30 others."
    (event,) = [e for e in releases(extractor, text) if e.actor]
    assert event.actor == "Ilham Aliyev"
    assert "Ilham Aliyev" not in event.persons


def test_orders_of_a_leader_name_the_actor(extractor: Extractor) -> None:
    text = "Twelve inmates were let out on Friday on the orders of President Ilham Aliyev."
    (event,) = releases(extractor, text)
    assert event.actor == "Ilham Aliyev"


def test_presidential_decree_names_the_leader_of_the_text(extractor: Extractor) -> None:
    text = (
        "Alyaksandr Lukashenka opened a new hospital wing on Monday. "
        "Six foreigners were pardoned by presidential decree on Wednesday."
    )
    (event,) = releases(extractor, text)
    assert event.actor == "Alyaksandr Lukashenka"


def test_requester_is_never_the_actor(extractor: Extractor) -> None:
    text = "Four nuns were freed on Wednesday at the request of Cardinal Pietro Parolin."
    (event,) = releases(extractor, text)
    assert event.actor is None


def test_any_state_that_frees_people_is_the_actor(extractor: Extractor) -> None:
    text = "Cuban authorities freed the writer Ana Lorenzo on Sunday."
    (event,) = releases(extractor, text)
    assert event.actor == "Cuba"


def test_subject_of_a_motion_verb_is_freed_not_the_actor(extractor: Extractor) -> None:
    text = "Ihar Sidorchyk crossed into Poland on Monday together with six other freed inmates."
    assert all(e.actor != "Ihar Sidorchyk" for e in releases(extractor, text))


def test_welcoming_a_release_does_not_make_the_actor(extractor: Extractor) -> None:
    text = "Senator Jane Miller welcomed the release of 18 prisoners by Belarus on Monday."
    assert all(e.actor != "Jane Miller" for e in releases(extractor, text))


@pytest.mark.parametrize(
    "line, rest",
    [
        ("GDANSK, Oct 2 (Baltic Wire) - Belarus freed 9 people.", "Belarus freed 9 people."),
        ("TBILISI (Caucasus Desk) — Georgia freed two men.", "Georgia freed two men."),
        ("Riga, Oct 2 (Wire) - Latvia said.", "Latvia said."),
        ("October 2, Daily Brief. Belarus freed 9 people.", "Belarus freed 9 people."),
        ("Lukashenka, the ruler, freed 9 people - the agency said.", None),
    ],
)
def test_leading_dateline(line: str, rest: str | None) -> None:
    assert line[leading_header(line) :] == (rest if rest is not None else line)


def test_dateline_city_is_not_the_actor(extractor: Extractor) -> None:
    text = "GDANSK, Oct 2 (Baltic Wire) - Belarus on Thursday freed 31 prisoners."
    (event,) = releases(extractor, text)
    assert event.actor == "Belarus"


def test_leader_inside_a_long_title_signs_the_decree(extractor: Extractor) -> None:
    text = (
        "Head of the Republic of Belarus Alyaksandr Lukashenka has signed a decree "
        "releasing 19 convicts, his office said."
    )
    (event,) = releases(extractor, text)
    assert event.actor is not None and "Lukashenka" in event.actor and event.count == 19


def test_decree_covering_people_is_a_release_by_its_signer(extractor: Extractor) -> None:
    text = "On Friday Alyaksandr Lukashenka signed a pardon decree covering 26 inmates."
    (event,) = releases(extractor, text)
    assert event.count == 26 and "Lukashenka" in (event.actor or "")


def test_requester_before_the_leader_is_not_the_actor(extractor: Extractor) -> None:
    text = "At the request of Cardinal Pietro Parolin, Lukashenka on Friday pardoned three monks."
    (event,) = releases(extractor, text)
    assert event.actor is not None and "Lukashenka" in event.actor


def test_title_of_the_holding_state_leader_never_named(extractor: Extractor) -> None:
    text = "The Belarusian strongman pardoned 17 people on Friday, state television said."
    (event,) = releases(extractor, text)
    assert event.actor is not None


def test_pronoun_takes_the_person_named_earlier_in_the_sentence(extractor: Extractor) -> None:
    text = (
        "Ivan Kaval met reporters in Vilnius on Monday. "
        "Hanna Lis was among 40 people pardoned on Friday; most went to Ukraine, "
        "but she was expelled to Poland."
    )
    found = [e for e in extractor.extract(text, "2025-10-02").events if e.type == "deportation"]
    assert ["Hanna Lis"] in [e.persons for e in found if e.destination == "Poland"]
