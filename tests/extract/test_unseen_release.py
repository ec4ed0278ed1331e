"""Release, detention and actor/persons constructions from the loss analysis (issue 12).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.discourse import Discourse
from quidproquo.extract.gazetteer import load_gazetteer
from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


# -- a detention told in a clause describing one person of a list is about that person ------


@pytest.mark.parametrize(
    "text, person",
    [
        (
            "Those let go included the poet Lina Kostenko; the former judge Petro Sas, who had "
            "been sentenced to nine years; and two foreigners.",
            "Petro Sas",
        ),
        (
            "Monitors named the blogger Olena Teliha, the student Ivan Franko (sentenced to six "
            "years over a comment) and the pensioner Maria Zankovetska.",
            "Ivan Franko",
        ),
        (
            "The cleric Taras Shevchenko and the painter Oksana Kryvonis, who was given a "
            "twelve-year term, were both pardoned.",
            "Oksana Kryvonis",
        ),
    ],
)
def test_detention_in_a_described_list_item_names_that_person(
    events_of: EventsOf, text: str, person: str
) -> None:
    [event] = events_of(text, "detention")
    assert event.persons == [person]
    assert event.date_min is None  # a term with no time of its own (DEV2.md)


def test_people_coordinated_before_one_relative_clause_share_it(events_of: EventsOf) -> None:
    text = (
        "The court named two bloggers, Anton Hrytsak and Iryna Vovk, who had been sentenced "
        "in May to five years each."
    )
    [event] = events_of(text, "detention")
    assert sorted(event.persons) == ["Anton Hrytsak", "Iryna Vovk"]


@pytest.mark.parametrize(
    "text",
    [
        "Freed on Monday were the poet Olha Kobylianska (jailed over a verse) and two others.",
        "The analyst Yurii Fedkovych, who was arrested over his posts, spoke in Warsaw.",
    ],
)
def test_a_description_without_date_or_term_is_no_detention(
    events_of: EventsOf, text: str
) -> None:
    assert events_of(text, "detention") == []


# -- "Among those freed were A; B, who ...; and C": the list runs to the sentence end --------


def test_membership_list_split_by_semicolons_keeps_every_name(events_of: EventsOf) -> None:
    text = (
        "Among those pardoned were the chemist Iryna Kalynets; former mayor Bohdan Stupka, "
        "who had been sentenced to three years; and four foreigners."
    )
    [release] = events_of(text, "release")
    assert release.persons == ["Iryna Kalynets", "Bohdan Stupka"]


# -- the agent of a pardon is its actor, never one of the persons; a requester is neither ----


@pytest.mark.parametrize(
    "text, actor",
    [
        ("The jailed cleric was pardoned by President Ilham Aliyev on Monday.", "Ilham Aliyev"),
        ("Two nuns were set free by Aliaksandr Łukašenka on 3 March.", "Aliaksandr Łukašenka"),
        (
            "Lukashenko met the envoy on Tuesday. The two nuns were then freed by the head "
            "of state.",
            "Lukashenko",
        ),
    ],
)
def test_passive_agent_of_a_pardon_is_the_actor(
    events_of: EventsOf, text: str, actor: str
) -> None:
    [event] = events_of(text, "release")
    assert event.actor == actor
    assert actor not in event.persons


def test_a_body_as_passive_agent_is_not_a_person_actor(events_of: EventsOf) -> None:
    [event] = events_of("The blogger was released by the KGB on Friday.", "release")
    assert event.actor is None


@pytest.mark.parametrize(
    "text",
    [
        "President Lukashenko's decision on Friday to free 16 inmates was praised in Vilnius.",
        "Lukashenko's order to release 16 inmates came on Friday.",
    ],
)
def test_the_one_whose_decision_frees_is_the_actor(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "release")
    assert (event.actor, event.count) == ("Lukashenko", 16)


def test_a_requester_is_neither_actor_nor_freed(events_of: EventsOf) -> None:
    text = (
        "At the request of the Vatican envoy Paolo Rudelli, Lukashenko on Friday pardoned "
        "three priests."
    )
    [event] = events_of(text, "release")
    assert event.actor == "Lukashenko"
    assert "Paolo Rudelli" not in event.persons


# -- a definite description takes up the one person told of before --------------------------

INTRO = "Ihor Sikorsky, a blogger freed in June, spoke in Vilnius on Monday. "


@pytest.mark.parametrize(
    "follow",
    [
        "The 52-year-old had been arrested in May 2021.",
        "The veteran reporter, who founded a newspaper in 1999, was arrested in May 2021.",
        "The blogger was detained in Pinsk in May 2021 and later sentenced to six years.",
    ],
)
def test_definite_description_names_the_person_before(events_of: EventsOf, follow: str) -> None:
    [event] = events_of(INTRO + follow, "detention")
    assert event.persons == ["Ihor Sikorsky"]


@pytest.mark.parametrize(
    "follow",
    [
        "The prisoners were detained in May 2021.",  # a plural: a group, not him
        "The family was detained in May 2021.",  # a collective
    ],
)
def test_groups_do_not_take_up_one_person(events_of: EventsOf, follow: str) -> None:
    [event] = events_of(INTRO + follow, "detention")
    assert event.persons == []


# -- "X by decree granted clemency to N": the recipients however the parse breaks -----------


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            "President of Belarus Alexander Lukashenko by decree granted clemency to 25 "
            "convicts, his office said.",
            "Alexander Lukashenko",
        ),
        (
            "On the eve of the holiday, Lukashenko by his decree granted a pardon to 25 "
            "convicts.",
            "Lukashenko",
        ),
        ("Lukashenko granted clemency to 25 convicts on Monday.", "Lukashenko"),
    ],
)
def test_clemency_by_decree_to_a_count(events_of: EventsOf, text: str, actor: str) -> None:
    [event] = events_of(text, "release")
    assert (event.actor, event.count) == (actor, 25)


def test_clemency_for_a_document_is_no_release(events_of: EventsOf) -> None:
    text = "The ministry granted access to 25 journalists on Monday."
    assert events_of(text, "release") == []


# -- the person who refused to leave: a title with an apposition, a pronoun, a surname -------


@pytest.mark.parametrize(
    "text",
    [
        "The oldest inmate on the bus, Pavlo Tychyna, refused to leave Belarus on Friday.",
        "On Friday Pavlo Tychyna was driven to the Polish frontier, but he refused to cross.",
        "Pavlo Tychyna was pardoned on Friday. Tychyna refused to leave the country.",
    ],
)
def test_refused_departure_names_who_refused(events_of: EventsOf, text: str) -> None:
    refused = [e for e in events_of(text, "deportation") if e.modality == "refused"]
    assert refused
    assert all(e.persons == ["Pavlo Tychyna"] for e in refused)


def test_described_by_an_employer_phrase_is_still_the_person(events_of: EventsOf) -> None:
    text = (
        "Freed on Monday were Maksym Rylsky, a reporter for Radio Hromada who had been held "
        "since March 2021, and two others."
    )
    [event] = events_of(text, "detention")
    assert event.persons == ["Maksym Rylsky"]
    assert (str(event.date_min), str(event.date_max)) == ("2021-03-01", "2021-03-31")


def test_refusing_to_leave_a_room_is_no_deportation(events_of: EventsOf) -> None:
    text = "Pavlo Tychyna refused to leave the meeting on Friday."
    assert events_of(text, "deportation") == []


# -- "They include A and B": a listing verb on a back-reference names members of the group --

FREED = "Belarus freed 30 prisoners on Monday. "


@pytest.mark.parametrize(
    "follow, people",
    [
        (
            "They include the economist Ivan Ohienko and the student Lesia Ukrainka.",
            ["Ivan Ohienko", "Lesia Ukrainka"],
        ),
        (
            "Monday's group included the economist Ivan Ohienko, the poet Lesia Ukrainka "
            "(jailed over a verse) and Petro Doroshenko, a former policeman.",
            ["Ivan Ohienko", "Lesia Ukrainka", "Petro Doroshenko"],
        ),
        (
            "Those freed included the mayor Petro Doroshenko.",
            ["Petro Doroshenko"],
        ),
    ],
)
def test_listing_verb_on_the_group_names_its_members(
    events_of: EventsOf, follow: str, people: list[str]
) -> None:
    named = [e for e in events_of(FREED + follow, "release") if e.persons]
    assert [e.persons for e in named] == [people]


def test_a_listing_verb_on_something_else_names_no_member(events_of: EventsOf) -> None:
    text = FREED + "Their demands include the release of Ivan Ohienko."
    assert [e for e in events_of(text, "release") if e.persons] == []


# -- an arrest and a sentence with dates of their own are two detentions (DEV2.md) -----------


@pytest.mark.parametrize(
    "text",
    [
        "Ostap Vyshnia was arrested in July 2021 and sentenced in March 2023 to nine years.",
        "Ostap Vyshnia was arrested in July 2021 and in March 2023 received a nine-year "
        "sentence on fraud charges.",
    ],
)
def test_arrest_and_sentence_on_two_dates_are_two_detentions(
    events_of: EventsOf, text: str
) -> None:
    events = events_of(text, "detention")
    assert sorted(str(e.date_min) for e in events) == ["2021-07-01", "2023-03-01"]
    assert all(e.persons == ["Ostap Vyshnia"] for e in events)


def test_an_undated_later_sentence_folds_into_the_arrest(events_of: EventsOf) -> None:
    text = "Ostap Vyshnia was arrested in July 2021 and later sentenced to nine years."
    [event] = events_of(text, "detention")
    assert str(event.date_min) == "2021-07-01"


# -- "A and B, both held since 2022": a detention of both, not the release's date -------------


def test_both_takes_up_the_people_named_before(events_of: EventsOf) -> None:
    text = (
        "Minsk freed 14 people on Monday. Among those freed were the priest Ivan Ohienko and "
        "the mayor Petro Doroshenko, both held since August 2022."
    )
    [detention] = events_of(text, "detention")
    assert detention.persons == ["Ivan Ohienko", "Petro Doroshenko"]
    assert str(detention.date_min) == "2022-08-01"
    named = [e for e in events_of(text, "release") if e.persons]
    assert [str(e.date_min) for e in named] == ["2025-09-29"]  # the group's day, not 2022


def test_a_describing_clause_dates_the_detention_it_joins(events_of: EventsOf) -> None:
    text = (
        "The union condemned on Friday the sentence handed to the camerawoman Nadia Surma, "
        "who was given four years in a colony on 23 July."
    )
    [event] = events_of(text, "detention")
    assert (event.persons, str(event.date_min)) == (["Nadia Surma"], "2025-07-23")


# -- "X, who was among 31 freed in May, is back behind bars": the 31 are the release's ------


def test_a_count_in_a_relative_clause_stays_there(events_of: EventsOf) -> None:
    text = "Taras Bulba, who was among 31 inmates freed on 4 May, has been detained again."
    [release] = events_of(text, "release")
    [detention] = events_of(text, "detention")
    assert (release.count, release.persons) == (31, ["Taras Bulba"])
    assert (detention.count, detention.persons) == (None, ["Taras Bulba"])


# -- the leader behind a title, when the tagger missed the leader's name ----------------------


def test_a_leader_the_tagger_missed_is_still_known(extractor: Extractor) -> None:
    doc = extractor.nlp("Talks were held between President Alexander Lukashenko and an envoy.")
    doc.ents = []  # as when the tagger takes the title and name for a place
    discourse = Discourse(load_gazetteer())
    discourse.read(doc)
    assert discourse.leader() == "Alexander Lukashenko"


@pytest.mark.parametrize(
    "text",
    [
        "After a long meeting between President of the Republic of Belarus Alexander "
        "Lukashenko and the visiting Special Envoy Dan Smith, the head of state decided to "
        "pardon 40 convicts.",
        "Lukashenko met the envoy on Friday. The head of state then decided to free 40 inmates.",
    ],
)
def test_the_head_of_state_who_decided_is_the_actor(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "release")
    assert event.actor is not None and event.actor.endswith("Lukashenko")
    assert event.count == 40


def test_who_put_his_name_to_freeing_decrees_is_the_actor(events_of: EventsOf) -> None:
    text = (
        "Lukashenko met the envoy in May. Since then he has put his signature to four "
        "decrees that freed some 90 people."
    )
    [event] = events_of(text, "release")
    assert (event.actor, event.count) == ("Lukashenko", 90)


@pytest.mark.parametrize(
    "text",
    [
        "Overall since January by decrees of Lukashenko left colonies 210 people.",
        "Since January, 210 people have left colonies under decrees of Lukashenko.",
    ],
)
def test_leaving_colonies_by_decree_of_the_leader(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "release")
    assert (event.actor, event.count, str(event.date_min)) == ("Lukashenko", 210, "2025-01-01")


def test_leaving_a_city_is_no_release(events_of: EventsOf) -> None:
    assert events_of("The minister left the capital for the regions on Monday.", "release") == []


# -- lone surnames coordinated with a person are people ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hrytsak, Vovk and Mazepa were detained in a raid in May.",
        "Police arrested Hrytsak, Vovk and Mazepa in Pinsk in May.",
    ],
)
def test_coordinated_surnames_are_all_persons(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "detention")
    assert sorted(event.persons) == ["Hrytsak", "Mazepa", "Vovk"]


def test_places_coordinated_with_a_person_stay_places(extractor: Extractor) -> None:
    doc = extractor.nlp("Poland, Lithuania and Ivan Mazepa were thanked on Friday.")
    Discourse(load_gazetteer()).retag(doc)
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Ivan Mazepa"]
