"""Composition, cumulative dates, named targets and unnamed actors on original texts."""

import datetime as dt

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.dates import find_dates


def of_type(extraction, kind: str):
    return [e for e in extraction.events if e.type == kind]


# -- composition inside an 'among them' apposition (DEV.md 2) -------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("Forty detainees, among them nine Ukrainian nationals, were freed on Sunday.", 40),
        ("Officials released 25 inmates, among whom three journalists, on Friday.", 25),
    ],
)
def test_count_in_among_them_apposition_is_no_event(
    extractor: Extractor, text: str, count: int
) -> None:
    releases = of_type(extractor.extract(text, "2025-06-10"), "release")
    assert [e.count for e in releases] == [count]


def test_count_in_of_whom_clause_is_composition(extractor: Extractor) -> None:
    text = "Twenty-six inmates, of whom five are women, were pardoned on Friday."
    releases = of_type(extractor.extract(text, "2025-06-10"), "release")
    assert [e.count for e in releases] == [26]


def test_of_whom_clause_with_its_own_verb_keeps_its_destination(extractor: Extractor) -> None:
    text = "Belarus freed 40 prisoners on Friday, of whom 25 were deported to Lithuania."
    result = extractor.extract(text, "2025-06-10")
    assert [(e.count, e.destination) for e in of_type(result, "release")] == [(40, None)]
    assert [(e.count, e.destination) for e in of_type(result, "deportation")] == [(25, "Lithuania")]


def test_subgroup_with_its_own_verb_is_still_an_event(extractor: Extractor) -> None:
    text = "Belarus freed 31 prisoners on Monday. Among them, eight were deported to Poland."
    deportations = of_type(extractor.extract(text, "2025-06-10"), "deportation")
    assert [(e.count, e.destination) for e in deportations] == [(8, "Poland")]


# -- cumulative totals run from the period's start to `published` (DEV.md 5) -------------


@pytest.mark.parametrize(
    "text, date_min",
    [
        (
            "Since the beginning of the year, police have arrested at least 25 activists.",
            "2025-01-01",
        ),
        ("Courts have jailed more than 60 people since the start of this month.", "2025-06-01"),
        ("Since March, security forces have detained 90 people, the group said.", "2025-03-01"),
    ],
)
def test_cumulative_detentions_run_to_published(
    extractor: Extractor, text: str, date_min: str
) -> None:
    (event,) = of_type(extractor.extract(text, "2025-06-18"), "detention")
    assert (event.date_min, event.date_max) == (date_min, "2025-06-18")


def test_a_persons_detention_since_a_year_keeps_that_year(extractor: Extractor) -> None:
    text = "The blogger Ihar Lenski has been imprisoned since 2022."
    (event,) = of_type(extractor.extract(text, "2025-06-18"), "detention")
    assert (event.date_min, event.date_max) == ("2022-01-01", "2022-12-31")


def test_end_of_the_year_is_not_a_running_total() -> None:
    found = find_dates("by the end of the year", dt.date(2025, 6, 18))
    assert all(m.date_min != dt.date(2025, 1, 1) for m in found)


# -- unnamed actors and speakers are described by their role (DEV.md 7, 14) --------------


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            "A Foreign Ministry spokeswoman rejected claims of a secret deal.",
            "Foreign Ministry spokeswoman",
        ),
        ("The Interior Ministry denied reports that a swap had taken place.", "Interior Ministry"),
        ("A senior Lithuanian official dismissed reports of a trade.", "Lithuanian official"),
    ],
)
def test_denial_by_an_unnamed_body_has_its_description(
    extractor: Extractor, text: str, actor: str
) -> None:
    (denial,) = of_type(extractor.extract(text, "2025-06-10"), "denial")
    assert denial.actor == actor


def test_pronoun_resolves_to_a_described_speaker(extractor: Extractor) -> None:
    text = (
        "A Treasury spokesperson declined to give details on Tuesday. "
        '"We will watch compliance closely," she told reporters.'
    )
    (quote,) = extractor.extract(text, "2025-06-10").quotes
    assert quote.speaker == "Treasury spokesperson"


def test_named_person_still_wins_over_an_earlier_role(extractor: Extractor) -> None:
    text = (
        "A European diplomat attended the talks. Alexander Lukashenko greeted the envoy. "
        '"We are ready for a big deal," he said.'
    )
    (quote,) = extractor.extract(text, "2025-06-10").quotes
    assert quote.speaker == "Alexander Lukashenko"


def test_the_official_takes_the_fuller_description(extractor: Extractor) -> None:
    text = (
        "A U.S. official briefed journalists in Vilnius. "
        '"The licence is narrow and it can be revoked," the official said.'
    )
    (quote,) = extractor.extract(text, "2025-06-10").quotes
    assert quote.speaker == "U.S. official"


# -- "N days after/before <clause>": the clause is dated from the main clause (DEV.md 5) --


def test_clause_after_a_measure_is_dated_from_the_main_clause(extractor: Extractor) -> None:
    text = (
        "Washington on Friday lifted sanctions on Belavia, three days after Belarus "
        "freed 16 political prisoners."
    )
    result = extractor.extract(text, "2025-09-14")
    (eased,) = of_type(result, "sanctions_eased")
    (release,) = of_type(result, "release")
    assert (eased.date_min, release.date_min, release.date_max) == (
        "2025-09-12",
        "2025-09-09",
        "2025-09-09",
    )


def test_clause_after_a_measure_is_not_the_running_date(extractor: Extractor) -> None:
    text = (
        "Belarus freed 20 prisoners on Wednesday, a week after U.S. envoy John Coale "
        "visited Minsk. Washington eased sanctions on Belavia the same day."
    )
    result = extractor.extract(text, "2025-09-14")
    (release,) = of_type(result, "release")
    (visit,) = of_type(result, "visit")
    (eased,) = of_type(result, "sanctions_eased")
    assert (release.date_min, visit.date_min, eased.date_min) == (
        "2025-09-10",
        "2025-09-03",
        "2025-09-10",
    )


def test_measure_with_no_main_date_does_not_invent_one(extractor: Extractor) -> None:
    text = "Two weeks after the envoy left Minsk, Belarus freed 18 prisoners."
    (release,) = of_type(extractor.extract(text, "2025-09-14"), "release")
    assert release.date_min == "2025-09-14"


# -- one sanctions event per named target; a sector targeted in the past (DEV.md 9) ---


def test_license_covering_named_firms_gives_one_event_each(extractor: Extractor) -> None:
    text = (
        "The United States eased sanctions on Belarus on Tuesday. The new general license "
        "covers Belavia and Belaruskali, officials said."
    )
    targets = {
        e.target
        for e in of_type(extractor.extract(text, "2025-09-14"), "sanctions_eased")
        if e.evidence.startswith("The new")
    }
    assert targets == {"Belavia", "Belaruskali"}


def test_license_that_does_not_cover_is_no_event(extractor: Extractor) -> None:
    text = "The general license does not cover Belaruskali, the Treasury said."
    assert not of_type(extractor.extract(text, "2025-09-14"), "sanctions_eased")


def test_sector_targeted_in_a_since_clause_is_dated_to_that_year(extractor: Extractor) -> None:
    text = (
        "Minsk has faced European Union sanctions since 2022, when Brussels targeted "
        "the potash sector."
    )
    (imposed,) = of_type(extractor.extract(text, "2025-09-14"), "sanctions_imposed")
    assert (imposed.target, imposed.date_min, imposed.date_max) == (
        "potash",
        "2022-01-01",
        "2022-12-31",
    )


def test_police_targeting_people_is_no_sanction(extractor: Extractor) -> None:
    text = "Police targeted journalists and activists in a wave of raids on Monday."
    assert not of_type(extractor.extract(text, "2025-09-14"), "sanctions_imposed")


def test_participle_on_a_person_does_not_date_the_release(extractor: Extractor) -> None:
    text = "The blogger Ihar Lenski, jailed since 2021, was freed on Friday."
    result = extractor.extract(text, "2025-06-18")
    (release,) = of_type(result, "release")
    assert (release.date_min, release.date_max) == ("2025-06-13", "2025-06-13")
