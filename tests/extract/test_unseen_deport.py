"""Deportations, destinations and exchanges in wordings found missing on news-like text
(issue 12). Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor


def of_type(extractor: Extractor, text: str, kind: str, published: str = "2025-12-15"):
    return [e for e in extractor.extract(text, published).events if e.type == kind]


def types(extractor: Extractor, text: str, published: str = "2025-12-15") -> set[str]:
    return {e.type for e in extractor.extract(text, published).events}


# -- a group handed over to a state not its own is deported there (DEV2.md) -----------------


@pytest.mark.parametrize(
    "text, destination",
    [
        ("Most of the pardoned detainees were handed over to Lithuania on Monday.", "Lithuania"),
        ("Officials said 60 of those freed were handed over to Ukraine.", "Ukraine"),
        (
            "Those released were taken to the Polish border and handed over to Poland.",
            "Poland",
        ),
        (
            "The Belarusian prisoners handed over to Ukraine on Sunday included a journalist.",
            "Ukraine",
        ),
    ],
)
def test_group_handed_over_abroad_is_deported(
    extractor: Extractor, text: str, destination: str
) -> None:
    [event] = of_type(extractor, text, "deportation")
    assert event.destination == destination
    assert "release" not in types(extractor, text)  # the freed group adds nothing more


def test_freed_then_handed_over_gives_release_and_deportation(extractor: Extractor) -> None:
    text = "The authorities released 40 inmates on Friday and handed them over to Poland."
    [release] = of_type(extractor, text, "release")
    [deportation] = of_type(extractor, text, "deportation")
    assert (release.count, release.destination) == (40, None)
    assert deportation.destination == "Poland"


@pytest.mark.parametrize(
    "text, destination",
    [
        ("Minsk pardoned 12 Lithuanian nationals and handed them over to Lithuania.", "Lithuania"),
        ("Nine Poles were handed over to Poland at the Kuznica crossing.", "Poland"),
        ("Thirty Ukrainians were handed over to Kyiv in November.", "Ukraine"),
        ("Ivan Petrenko was handed over to Ukraine on Monday.", "Ukraine"),
    ],
)
def test_nationals_or_named_person_handed_over_are_released(
    extractor: Extractor, text: str, destination: str
) -> None:
    [event] = of_type(extractor, text, "release")
    assert event.destination == destination
    assert not of_type(extractor, text, "deportation")


def test_freed_group_bussed_abroad_is_one_deportation(extractor: Extractor) -> None:
    # "bussed" is expulsion wording (DEV2.md): the place goes on the deportation alone
    text = "Most of the released were bussed to the Lithuanian frontier."
    [event] = of_type(extractor, text, "deportation")
    assert event.destination == "Lithuania"
    assert not of_type(extractor, text, "release")


# -- refused departures: the refuser is a person of the event, never its actor ---------------


@pytest.mark.parametrize(
    "text, person",
    [
        (
            "The oldest inmate on the bus, Pavel Ladny, refused to leave Belarus, sources said.",
            "Pavel Ladny",
        ),
        ("Maria Saltsova refused to go abroad, her husband wrote.", "Maria Saltsova"),
        (
            "Guards told the family of Andrei Kovalenko that he was back in his cell, weeks "
            "after he refused to leave the country.",
            "Andrei Kovalenko",
        ),
    ],
)
def test_refusal_to_leave_is_a_refused_deportation_of_the_refuser(
    extractor: Extractor, text: str, person: str
) -> None:
    [event] = of_type(extractor, text, "deportation", "2025-10-02")
    assert (event.modality, event.persons, event.actor) == ("refused", [person], None)


def test_refusal_after_a_drive_takes_the_drives_destination(extractor: Extractor) -> None:
    text = (
        "On Thursday Olga Brandt was driven with the rest of the group to the Latvian border, "
        "but she refused to cross."
    )
    [event] = of_type(extractor, text, "deportation", "2025-10-02")
    assert (event.modality, event.destination) == ("refused", "Latvia")


# -- the people of a swap: both sides ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, people",
    [
        (
            "Caracas freed the French cyclist Louis Marchand on Monday in exchange for Diego "
            "Ramos, a Venezuelan pilot held in Paris.",
            {"Louis Marchand", "Diego Ramos"},
        ),
        (
            "Tehran released the Belgian aid worker Pieter Claes in a prisoner swap brokered by "
            "Qatar, while Brussels freed Amir Hosseini, an Iranian official jailed for fraud.",
            {"Pieter Claes", "Amir Hosseini"},
        ),
        (
            "On Friday Washington freed Oleg Marin, a Russian hacker, in what both governments "
            "described as part of a swap.",
            {"Oleg Marin"},
        ),
    ],
)
def test_swap_takes_the_people_of_both_releases(
    extractor: Extractor, text: str, people: set[str]
) -> None:
    [event] = of_type(extractor, text, "exchange", "2025-03-05")
    assert set(event.persons) == people


# -- a swap told as a happening inside another party's claim is kept, hedged -----------------


@pytest.mark.parametrize(
    "text",
    [
        "Riga's foreign ministry on Tuesday dismissed a report by Belarusian state radio that "
        "four Latvians freed last week had been swapped for Belarusian border guards held in "
        "Latvia.",
        "A presidential aide told state media that 80 prisoners had been transferred to Poland "
        "in return for Belarusians held there.",
        "The handover was no trade, the ministry insisted, rejecting claims that Warsaw had "
        "released Belarusian agents in return.",
    ],
)
def test_claimed_swap_is_a_hedged_exchange(extractor: Extractor, text: str) -> None:
    [event] = of_type(extractor, text, "exchange", "2025-03-05")
    assert (event.modality, event.actor) == ("hedged", None)


@pytest.mark.parametrize(
    "text",
    [
        "The foreign office rejected suggestions that the pardon was part of a prisoner swap.",
        "In return, Washington lifted sanctions on the airline.",
        "The embassy said no concessions had been offered in return.",
    ],
)
def test_denied_label_or_trade_for_concessions_is_no_swap(extractor: Extractor, text: str) -> None:
    found = types(extractor, text, "2025-03-05")
    assert "exchange" not in found
    if "concessions" in text:
        assert "denial" not in found  # a statement on concessions rebuts no account of a swap


def test_the_swap_told_again_is_one_exchange(extractor: Extractor) -> None:
    text = (
        "Armenia and Georgia exchanged prisoners on 4 May 2025. The swap was welcomed by both "
        "foreign ministries. Georgia also released two Armenian drivers in return, officials said."
    )
    assert len(of_type(extractor, text, "exchange", "2025-05-06")) == 1


def test_another_swap_is_its_own_exchange(extractor: Extractor) -> None:
    text = (
        "Armenia and Georgia exchanged prisoners on 4 May 2025. Last week the two states "
        "carried out another exchange of detainees."
    )
    assert len(of_type(extractor, text, "exchange", "2025-05-20")) == 2


@pytest.mark.parametrize(
    "text, swapped",
    [
        ("In exchange, the Treasury removed the bank from its blacklist on Friday.", False),
        ("Brussels in exchange eased curbs on fertiliser exports, the envoy said.", False),
        ("Baku freed two Armenian soldiers in exchange on Friday, officials said.", True),
    ],
)
def test_bare_in_exchange_is_a_swap_only_of_people(
    extractor: Extractor, text: str, swapped: bool
) -> None:
    assert bool(of_type(extractor, text, "exchange", "2025-03-05")) is swapped


# -- deportees moved on from the state they were expelled to stay deported (DEV.md 10) -------


def test_deportees_leaving_for_a_third_state_are_deported_there(extractor: Extractor) -> None:
    text = (
        "Belarus deported 90 prisoners to Ukraine on 13 December. The last group of "
        "Belarusians deported to Ukraine left for Poland on Tuesday."
    )
    places = [e.destination for e in of_type(extractor, text, "deportation", "2025-12-20")]
    assert "Poland" in places and "Ukraine" in places


@pytest.mark.parametrize(
    "text, moved",
    [
        (
            "Belarus deported 90 prisoners to Ukraine on 13 December. Of the 90 who stayed at a "
            "shelter in Kyiv, 30 have now been taken to Poland and 12 to Latvia.",
            {(30, "Poland"), (12, "Latvia")},
        ),
        (
            "Belarus deported 90 prisoners to Ukraine on 13 December. They will be flown to "
            "Germany next week, the ministry said.",
            {(None, "Germany")},
        ),
        (
            "Ten of the activists expelled to Ukraine last week have been moved on to Lithuania.",
            {(10, "Lithuania")},
        ),
    ],
)
def test_group_moved_on_after_a_deportation_stays_deported(
    extractor: Extractor, text: str, moved: set[tuple[int | None, str]]
) -> None:
    found = {(e.count, e.destination) for e in of_type(extractor, text, "deportation")}
    assert moved <= found
    assert not of_type(extractor, text, "release")


def test_freed_people_taken_abroad_are_released_there(extractor: Extractor) -> None:
    text = "Belarus freed 20 prisoners on Monday. They were taken to Poland."
    assert "Poland" in {e.destination for e in of_type(extractor, text, "release")}


# -- expulsion told by the manner of the move or by the place after it -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "They had been driven by guards to the frontier and handed over without passports, "
        "officials said.",
        "The eleven were escorted to the border and handed over without any documents.",
    ],
)
def test_handed_over_without_papers_is_a_deportation(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "deportation")
    assert not of_type(extractor, text, "release")


def test_forced_out_then_brought_to_a_region_takes_its_country(extractor: Extractor) -> None:
    text = (
        "The Belarusians were forced to leave their country and were brought to the Chernihiv "
        "region."
    )
    [event] = of_type(extractor, text, "deportation")
    assert event.destination == "Ukraine"
    assert not of_type(extractor, text, "release")


def test_number_predicated_of_a_group_counts_its_relative_clause(extractor: Extractor) -> None:
    text = (
        "Six of them are Latvian citizens, who returned home, and 40 are citizens of Belarus, "
        "who were handed over to the Lithuanian side under the deal."
    )
    [release] = of_type(extractor, text, "release")
    [deportation] = of_type(extractor, text, "deportation")
    assert (release.count, release.destination) == (6, "Latvia")
    assert (deportation.count, deportation.destination) == (40, "Lithuania")


# -- refusals told by the act: staying between the posts, "would not get off" ----------------


@pytest.mark.parametrize(
    "text, person, destination",
    [
        (
            "Pavel Ladny stayed in the neutral zone on the border with Latvia for six hours "
            "before guards took him back.",
            "Pavel Ladny",
            "Latvia",
        ),
        ("Our reporter says one man, Oleg Drozd, would not get off the bus.", "Oleg Drozd", None),
        (
            "Iryna Holub remained in the buffer zone until nightfall, her lawyer said.",
            "Iryna Holub",
            None,
        ),
    ],
)
def test_staying_at_the_border_is_a_refused_deportation(
    extractor: Extractor, text: str, person: str, destination: str | None
) -> None:
    [event] = of_type(extractor, text, "deportation", "2025-09-12")
    assert (event.modality, event.persons, event.destination) == ("refused", [person], destination)


@pytest.mark.parametrize(
    "text, destination",
    [
        ("Managua expelled 40 dissidents on Friday, flying them to Panama City.", "Panama"),
        ("Minsk expelled the two activists to Czechia on Monday.", "Czech Republic"),
        ("The three were deported to Prague on Tuesday.", "Czech Republic"),
    ],
)
def test_destination_capitals_and_countries_beyond_the_region(
    extractor: Extractor, text: str, destination: str
) -> None:
    assert destination in {e.destination for e in of_type(extractor, text, "deportation")}


@pytest.mark.parametrize(
    "text",
    [
        "Belarus expelled 20 activists to Lithuania.",
        "Two more dissidents were expelled across the frontier into Poland last night.",
    ],
)
def test_expelled_alone_is_seen(extractor: Extractor, text: str) -> None:
    # the prefilter spells "expel -> expelled" (a doubled l), so such sentences are parsed
    assert of_type(extractor, text, "deportation")


def test_doubled_l_forms_are_generated() -> None:
    from quidproquo.extract.triggers import inflections

    assert {"expelled", "expelling"} <= inflections("expel")
    assert {"travelled", "traveled"} <= inflections("travel")


# -- "They include A and B" names members of the group told before ---------------------------


@pytest.mark.parametrize(
    "second, people",
    [
        (
            "They include the blogger Ihar Zubko and the teacher Alena Sych.",
            ["Ihar Zubko", "Alena Sych"],
        ),
        ("Those affected include the lawyer Pavel Zhuk.", ["Pavel Zhuk"]),
    ],
)
def test_listing_after_a_deportation_names_its_members(
    extractor: Extractor, second: str, people: list[str]
) -> None:
    text = "Belarus expelled 30 prisoners to Lithuania on Saturday. " + second
    events = of_type(extractor, text, "deportation", "2025-12-16")
    assert [e.persons for e in events if e.persons] == [people]


@pytest.mark.parametrize(
    "text",
    [
        "Belarus expelled 30 prisoners to Lithuania on Saturday. They include several pensioners.",
        "The new rules include a ban on Olga Beck.",
    ],
)
def test_listing_without_named_members_or_group_gives_nothing_more(
    extractor: Extractor, text: str
) -> None:
    assert len(of_type(extractor, text, "deportation", "2025-12-16")) <= 1


@pytest.mark.parametrize(
    "text",
    [
        "Will Minsk free more prisoners?",
        "Would the activists be deported to Lithuania?",
        "Were any Poles among those expelled on Friday?",
    ],
)
def test_questions_state_no_event(extractor: Extractor, text: str) -> None:
    assert not extractor.extract(text, "2025-12-16").events


# -- destinations named by a crossing or by "home" ------------------------------------------


@pytest.mark.parametrize(
    "text, destination",
    [
        (
            "Two Latvian citizens were pardoned and handed over at the Terehova border crossing "
            "on Tuesday.",
            "Latvia",
        ),
        (
            "Minsk released two Polish citizens on Monday and drove them to the border crossing "
            "at Terespol.",
            "Poland",
        ),
        ("The last American held in Belarus was brought home in May.", "United States"),
        ("Two Lithuanians were brought home on Friday.", "Lithuania"),
    ],
)
def test_crossing_or_home_gives_the_release_its_destination(
    extractor: Extractor, text: str, destination: str
) -> None:
    assert destination in {e.destination for e in of_type(extractor, text, "release")}


def test_arrest_at_a_border_has_no_destination(extractor: Extractor) -> None:
    text = "Ales Rudak was detained at the Polish border in May."
    [event] = of_type(extractor, text, "detention")
    assert event.destination is None


# -- counts and places of a deportation told in a relative clause -----------------------------


def test_group_who_will_be_deported_counts_its_noun(extractor: Extractor) -> None:
    text = (
        "The junta freed 3,000 prisoners on Sunday, including about 90 foreigners who will be "
        "deported."
    )
    [event] = of_type(extractor, text, "deportation")
    assert (event.count, event.modality) == (90, "announced")


def test_people_whom_a_state_deported_to_a_prison_abroad(extractor: Extractor) -> None:
    text = (
        "Caracas freed six Americans in exchange for 40 Venezuelans whom Washington had "
        "deported to a prison in Panama."
    )
    [event] = of_type(extractor, text, "deportation")
    assert (event.count, event.destination, event.actor) == (40, "Panama", "United States")


def test_decrees_that_freed_people_are_not_counted(extractor: Extractor) -> None:
    text = "He has signed more than a dozen clemency decrees that freed roughly 300 people."
    assert {e.count for e in of_type(extractor, text, "release")} == {300}


@pytest.mark.parametrize(
    "text, kind, destination",
    [
        ("An aide said 70 prisoners were transferred to Lithuania.", "deportation", "Lithuania"),
        ("Oleg Sidorov was transferred to Russia on Friday.", "release", "Russia"),
        (
            "According to activists, 12 from them were brought to border of Latvia and expelled.",
            "deportation",
            "Latvia",
        ),
    ],
)
def test_transfers_and_borders_abroad(
    extractor: Extractor, text: str, kind: str, destination: str
) -> None:
    assert destination in {e.destination for e in of_type(extractor, text, kind)}


def test_transfer_between_colonies_is_no_move_abroad(extractor: Extractor) -> None:
    text = "Ihar Losik was transferred to a colony in Navapolatsk."
    assert types(extractor, text) == {"detention"}


def test_deportee_arriving_in_a_third_state_is_deported_there(extractor: Extractor) -> None:
    text = (
        "WARSAW (Reuters) - A Belarusian dissident deported to Ukraine last month has arrived "
        "in Warsaw, where he plans to seek asylum, his lawyer said on Thursday."
    )
    found = {(e.type, e.destination) for e in extractor.extract(text, "2025-11-20").events}
    assert found == {("deportation", "Ukraine"), ("deportation", "Poland")}


def test_freed_people_arriving_abroad_are_released_there(extractor: Extractor) -> None:
    text = "Two activists freed by Minsk on Monday have arrived in Vilnius."
    [event] = of_type(extractor, text, "release", "2025-11-20")
    assert (event.count, event.destination) == (2, "Lithuania")


@pytest.mark.parametrize(
    "text, count",
    [
        ("Belarus on Thursday pardoned 18 people and expelled nine of them to Latvia.", 9),
        ("Minsk freed 30 prisoners and deported most of them to Poland.", None),
    ],
)
def test_part_expelled_as_an_object_counts_when_numbered(
    extractor: Extractor, text: str, count: int | None
) -> None:
    [event] = of_type(extractor, text, "deportation", "2025-10-03")
    assert event.count == count


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            "MANAGUA, Nicaragua (Isthmus Post) — Nicaragua put 135 prisoners on a chartered "
            "plane to Guatemala on Thursday.",
            "Nicaragua",
        ),
        ("RIGA (Baltic Desk) — Latvia deported two Belarusian smugglers on Friday.", "Latvia"),
    ],
)
def test_expelling_state_after_a_dateline_is_the_actor(
    extractor: Extractor, text: str, actor: str
) -> None:
    [event] = of_type(extractor, text, "deportation", "2025-02-14")
    assert event.actor == actor


# -- near misses: no event of the type ------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind",
    [
        # leaving without a refusal
        ("Many exiles say they want to leave Lithuania.", "deportation"),
        ("Ladny did not leave the country.", "deportation"),
        ("Officials refused to go into detail about the talks.", "deportation"),
        # waiting somewhere other than between the border posts
        ("Refugees stayed in the camp near the border with Poland.", "deportation"),
        ("The minister would not go into detail.", "deportation"),
        ("Observers waited outside the court for the verdict.", "deportation"),
        # moving people never deported
        ("Thousands of Belarusians left for Poland after 2020.", "deportation"),
        ("Belarus freed 20 prisoners on Monday. They were taken to Poland.", "deportation"),
        # a trade of people for relief is no swap (PHENOMENA 16)
        (
            "Minsk freed Anna Pauk in exchange for an easing of sanctions on its airline.",
            "exchange",
        ),
        (
            "Washington lifted curbs on potash in exchange for the release of 20 prisoners.",
            "exchange",
        ),
    ],
)
def test_near_misses_give_no_event(extractor: Extractor, text: str, kind: str) -> None:
    assert not of_type(extractor, text, kind, "2025-10-02")
