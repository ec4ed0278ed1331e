"""Stock figures, counts and dates in constructions of news copy (issue 12, helper "counts").

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import datetime as dt

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.dates import find_dates


def of_type(extractor: Extractor, text: str, kind: str, published: str = "2025-10-02"):
    return [e for e in extractor.extract(text, published).events if e.type == kind]


def dates(event) -> tuple[str, str]:
    return (str(event.date_min), str(event.date_max))


# -- a stock figure is dated by its own clause or an "as of", else the publication ----------


@pytest.mark.parametrize(
    "text",
    [
        "Since May, the ruler has pardoned some 60 people, according to the monitor, which "
        "still counts more than 1,200 political prisoners.",
        "Last month's release of 80 inmates was welcome, but about 1,200 people remain "
        "imprisoned on political grounds, the monitor said today.",
        "The envoy flew home on Tuesday, and the monitor still counts more than 1,200 "
        "political prisoners.",
    ],
)
def test_stock_figure_ignores_the_date_of_another_clause(extractor: Extractor, text: str) -> None:
    [event] = of_type(extractor, text, "prisoner_count")
    assert (event.count, dates(event)) == (1200, ("2025-10-02", "2025-10-02"))


def test_stock_figure_keeps_its_as_of_date(extractor: Extractor) -> None:
    text = "The monitor said at least 90 people were being held for political reasons as of June."
    [event] = of_type(extractor, text, "prisoner_count")
    assert (event.count, dates(event)) == (90, ("2025-06-01", "2025-06-30"))


def test_stock_figure_dated_by_its_verb(extractor: Extractor) -> None:
    text = "The count of political prisoners stood at 1,205 on Monday."
    [event] = of_type(extractor, text, "prisoner_count")
    assert dates(event) == ("2025-09-29", "2025-09-29")


def test_remaining_after_a_release_runs_from_that_release(extractor: Extractor) -> None:
    text = (
        "Belarus freed 40 prisoners on 3 September. The group says 1,150 political prisoners "
        "remain in the country after the September release."
    )
    [event] = of_type(extractor, text, "prisoner_count", published="2025-09-20")
    assert dates(event) == ("2025-09-03", "2025-09-20")


# -- people held now: a figure, not an arrest -----------------------------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("The press union says at least 22 reporters are currently jailed in the country.", 22),
        ("At least 35 foreigners are being held in Belarus, according to consular officials.", 35),
        ("Some 70 lawyers are still imprisoned, the bar association in exile said.", 70),
    ],
)
def test_people_held_now_are_a_figure(extractor: Extractor, text: str, count: int) -> None:
    [event] = of_type(extractor, text, "prisoner_count")
    assert event.count == count
    assert of_type(extractor, text, "detention") == []


@pytest.mark.parametrize(
    "text",
    [
        "Police said 40 protesters were jailed after the rally on Sunday.",
        "The 12 activists who are held in the Vitebsk colony were visited by a consul.",
    ],
)
def test_an_arrest_or_a_described_group_is_no_figure(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "prisoner_count") == []


# -- inverted and existential figures, totals, put-at --------------------------------------


@pytest.mark.parametrize(
    "text, count, actor",
    [
        (
            "According to figures from local monitors, in Belarus are roughly 1,020 political "
            "prisoners.",
            1020,
            "local monitors",
        ),
        (
            "There are now more than 1,050 political prisoners in Belarus, the monitor says.",
            1050,
            None,
        ),
        (
            "Minsk was urged to free the political prisoners, whom the Viasna centre puts at "
            "about 1,300.",
            1300,
            "Viasna",
        ),
        (
            "The group recognised 12 more people as political prisoners on Friday, bringing the "
            "total to 1,111.",
            1111,
            None,
        ),
        ("The journalists' union separately lists 27 media workers behind bars.", 27, None),
        (
            "A European Parliament resolution said the country held more than 300 political "
            "prisoners.",
            300,
            "European Parliament",
        ),
    ],
)
def test_figure_constructions(
    extractor: Extractor, text: str, count: int, actor: str | None
) -> None:
    [event] = of_type(extractor, text, "prisoner_count")
    assert event.count == count
    if actor is not None:
        assert actor in str(event.actor)


@pytest.mark.parametrize(
    "text",
    [
        "In the group were 14 political prisoners.",
        "The regime put 40 political prisoners on a bus to the border on Friday.",
        "The monitor documented the release of 121 political prisoners since January.",
        "All four had been in custody since their arrest in March.",
    ],
)
def test_not_a_figure(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "prisoner_count") == []


# -- "down from N <when>": the earlier figure is its own count ------------------------------


def test_earlier_figure_with_its_own_date(extractor: Extractor) -> None:
    text = "The number of political prisoners stood at 990, down from 1,020 two weeks ago."
    events = of_type(extractor, text, "prisoner_count", published="2024-08-01")
    found = {e.count: dates(e) for e in events}
    assert found == {990: ("2024-08-01", "2024-08-01"), 1020: ("2024-07-17", "2024-07-19")}


def test_earlier_figure_without_a_date_gives_nothing(extractor: Extractor) -> None:
    text = "The tally of political prisoners reached 1,300 on Monday, up from 1,250."
    events = of_type(extractor, text, "prisoner_count")
    assert [e.count for e in events] == [1300]


# -- "a month ago": that day, give or take one ----------------------------------------------


def test_a_month_ago_is_that_day(extractor: Extractor) -> None:
    text = "Belarus pardoned 18 prisoners a month ago."
    [event] = of_type(extractor, text, "release", published="2025-06-15")
    assert dates(event) == ("2025-05-14", "2025-05-16")


# -- back-to-back denials: one told twice, or two of their own ------------------------------


def test_two_denials_with_their_own_objects_are_both_kept(extractor: Extractor) -> None:
    text = (
        "Latvia's foreign ministry on Friday rejected claims by Minsk that the freed men had "
        'been traded for smugglers. "Nobody was swapped," spokesman Andris Kalns said.'
    )
    actors = [e.actor for e in extractor.extract(text, "2025-10-03").events if e.type == "denial"]
    assert len(actors) == 2
    assert "Andris Kalns" in actors


def test_a_pointing_denial_then_its_teller_is_one_denial(extractor: Extractor) -> None:
    text = (
        "Kyiv dismissed that account within hours. The Freedom Campaign, which tracks "
        "prisoners, said no such exchange had happened."
    )
    denials = [e for e in extractor.extract(text, "2025-10-03").events if e.type == "denial"]
    assert [e.actor for e in denials] == ["Freedom Campaign"]


# -- everyday easing verbs need a measure or a party ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The fall in numbers does not mean that repression has eased in Belarus.",
        "Tensions between Minsk and Vilnius eased after the talks on Monday.",
        "The mood in the exile community lifted when the buses arrived on Friday.",
    ],
)
def test_easing_of_something_else_is_no_sanctions_event(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "sanctions_eased") == []


@pytest.mark.parametrize(
    "text",
    [
        "Washington eased restrictions on the national airline on Thursday.",
        "The Treasury lifted them on Thursday, officials said.",
        "On Thursday the US took Belaruskali off its blacklist.",
    ],
)
def test_easing_of_a_measure_or_party_stays(extractor: Extractor, text: str) -> None:
    assert len(of_type(extractor, text, "sanctions_eased")) >= 1


# -- a relieved party named before is the one "the company" points back to -----------------


def test_relief_pointing_back_takes_the_party_named_before(extractor: Extractor) -> None:
    text = (
        "The US lifted sanctions on Belaruskali on Saturday. The Treasury also authorised "
        "transactions with the company."
    )
    targets = [e.target for e in of_type(extractor, text, "sanctions_eased")]
    assert targets == ["Belaruskali", "Belaruskali"]


def test_relief_by_another_government_does_not_inherit(extractor: Extractor) -> None:
    text = (
        "The US lifted sanctions on Belaruskali on Saturday. On Sunday the European Union "
        "also relaxed its own measures."
    )
    events = of_type(extractor, text, "sanctions_eased")
    assert [e.target for e in events if e.actor == "European Union"] == ["Belarus"]


# -- sanctions imposed: named members, adoption, facts in a relative clause on a name --------


@pytest.mark.parametrize(
    "text, target",
    [
        (
            "Canada on Tuesday froze the assets of three Belarusian firms, including the "
            "tractor maker Gomselmash, over their links to the army.",
            "Gomselmash",
        ),
        (
            "Japan imposed sanctions on five Belarusian lenders, including Belagroprombank, "
            "on Friday.",
            "Belagroprombank",
        ),
    ],
)
def test_party_named_through_including(extractor: Extractor, text: str, target: str) -> None:
    assert [e.target for e in of_type(extractor, text, "sanctions_imposed")] == [target]


def test_adopting_another_bloc_sanctions_is_imposing(extractor: Extractor) -> None:
    text = "Norway on Monday adopted the bloc's newest sanctions against Belarus."
    [event] = of_type(extractor, text, "sanctions_imposed")
    assert (event.actor, str(event.date_min)) == ("Norway", "2025-09-29")


def test_adopting_a_text_is_not_imposing(extractor: Extractor) -> None:
    text = "The assembly on Monday adopted a resolution that calls for more pressure on Minsk."
    assert of_type(extractor, text, "sanctions_imposed") == []


def test_relative_clause_on_a_name_keeps_its_own_facts(extractor: Extractor) -> None:
    text = (
        "The airline still cannot land in Britain, which closed its airspace to Belarusian "
        "planes in 2022."
    )
    [event] = of_type(extractor, text, "sanctions_imposed")
    assert (event.actor, str(event.date_min)) == ("United Kingdom", "2022-01-01")


def test_negated_main_clause_still_negates_a_restrictive_clause(extractor: Extractor) -> None:
    text = "No country has sanctioned the officials who ran the vote."
    assert of_type(extractor, text, "sanctions_imposed") == []


# -- counts of people named by role, kin or nationality; never the other side of a trade ----


@pytest.mark.parametrize(
    "text, kind, count",
    [
        (
            "Police in Hrodna detained at least twelve relatives of exiled reporters on Monday.",
            "detention",
            12,
        ),
        ("The regime freed 14 Iranians and three Cubans on Friday.", "release", 17),
        ("Security officers arrested nine pensioners in Brest on Tuesday.", "detention", 9),
    ],
)
def test_people_counted_by_role_or_nationality(
    extractor: Extractor, text: str, kind: str, count: int
) -> None:
    assert [e.count for e in of_type(extractor, text, kind)] == [count]


@pytest.mark.parametrize(
    "text, count",
    [
        (
            "Caracas freed three Colombian nationals on Friday in exchange for two army "
            "officers held in Colombia.",
            3,
        ),
        ("Minsk released 10 Ukrainians in return for more than 20 Belarusians on Monday.", 10),
    ],
)
def test_people_given_in_return_are_not_the_count(
    extractor: Extractor, text: str, count: int
) -> None:
    assert [e.count for e in of_type(extractor, text, "release")] == [count]


# -- "N days after <event>, <present-tense clause>": counted back from publication ----------


@pytest.mark.parametrize(
    "text, day",
    [
        (
            "Three days after Belarus freed 250 prisoners in its largest release so far, the "
            "cost of the deals is becoming clear.",
            "2026-03-19",
        ),
        (
            "A week after Minsk pardoned 40 inmates, the mood among exiles is subdued.",
            "2026-03-15",
        ),
    ],
)
def test_offset_from_a_present_main_clause(extractor: Extractor, text: str, day: str) -> None:
    [event] = of_type(extractor, text, "release", published="2026-03-22")
    assert dates(event) == (day, day)


def test_offset_from_a_past_main_clause_is_not_counted_from_publication(
    extractor: Extractor,
) -> None:
    text = "Two weeks after Minsk pardoned 40 inmates, the US lifted sanctions on the airline."
    [event] = of_type(extractor, text, "release", published="2026-03-22")
    assert str(event.date_min) != "2026-03-08"


# -- days sharing one month: "on 4 and 16 September", "September 4 and 16" -------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ruler pardoned 18 and 23 people on 4 and 16 September, respectively.",
        "The ruler pardoned 18 and 23 people on September 4 and 16, respectively.",
    ],
)
def test_respective_days_of_one_month(extractor: Extractor, text: str) -> None:
    events = of_type(extractor, text, "release", published="2025-12-20")
    assert sorted((e.count, str(e.date_min)) for e in events) == [
        (18, "2025-09-04"),
        (23, "2025-09-16"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Between 3 and 10 December, 40 people were freed.",
        "From 3 to 10 December, 40 people were freed.",
    ],
)
def test_day_range_in_one_month(extractor: Extractor, text: str) -> None:
    [event] = of_type(extractor, text, "release", published="2025-12-20")
    assert (event.count, dates(event)) == (40, ("2025-12-03", "2025-12-10"))


def test_a_number_of_people_after_a_date_stays_a_count(extractor: Extractor) -> None:
    [event] = of_type(extractor, "On September 4 and 16 people were freed.", "release")
    assert (event.count, str(event.date_min)) == (16, "2025-09-04")


# -- figures told as a status, denials told as a verdict on an account ----------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("Currently, 1,180 people are considered political prisoners in Belarus.", 1180),
        ("Some 1,100 people are listed as political prisoners by the group.", 1100),
    ],
)
def test_people_counted_as_political_prisoners(
    extractor: Extractor, text: str, count: int
) -> None:
    assert [e.count for e in of_type(extractor, text, "prisoner_count")] == [count]


def test_one_person_called_a_political_prisoner_is_no_figure(extractor: Extractor) -> None:
    assert of_type(extractor, "He is considered a political prisoner.", "prisoner_count") == []


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Kyiv rebuffed the claim on Sunday.", "Ukraine"),
        ("The Interior Ministry said the reports were untrue.", "Interior Ministry"),
        ("The border agency insisted the figures were wrong.", "agency"),
    ],
)
def test_denial_as_a_verdict_on_an_account(extractor: Extractor, text: str, actor: str) -> None:
    [event] = of_type(extractor, text, "denial")
    assert actor in str(event.actor)


@pytest.mark.parametrize(
    "text",
    [
        "She said the prisoners were not political.",
        "The ministry said the report was ready.",
        "Officials said the talks were difficult.",
    ],
)
def test_no_denial_without_an_account_called_false(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "denial") == []


# -- sanctions imposed: announced measures, packages, broadening, entry bans ----------------


@pytest.mark.parametrize(
    "text, actor, target",
    [
        (
            "The European Union announced new sanctions against Minsk on Friday.",
            "European Union",
            "Belarus",
        ),
        (
            "The EU adopted a new package of restrictive measures against Belarus on Monday.",
            "European Union",
            "Belarus",
        ),
        (
            "The bloc agreed on Wednesday to broaden its sanctions on Belarusian potash.",
            "European Union",
            "potash",
        ),
        (
            "Lithuania banned Belarusian trucks from entering the country on Friday.",
            "Lithuania",
            "Belarusian trucks",
        ),
    ],
)
def test_sanctions_imposed_constructions(
    extractor: Extractor, text: str, actor: str, target: str
) -> None:
    [event] = of_type(extractor, text, "sanctions_imposed")
    assert (event.actor, event.target) == (actor, target)


@pytest.mark.parametrize(
    "text",
    [
        "The EU has discussed sanctions against Minsk for months.",
        "New sanctions are often announced after crackdowns.",
        "The museum expanded its collection on Friday.",
    ],
)
def test_no_sanctions_imposed(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "sanctions_imposed") == []


# -- sanctions eased: "coming off", removed restrictions, coordinated named parties ----------


def test_sanctions_coming_off(extractor: Extractor) -> None:
    text = "The potash sanctions, an official said, are coming off soon."
    [event] = of_type(extractor, text, "sanctions_eased")
    assert event.target == "potash"


def test_removed_restrictions_on_each_named_party(extractor: Extractor) -> None:
    text = (
        "The US will lift sanctions on Belagroprombank and the Development Bank of Belarus "
        "and remove remaining restrictions on Naftan."
    )
    targets = {e.target for e in of_type(extractor, text, "sanctions_eased")}
    assert targets == {"Belagroprombank", "Development Bank of Belarus", "Naftan"}


@pytest.mark.parametrize(
    "text",
    ["He came off the plane in Vilnius.", "They eased after the talks on Monday."],
)
def test_a_person_or_pronoun_acting_is_not_a_measure(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "sanctions_eased") == []


# -- two acts of one type with their own dates in one sentence are two events ---------------


def test_arrest_and_sentence_with_their_own_dates(extractor: Extractor) -> None:
    text = "Ivan Petrou was detained in April 2021 and sentenced in January 2023 to seven years."
    events = of_type(extractor, text, "detention", published="2025-03-25")
    assert sorted((str(e.date_min), tuple(e.persons)) for e in events) == [
        ("2021-04-01", ("Ivan Petrou",)),
        ("2023-01-01", ("Ivan Petrou",)),
    ]


def test_an_undated_later_sentence_folds_into_the_arrest(extractor: Extractor) -> None:
    text = "Ivan Petrou was detained in April 2021 and later sentenced to seven years."
    [event] = of_type(extractor, text, "detention", published="2025-03-25")
    assert dates(event) == ("2021-04-01", "2021-04-30")


def test_two_dated_reliefs_in_one_sentence(extractor: Extractor) -> None:
    text = "The US eased curbs on Belavia in September and lifted sanctions on Naftan in December."
    events = of_type(extractor, text, "sanctions_eased", published="2025-03-25")
    assert sorted((e.target, str(e.date_min)) for e in events) == [
        ("Belavia", "2024-09-01"),
        ("Naftan", "2024-12-01"),
    ]


def test_programme_country_of_a_licence_is_not_its_issuer(extractor: Extractor) -> None:
    text = (
        "OFAC today issued Belarus General License 11, authorizing transactions involving "
        "Belavia."
    )
    actors = {e.actor for e in of_type(extractor, text, "sanctions_eased")}
    assert actors == {"United States"}


def test_own_sanctions_of_the_holding_state_keep_their_owner(extractor: Extractor) -> None:
    text = "Belarusian sanctions on Lithuanian trucks were lifted on Monday."
    [event] = of_type(extractor, text, "sanctions_eased")
    assert event.actor == "Belarus"


# -- vague figures: a stock with no count ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Several hundred opponents of the regime are still in prison.",
        "Dozens of journalists remain behind bars.",
        "Hundreds of dissidents remain in jail, the group says.",
    ],
)
def test_vague_figure_is_a_stock_without_count(extractor: Extractor, text: str) -> None:
    [event] = of_type(extractor, text, "prisoner_count")
    assert event.count is None


@pytest.mark.parametrize(
    "text", ["Two of them are still held.", "The men are still held in Minsk."]
)
def test_part_of_a_group_or_no_number_is_no_figure(extractor: Extractor, text: str) -> None:
    assert of_type(extractor, text, "prisoner_count") == []


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            "Authorities freed 20 people on Monday, the rights group Free Voice said, while "
            "warning that more than 900 political prisoners remain in custody.",
            "Free Voice",
        ),
        (
            "The court jailed two men on Friday, Viasna said, adding that 1,100 political "
            "prisoners remain in custody.",
            "Viasna",
        ),
    ],
)
def test_figure_added_by_the_speaker_of_the_sentence(
    extractor: Extractor, text: str, actor: str
) -> None:
    [event] = of_type(extractor, text, "prisoner_count")
    assert event.actor == actor


# -- "May" and "March" are months after "the" or beside another month -----------------------


def test_ambiguous_month_coordinated_with_another(extractor: Extractor) -> None:
    text = "The May and October amnesties freed 14 and 31 people respectively."
    events = of_type(extractor, text, "release", published="2025-12-30")
    assert sorted((e.count, str(e.date_min)) for e in events) == [
        (14, "2025-05-01"),
        (31, "2025-10-01"),
    ]


def test_ambiguous_month_after_the(extractor: Extractor) -> None:
    [event] = of_type(extractor, "In the May release, 16 people walked free.", "release")
    assert dates(event) == ("2025-05-01", "2025-05-31")


@pytest.mark.parametrize(
    "text", ["Minsk may and should free 20 prisoners.", "They may free 20 prisoners soon."]
)
def test_modal_may_is_no_month(text: str) -> None:
    assert find_dates(text, dt.date(2025, 12, 30)) == []


def test_count_in_a_relative_clause_on_the_source_is_not_the_release(
    extractor: Extractor,
) -> None:
    text = (
        "Since May, the ruler has pardoned some 60 people, according to the monitor, which "
        "still counts more than 1,200 political prisoners."
    )
    assert [e.count for e in of_type(extractor, text, "release")] == [60]


def test_count_of_the_group_a_relative_clause_describes_stays(extractor: Extractor) -> None:
    text = "Of the 40 inmates Minsk pardoned on 4 May, 31 were deported to Poland."
    assert [e.count for e in of_type(extractor, text, "deportation")] == [31]
