"""Dates of events told with other happenings (issue 12): "the same day", "two days later"
count from a day named before them in their sentence, else from the last happening the text
dated to the day, of any type, never from a filing date or a vaguer date; a refused
departure happened at its release; "since" for a group held and for a running total; the
past of the people listed ("both convicted in 2022") is not their event's date.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.sentences import dateline_end
from quidproquo.model import Event


def dated(extractor: Extractor, text: str, published: str = "2025-10-20") -> list[Event]:
    return extractor.extract(text, published).events


def days(event: Event) -> tuple[str | None, str | None]:
    return event.date_min, event.date_max


def test_same_day_as_a_day_named_earlier_in_the_sentence(extractor: Extractor) -> None:
    text = (
        "In June, sixteen prisoners were pardoned. On 11 September, a further 52 were freed, "
        "and Washington eased restrictions on the state airline Belavia the same day."
    )
    [eased] = [e for e in dated(extractor, text) if e.type == "sanctions_eased"]
    assert days(eased) == ("2025-09-11", "2025-09-11")


def test_same_day_as_an_arrest_told_before(extractor: Extractor) -> None:
    text = (
        "On 3 June, police in Vitebsk arrested two bloggers. On the same day, a court in "
        "Polatsk sentenced the teacher Ihar Mazur to six years in a penal colony."
    )
    found = dated(extractor, text, "2025-06-20")
    assert [days(e) for e in found if e.type == "detention"] == [
        ("2025-06-03", "2025-06-03"),
        ("2025-06-03", "2025-06-03"),
    ]


def test_days_later_skip_a_date_that_is_no_day(extractor: Extractor) -> None:
    # the sentence in between is dated to a year only: "two days later" counts from 2 May
    text = (
        "Police detained the poet Ina Hrab on 2 May. She had been sentenced in absentia in "
        "2021. Two days later, police detained her brother Pavel Hrab."
    )
    found = dated(extractor, text, "2025-06-20")
    [brother] = [e for e in found if "Pavel Hrab" in e.persons]
    assert days(brother) == ("2025-05-04", "2025-05-04")


def test_days_later_after_an_arrest_date_a_sanctions_step(extractor: Extractor) -> None:
    text = (
        "Police detained the poet Ina Hrab on 2 May in Brest. Two days later the Treasury "
        "lifted sanctions on Belavia."
    )
    [eased] = [e for e in dated(extractor, text, "2025-06-20") if e.type == "sanctions_eased"]
    assert days(eased) == ("2025-05-04", "2025-05-04")


def test_a_dateline_day_is_no_anchor(extractor: Extractor) -> None:
    # "on the eve of" the holiday, not the eve of the filing date
    text = (
        "HRODNA, 3 July (Regional Desk) — On the eve of Independence Day, the president "
        "pardoned 12 convicts."
    )
    [release] = [e for e in dated(extractor, text, "2025-07-03") if e.type == "release"]
    assert release.date_min != "2025-07-02"


def test_the_date_of_a_dateline_without_outlet_is_the_filing_date(extractor: Extractor) -> None:
    text = "BISHKEK, May 4 — Kyrgyz authorities on Friday released the blogger Aibek Toktorov."
    [release] = [e for e in dated(extractor, text, "2025-05-04") if e.type == "release"]
    assert days(release) == ("2025-05-02", "2025-05-02")  # the Friday before the filing day


def test_a_sentence_opening_with_a_name_has_no_dateline(extractor: Extractor) -> None:
    text = "Maksim Zhuk, 3 May — the day he was freed — was spent at his mother's house."
    assert dateline_end(text) == 0
    assert dateline_end("TARTU, Estonia (Baltic Brief) — Police said") == len(
        "TARTU, Estonia (Baltic Brief) — "
    )


def test_a_refused_departure_happened_at_the_release_its_sentence_dates(
    extractor: Extractor,
) -> None:
    text = (
        "Tamara Bohush, who was pardoned on 3 July with eleven others, refused to leave the "
        "country and was driven back to the prison in Zhodzina."
    )
    [refusal] = [e for e in dated(extractor, text, "2025-07-09") if e.type == "deportation"]
    assert refusal.modality == "refused"
    assert days(refusal) == ("2025-07-03", "2025-07-03")


def test_a_refusal_with_a_day_of_its_own_keeps_it(extractor: Extractor) -> None:
    text = "Tamara Bohush, who was pardoned in 2023, refused on Tuesday to leave the country."
    [refusal] = [e for e in dated(extractor, text, "2025-07-09") if e.type == "deportation"]
    assert days(refusal) == ("2025-07-08", "2025-07-08")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a group described as held: from the year it was first held
        (
            "Kazakh officials raised the cases of three truck drivers detained in Belarus "
            "since 2022.",
            ("2022-01-01", "2022-12-31"),
        ),
        (
            "Minsk freed four Polish students who had been held since March 2024.",
            ("2024-03-01", "2024-03-31"),
        ),
        # a running total told in its own clause: from then to publication
        ("More than 300 people have been detained since January.", ("2025-01-01", "2025-10-08")),
        ("Nine activists have been jailed since 2022.", ("2022-01-01", "2025-10-08")),
    ],
)
def test_since_for_a_group_held_and_for_a_running_total(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    [detention] = [e for e in dated(extractor, text, "2025-10-08") if e.type == "detention"]
    assert days(detention) == expected


def test_a_past_told_of_the_listed_people_does_not_date_their_event(
    extractor: Extractor,
) -> None:
    text = (
        "Nicaragua expelled 30 prisoners to Guatemala on Friday. Among those expelled were the "
        "teacher Rosa Medina and the pastor Luis Arce, both convicted of conspiracy in 2022."
    )
    found = [e for e in dated(extractor, text, "2025-10-12") if e.type == "deportation"]
    assert [days(e) for e in found] == [("2025-10-10", "2025-10-10")] * 2


def test_the_listed_people_own_clause_keeps_its_date(extractor: Extractor) -> None:
    text = (
        "The teacher Rosa Medina and the pastor Luis Arce were both sentenced to six years "
        "in 2022."
    )
    [detention] = [e for e in dated(extractor, text, "2025-10-12") if e.type == "detention"]
    assert days(detention) == ("2022-01-01", "2022-12-31")


@pytest.mark.parametrize(
    "text",
    [
        "Lukashenko freed 40 prisoners on 3 May. The Treasury lifted sanctions on Belavia on "
        "Monday. The freed prisoners were later taken to Poland.",
        "Lukashenko freed 40 prisoners on 3 May. The Treasury lifted sanctions on Belavia on "
        "Monday. Most of those released were later taken to Poland.",
    ],
)
def test_a_group_named_by_its_release_moves_on_the_release_day(
    extractor: Extractor, text: str
) -> None:
    found = dated(extractor, text, "2025-05-14")
    [moved] = [e for e in found if e.destination == "Poland"]
    assert days(moved) == ("2025-05-03", "2025-05-03")


def test_a_release_dated_from_the_main_clause_dates_its_group(extractor: Extractor) -> None:
    text = (
        "The Treasury lifted sanctions on Belavia on Monday, two days after Lukashenko freed "
        "40 prisoners. Most of those freed were driven to the Lithuanian border."
    )
    [moved] = [e for e in dated(extractor, text, "2025-05-14") if e.destination == "Lithuania"]
    assert days(moved) == ("2025-05-10", "2025-05-10")


def test_a_group_not_named_by_a_release_takes_the_running_date(extractor: Extractor) -> None:
    text = (
        "Lukashenko freed 40 prisoners on 3 May. The Treasury lifted sanctions on Belavia on "
        "Monday. Nine journalists were deported to Poland."
    )
    [moved] = [e for e in dated(extractor, text, "2025-05-14") if e.destination == "Poland"]
    assert days(moved) == ("2025-05-12", "2025-05-12")
