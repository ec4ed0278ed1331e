"""Constructions of release, deportation, detention and stock-figure events.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor


def of_type(extractor: Extractor, text: str, kind: str, published: str = "2025-10-02"):
    return [e for e in extractor.extract(text, published).events if e.type == kind]


# -- a named or singular person freed "with N other(s)" adds one --------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("The blogger Ihar Sidorchyk was pardoned on Monday together with other 19 inmates.", 20),
        ("A Latvian trucker was freed on Monday along with nine other prisoners.", 10),
        ("Her release, together with that of 6 others, was confirmed on Monday.", 7),
    ],
)
def test_companions_add_the_one_named(extractor: Extractor, text: str, count: int) -> None:
    assert [e.count for e in of_type(extractor, text, "release")] == [count]


def test_others_as_the_subject_add_nobody(extractor: Extractor) -> None:
    text = "Nine others were pardoned on Monday."
    assert [e.count for e in of_type(extractor, text, "release")] == [9]


# -- "respectively": the n-th count takes the n-th date --------------------------------


def test_respectively_pairs_counts_with_dates(extractor: Extractor) -> None:
    text = (
        "Belarus let out two batches of convicts on 3 March and 9 April, "
        "freeing 12 and 31 people respectively."
    )
    found = {(e.count, e.date_min) for e in of_type(extractor, text, "release", "2025-06-01")}
    assert (12, "2025-03-03") in found and (31, "2025-04-09") in found


def test_respectively_ignores_the_year_that_spans_the_days(extractor: Extractor) -> None:
    text = "In 2024 the ruler pardoned 18 and 40 prisoners in May and June, respectively."
    found = {(e.count, e.date_min) for e in of_type(extractor, text, "release", "2025-01-10")}
    assert found == {(18, "2024-05-01"), (40, "2024-06-01")}


# -- detention wording ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, person",
    [
        ("The poet Hanna Lis has been behind bars since March 2022.", "Hanna Lis"),
        (
            "Rights monitors said Piotr Zayats spent six years in a strict-regime colony.",
            "Piotr Zayats",
        ),
        (
            "On Monday a judge in Brest gave Oleg Sharapa five years in a penal colony.",
            "Oleg Sharapa",
        ),
        ("In absentia, the exiled writer Taisa Maroz was handed a six-year term.", "Taisa Maroz"),
        (
            "Kiryl Hurski was placed in a punishment cell of the colony again last week.",
            "Kiryl Hurski",
        ),
        (
            "Nadia Aleksina was transferred on Tuesday from a colony in Homel to a prison.",
            "Nadia Aleksina",
        ),
        ("The engineer Pavel Litvin had been held since May 2023 without trial.", "Pavel Litvin"),
    ],
)
def test_detention_wording(extractor: Extractor, text: str, person: str) -> None:
    found = of_type(extractor, text, "detention")
    assert any(person in e.persons for e in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Security services there detain foreign truck drivers on flimsy grounds.",
        "Travellers who are arrested at the border are rarely allowed a lawyer.",
        "Most of those pardoned had been jailed over comments posted online.",
        "Many of the deportees had served long terms for taking part in protests.",
    ],
)
def test_habits_and_group_descriptions_are_no_detention(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "detention") == []


# -- deportations without a deport verb, refused departures, partitive counts ------------------


@pytest.mark.parametrize(
    "text, destination",
    [
        ("On Friday eleven former inmates were bussed across the border to Poland.", "Poland"),
        ("The regime put 40 dissidents on a chartered flight to Vilnius on Friday.", "Lithuania"),
        ("Nine activists were pushed over the Latvian border on Friday.", "Latvia"),
        ("Six convicts were sent out of the country to Lithuania on Friday.", "Lithuania"),
    ],
)
def test_deportation_without_a_deport_verb(
    extractor: Extractor, text: str, destination: str
) -> None:
    found = of_type(extractor, text, "deportation")
    assert [e.destination for e in found] == [destination]


def test_forced_to_leave_is_a_deportation(extractor: Extractor) -> None:
    text = "The freed unionist Hanna Lis was forced to leave the country on Friday."
    found = of_type(extractor, text, "deportation")
    assert [e.persons for e in found] == [["Hanna Lis"]]


@pytest.mark.parametrize(
    "text",
    [
        "The veteran dissident Ivan Kaval refused to board the plane on Friday.",
        "Ivan Kaval refused to get off the bus at the frontier on Friday.",
    ],
)
def test_refused_departure(extractor: Extractor, text: str) -> None:
    found = of_type(extractor, text, "deportation")
    assert [(e.modality, e.persons) for e in found] == [("refused", ["Ivan Kaval"])]


def test_boarding_alone_is_no_deportation(extractor: Extractor) -> None:
    text = "Ivan Kaval boarded the plane to Vienna on Friday."
    assert of_type(extractor, text, "deportation") == []


def test_partitive_subject_is_the_count_and_the_whole_is_not(extractor: Extractor) -> None:
    text = "Twelve of the 80 prisoners were expelled to Lithuania on Friday."
    found = of_type(extractor, text, "deportation")
    assert [(e.count, e.destination) for e in found] == [(12, "Lithuania")]


def test_expelled_person_in_a_relative_clause(extractor: Extractor) -> None:
    text = (
        "Hanna Lis, who was pardoned in May and expelled to Poland, "
        "now teaches in Gdansk, her husband said."
    )
    found = of_type(extractor, text, "deportation", "2025-10-02")
    assert [(e.persons, e.destination) for e in found] == [(["Hanna Lis"], "Poland")]


# -- stock figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("The tally of political prisoners kept by monitors stood at 1,204 on Monday.", 1204),
        ("As of Monday, 1,098 people are recognized as political prisoners.", 1098),
        ("Around 900 people remain imprisoned on political grounds, monitors said.", 900),
        ("Some 41 reporters are behind bars in the country now, the union said.", 41),
    ],
)
def test_stock_figures(extractor: Extractor, text: str, count: int) -> None:
    assert [e.count for e in of_type(extractor, text, "prisoner_count")] == [count]


def test_stock_figure_takes_the_named_source(extractor: Extractor) -> None:
    text = "According to the Minsk Monitoring Group, 77 lawyers are now behind bars."
    (event,) = of_type(extractor, text, "prisoner_count")
    assert event.actor == "the Minsk Monitoring Group" or event.actor == "Minsk Monitoring Group"


def test_newly_recognised_prisoners_are_new_detentions(extractor: Extractor) -> None:
    text = "Monitors said 85 people were newly recognised as political prisoners in May."
    assert [e.count for e in of_type(extractor, text, "detention", "2025-06-10")] == [85]


# -- destinations by arrival ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, destination",
    [
        ("Nine former inmates arrived in Warsaw late on Friday.", "Poland"),
        ("The freed trade unionist Ivan Kaval landed in Riga on Friday.", "Latvia"),
        ("Twenty of the pardoned inmates ended up in Kyiv on Friday.", "Ukraine"),
        ("On Friday the two Latvians were flown to Riga.", "Latvia"),
    ],
)
def test_arrival_gives_the_destination(extractor: Extractor, text: str, destination: str) -> None:
    found = of_type(extractor, text, "release")
    assert destination in [e.destination for e in found]


def test_an_envoy_arriving_is_no_release(extractor: Extractor) -> None:
    text = "U.S. envoy Mark Dolan arrived in Vilnius on Friday."
    assert of_type(extractor, text, "release") == []


def test_sentence_initial_whole_is_not_the_count(extractor: Extractor) -> None:
    text = "Of the 60 exiles, 22 were flown to Riga and 38 to Warsaw on Friday."
    found = {(e.count, e.destination) for e in of_type(extractor, text, "release")}
    assert found == {(22, "Latvia"), (38, "Poland")}


# -- exchanges and denials ----------------------------------------------------------------


def test_swap_takes_the_people_of_the_verb_it_completes(extractor: Extractor) -> None:
    text = "Moscow freed the chemist Oksana Belova on Friday in a prisoner swap brokered by Qatar."
    found = of_type(extractor, text, "exchange")
    assert [e.persons for e in found] == [["Oksana Belova"]]


@pytest.mark.parametrize(
    "text",
    [
        "Inmates have been let go in exchange for trade concessions, one batch at a time.",
        "Every swap teaches the regime that hostages are worth taking.",
        "The next exchange will set an even higher price, the senator warned.",
    ],
)
def test_trades_and_generic_swaps_are_no_exchange(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "exchange", "2025-06-10") == []


def test_withholding_is_not_a_denial(extractor: Extractor) -> None:
    text = "Inmates in the colony were denied visits from relatives for months."
    assert of_type(extractor, text, "denial") == []


def test_denial_by_a_body_named_before_takes_its_full_name(extractor: Extractor) -> None:
    text = (
        "The Lithuanian Council for Refugee Affairs published its report on Monday. "
        "On Tuesday the council rejected accusations by Minsk that it had paid for the release."
    )
    (event,) = of_type(extractor, text, "denial")
    assert event.actor == "Lithuanian Council for Refugee Affairs"


# -- long lists of freed people --------------------------------------------------------------


def test_those_freed_included_a_list_with_titles_and_parentheses(extractor: Extractor) -> None:
    text = (
        "Belarus pardoned 31 convicts on Friday. Those pardoned included the poet Hanna Lis; "
        "Ivan Kaval, who had led a strike at a tractor plant; Oleg Sharapa (a former judge); "
        "and his nephew Pavel Litvin."
    )
    found = of_type(extractor, text, "release")
    listed = [e for e in found if len(e.persons) > 1]
    assert listed and set(listed[0].persons) >= {"Hanna Lis", "Ivan Kaval", "Oleg Sharapa"}


def test_among_which_names_members(extractor: Extractor) -> None:
    text = "On Friday Belarus freed 31 prisoners, among which the poet Hanna Lis and Ivan Kaval."
    (event,) = of_type(extractor, text, "release")
    assert event.count == 31 and set(event.persons) == {"Hanna Lis", "Ivan Kaval"}


# -- false events to avoid -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Border guards there have been known to detain lorry drivers for weeks.",
        "It is a process in which inmates are pardoned one batch at a time.",
        "Since 2023 the ruler has freed prisoners in small groups before holidays.",
        "Up to 500 more prisoners can soon be let out, one newspaper wrote.",
        '"To pardon the convicted persons and free them from prison," the decree reads.',
        "The envoy asked for the release of every prisoner over seventy.",
        "According to the ministry, the pardoned include nationals of three states.",
        "Ivan Kaval remains behind bars.",
    ],
)
def test_no_people_event(extractor: Extractor, text: str) -> None:
    events = extractor.extract(text, "2025-06-10").events
    kinds = {"release", "deportation", "detention", "exchange", "prisoner_count"}
    assert [e.type for e in events if e.type in kinds] == []


def test_a_term_is_no_stock_figure(extractor: Extractor) -> None:
    text = "Officials reject the label 'political prisoner'; all behind bars broke the law."
    assert of_type(extractor, text, "prisoner_count") == []


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "Critics in parliament said the regime still holds over 1,050 political prisoners.",
            "Critics in parliament",
        ),
        (
            "Local observers estimate that about 400 people remain imprisoned for their views.",
            "Local observers",
        ),
    ],
)
def test_stock_figure_takes_a_described_source(
    extractor: Extractor, text: str, source: str
) -> None:
    (event,) = of_type(extractor, text, "prisoner_count")
    assert event.actor == source


def test_a_capital_disputing_stands_for_its_government(extractor: Extractor) -> None:
    text = "Rights monitors put the number of detainees at 700, a figure Tehran disputes."
    assert [e.actor for e in of_type(extractor, text, "denial")] == ["Iran"]


# -- hand-overs abroad and homecomings (nationality decides) ------------------------------


def test_nationals_of_another_state_handed_over_are_deported(extractor: Extractor) -> None:
    text = "Seven Latvian nationals were handed over to Estonia at a border post on Tuesday."
    assert of_type(extractor, text, "release") == []
    (event,) = of_type(extractor, text, "deportation")
    assert (event.destination, event.count) == ("Estonia", 7)


def test_nationals_handed_over_to_their_own_state_are_released(extractor: Extractor) -> None:
    text = "The four Ukrainian sailors were handed over to Ukraine on Tuesday."
    assert of_type(extractor, text, "deportation") == []
    assert [e.destination for e in of_type(extractor, text, "release")] == ["Ukraine"]


def test_returning_home_goes_to_the_own_state(extractor: Extractor) -> None:
    text = "Two Latvian students, released by Minsk last week, returned home on Friday."
    assert [e.destination for e in of_type(extractor, text, "release")] == ["Latvia"]


def test_returning_home_without_a_nationality_is_no_release(extractor: Extractor) -> None:
    assert of_type(extractor, "Special envoy John Coale returned home on Friday.", "release") == []
