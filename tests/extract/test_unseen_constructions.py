"""Constructions found in the error analysis on news-like text (issue 12).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.counts import find_counts
from quidproquo.extract.discourse import Discourse
from quidproquo.extract.gazetteer import load_gazetteer


def of_type(extractor: Extractor, text: str, kind: str, published: str = "2025-10-02"):
    return [e for e in extractor.extract(text, published).events if e.type == kind]


# -- a date inside a clause describing one person is that person's past --------------------


@pytest.mark.parametrize(
    "text, low, high",
    [
        (
            "The veteran trade unionist, who co-founded an independent union in 1991, was "
            "detained in March 2022.",
            "2022-03-01",
            "2022-03-31",
        ),
        (
            "Anton Sirko, a teacher who had organised a strike in 2019, was arrested in May 2021.",
            "2021-05-01",
            "2021-05-31",
        ),
    ],
)
def test_relative_clause_on_a_person_keeps_its_date(
    extractor: Extractor, text: str, low: str, high: str
) -> None:
    [event] = of_type(extractor, text, "detention")
    assert (str(event.date_min), str(event.date_max)) == (low, high)


def test_clause_on_a_group_still_dates_its_event(extractor: Extractor) -> None:
    text = "Of the 40 inmates Minsk pardoned on 4 May, 31 were deported to Poland."
    [event] = of_type(extractor, text, "deportation")
    assert (event.count, str(event.date_min)) == (31, "2025-05-04")


# -- destinations named by a receiving party or a receiving state ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Oksana Hlib and Petro Marchuk were handed over to Polish border guards on Friday.",
        "Poland has received 12 prisoners freed by Belarus, the agency said on Friday.",
    ],
)
def test_receiving_party_gives_the_destination(extractor: Extractor, text: str) -> None:
    [event] = of_type(extractor, text, "release")
    assert event.destination == "Poland"


def test_receiving_state_is_not_the_releaser(extractor: Extractor) -> None:
    [event] = of_type(extractor, "Poland has received 12 prisoners freed on Friday.", "release")
    assert (event.destination, event.actor) == ("Poland", None)


def test_state_taking_in_the_expelled_is_their_destination(extractor: Extractor) -> None:
    text = "Latvia has taken in 30 former prisoners who were expelled from Belarus in 2024."
    [event] = of_type(extractor, text, "deportation")
    assert (event.count, event.destination) == (30, "Latvia")


def test_foreigners_handed_to_another_side_are_deported(extractor: Extractor) -> None:
    text = "Two Moldovan truckers were handed over to the Polish side on Friday."
    assert [e.destination for e in of_type(extractor, text, "deportation")] == ["Poland"]


def test_driven_to_the_border_and_expelled_is_one_deportation(extractor: Extractor) -> None:
    text = "Eleven of the detainees were driven to the Polish border and expelled on Monday."
    assert of_type(extractor, text, "release") == []
    [event] = of_type(extractor, text, "deportation")
    assert (event.count, event.destination) == (11, "Poland")


def test_freed_and_driven_to_the_border_stays_a_release(extractor: Extractor) -> None:
    text = "Eleven prisoners were freed and driven to the Polish border on Monday."
    [event] = of_type(extractor, text, "release")
    assert event.destination == "Poland"


# -- the source of a stock figure: a described body stands for its name --------------------


@pytest.mark.parametrize(
    "text",
    [
        "The monitoring group Free Voices says about 400 political prisoners remain in "
        "Georgian jails.",
        "Officials dismissed figures from Free Voices, a monitoring group that says more than "
        "400 political prisoners are held in the country.",
    ],
)
def test_described_body_is_the_source_of_a_figure(extractor: Extractor, text: str) -> None:
    [event] = of_type(extractor, text, "prisoner_count")
    assert (event.count, event.actor) == (400, "Free Voices")


def test_the_network_resolves_to_the_body_named_before() -> None:
    discourse = Discourse(load_gazetteer())
    discourse.read_text("The Free Voices Network opened an office in Riga on Monday.")
    assert discourse.body("the network") == "Free Voices Network"


# -- actors: the subject nearest the verb after a dateline; a state's authorities expel; ---
# -- a presidential decree with no leader named is the holding state's leader --------------


def test_state_authorities_after_a_dateline_free(extractor: Extractor) -> None:
    text = "HAVANA, Jan 17 (Wire) - Cuban authorities freed the dissident Ramon Perez on Thursday."
    [event] = of_type(extractor, text, "release")
    assert (event.actor, event.persons) == ("Cuba", ["Ramon Perez"])


def test_authorities_of_a_state_are_the_expelling_actor(extractor: Extractor) -> None:
    text = "Belarusian authorities forcibly expelled most of the 40 prisoners released on 3 May."
    [event] = of_type(extractor, text, "deportation")
    assert event.actor == "Belarus"


def test_presidential_decree_without_a_name_is_the_holding_leader(extractor: Extractor) -> None:
    text = "Two Latvian citizens jailed in Belarus were pardoned by presidential decree on Tuesday."
    [event] = of_type(extractor, text, "release")
    assert event.actor == "Lukashenko"


def test_presidential_decree_elsewhere_names_no_one(extractor: Extractor) -> None:
    text = "Two Latvian citizens jailed in Georgia were pardoned by presidential decree on Tuesday."
    [event] = of_type(extractor, text, "release")
    assert event.actor is None


# -- a participle describing the freed group: no detention, and not the release's date ------


def test_undated_jailed_participle_on_the_freed_is_no_detention(extractor: Extractor) -> None:
    text = "Two Latvian citizens jailed in Belarus were pardoned on Tuesday."
    assert of_type(extractor, text, "detention") == []
    assert len(of_type(extractor, text, "release")) == 1


def test_dated_jailed_participle_keeps_its_date_apart(extractor: Extractor) -> None:
    text = "Two Latvian citizens jailed in 2021 were pardoned on Tuesday."
    [detention] = of_type(extractor, text, "detention")
    [release] = of_type(extractor, text, "release")
    assert str(detention.date_min) == "2021-01-01"
    assert str(release.date_min) == "2025-09-30"  # the Tuesday before publication


# -- lexicon: "struck off" a sanctions list eases; "toured" is a visit ------------------------


def test_struck_off_the_list_is_an_easing(extractor: Extractor) -> None:
    text = "The Treasury on Friday struck the state carrier Belavia off its sanctions list."
    [event] = of_type(extractor, text, "sanctions_eased")
    assert (event.actor, event.target) == ("United States", "Belavia")


def test_toured_is_a_visit(extractor: Extractor) -> None:
    text = "The U.S. envoy Carl Berg toured a prison colony near Minsk on Monday."
    [event] = of_type(extractor, text, "visit")
    assert (event.actor, event.target) == ("Carl Berg", "Minsk")


@pytest.mark.parametrize(
    "text",
    [
        "Ahead of a planned trip to Minsk by the envoy Carl Berg next week, exiles in Warsaw "
        "say they expect little.",
        "Names are put on the sanctions list only after a review by officials.",
    ],
)
def test_expected_trips_and_habitual_listing_give_nothing(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, "2025-10-02").events == []


# -- a relative clause on a named person keeps its own polarity and reality ------------------


@pytest.mark.parametrize(
    "text",
    [
        "Oleg Sidorov, who is serving a six-year sentence, was not part of the deal.",
        "Warsaw will keep pressing for the release of Oleg Sidorov, who is serving a six-year "
        "sentence in a colony near Vitebsk.",
    ],
)
def test_term_in_a_relative_clause_on_a_person_is_a_detention(
    extractor: Extractor, text: str
) -> None:
    [event] = of_type(extractor, text, "detention")
    assert event.persons == ["Oleg Sidorov"]
    assert of_type(extractor, text, "release") == []


def test_not_among_those_freed_stays_negated(extractor: Extractor) -> None:
    assert of_type(extractor, "Oleg Sidorov was not among those who were freed.", "release") == []


def test_relative_clause_on_an_apposition_names_the_person(extractor: Extractor) -> None:
    text = (
        "Among those freed on Monday was Ivan Petrov, a reporter for a regional paper who had "
        "been held since March 2021."
    )
    [event] = of_type(extractor, text, "detention")
    assert (event.persons, str(event.date_min)) == (["Ivan Petrov"], "2021-03-01")


@pytest.mark.parametrize(
    "text, count, destination",
    [
        (
            "Ivan Petrov crossed the Polish border from Belarus on Monday along with 6 other "
            "freed prisoners.",
            7,
            "Poland",
        ),
        (
            "A group of 9, including the poet Ivan Petrov, has crossed the Latvian border, the "
            "border service says.",
            9,
            "Latvia",
        ),
    ],
)
def test_crossing_a_named_border_is_a_release_there(
    extractor: Extractor, text: str, count: int, destination: str
) -> None:
    [event] = of_type(extractor, text, "release")
    assert (event.count, event.destination) == (count, destination)


def test_an_envoy_crossing_a_border_frees_no_one(extractor: Extractor) -> None:
    text = "The envoy Carl Berg crossed the Polish border on Monday."
    assert of_type(extractor, text, "release") == []


def test_release_in_a_relative_clause_on_a_person_names_that_person(extractor: Extractor) -> None:
    text = (
        "Oleg Sidorov, who was among 20 people pardoned by Lukashenka on 3 May, was detained "
        "again on Friday."
    )
    [event] = of_type(extractor, text, "release")
    assert (event.persons, event.count, event.actor) == (["Oleg Sidorov"], 20, "Lukashenka")
    assert str(event.date_min) == "2025-05-03"


# -- sanctions targets: a sector coordinated with a firm is a target of its own -------------


def eased_targets(extractor: Extractor, text: str) -> list[str]:
    return sorted(str(e.target) for e in of_type(extractor, text, "sanctions_eased"))


def test_sector_coordinated_with_a_firm_is_its_own_target(extractor: Extractor) -> None:
    text = "Washington lifted sanctions on state banks and Belaruskali on Friday."
    assert eased_targets(extractor, text) == ["Belaruskali", "banks"]


@pytest.mark.parametrize(
    "text, targets",
    [
        (
            "The envoy announced relief for two state banks, Belinvestbank and the Development "
            "Bank of Belarus.",
            ["Belinvestbank", "Development Bank of Belarus"],
        ),
        ("Washington lifted sanctions on the potash producer Belaruskali.", ["Belaruskali"]),
    ],
)
def test_sector_named_by_its_firms_is_no_target_of_its_own(
    extractor: Extractor, text: str, targets: list[str]
) -> None:
    assert eased_targets(extractor, text) == targets


# -- a hyphen range of people is one count, its lower bound -----------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("Some 30-40 prisoners were freed on Monday.", 30),
        ("Between 12–20 detainees were released overnight.", 12),
    ],
)
def test_hyphen_range_of_people_is_one_count(text: str, value: int) -> None:
    [mention] = find_counts(text)
    assert (mention.value, mention.qualifier) == (value, "at_least")


def test_hyphen_pair_without_people_is_no_count() -> None:
    assert find_counts("The final score was 10-15 after extra time.") == []


def test_recognising_new_political_prisoners_is_a_counted_detention(extractor: Extractor) -> None:
    text = "In May, rights defenders recognised 40 new political prisoners, the group said."
    [event] = of_type(extractor, text, "detention")
    assert (event.count, str(event.date_min), str(event.date_max)) == (
        40,
        "2025-05-01",
        "2025-05-31",
    )
    assert of_type(extractor, text, "prisoner_count") == []
