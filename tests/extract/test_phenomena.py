"""One sentence of our own for each construction family of `PHENOMENA.md` (issue 12).

The families are numbered as there; the sentences are worded unlike its examples and unlike
every gold text. Each family has its own, more thorough tests elsewhere in this folder; this
file checks that none of the families is left without a reading.
"""

import pytest

from quidproquo.extract import Extractor
from quidproquo.model import Event, Extraction
from quidproquo.resolve.names import names_match

LEADER = "Aliaksandr Lukashenka"


def read(extractor: Extractor, text: str, published: str = "2025-10-05") -> Extraction:
    return extractor.extract(text, published)


def only(extraction: Extraction, kind: str) -> Event:
    [event] = [e for e in extraction.events if e.type == kind]
    return event


def test_01_pardoning_leader_is_the_actor(extractor: Extractor) -> None:
    release = only(
        read(extractor, f"{LEADER}, acting by decree, has granted clemency to 23 inmates."),
        "release",
    )
    assert (release.actor, release.count, release.persons) == (LEADER, 23, [])


@pytest.mark.parametrize(
    "text",
    [
        f"{LEADER} met the delegation on Friday. Hours later he pardoned 14 prisoners.",
        f"{LEADER} spoke on Monday. The Belarusian strongman later freed 14 detainees.",
    ],
)
def test_02_pronoun_and_title_subjects_take_up_the_leader(extractor: Extractor, text: str) -> None:
    release = only(read(extractor, text), "release")
    assert release.count == 14
    assert release.actor is not None and names_match(release.actor, LEADER)  # as FORMAT.md scores


def test_03_respectively_pairs_dates_and_counts(extractor: Extractor) -> None:
    text = "In June and September the authorities freed 14 and 52 dissidents, respectively."
    releases = [e for e in read(extractor, text).events if e.type == "release"]
    assert sorted((e.count, e.date_min) for e in releases) == [
        (14, "2025-06-01"),
        (52, "2025-09-01"),
    ]


def test_04_visit_told_as_talks(extractor: Extractor) -> None:
    text = f"The deal was struck during talks between US envoy John Coale and {LEADER} in Minsk."
    visit = only(read(extractor, text, "2025-09-13"), "visit")
    assert (visit.actor, visit.target) == ("John Coale", "Minsk")


def test_05_destination_from_arrival_and_announced_transport(extractor: Extractor) -> None:
    arrived = read(extractor, "The 52 freed men crossed into Lithuania and are now in Vilnius.")
    assert "Lithuania" in {e.destination for e in arrived.events}
    announced = read(extractor, "The group will be driven to the Polish border on Friday.")
    assert [(e.destination, e.modality) for e in announced.events] == [("Poland", "announced")]


def test_06_refusal_to_leave_is_a_refused_deportation(extractor: Extractor) -> None:
    text = "Mikola Statkevich, one of those freed, refused to cross the border and walked back."
    deportation = only(read(extractor, text), "deportation")
    assert (deportation.modality, deportation.persons, deportation.actor) == (
        "refused",
        ["Mikola Statkevich"],
        None,
    )


def test_07_release_inside_a_relative_clause(extractor: Extractor) -> None:
    text = "Ihar Losik, who was among 14 prisoners freed on 21 June, gave an interview on Tuesday."
    release = only(read(extractor, text, "2025-07-02"), "release")
    assert (release.count, release.persons, release.date_min) == (14, ["Ihar Losik"], "2025-06-21")


def test_08_list_of_freed_people_with_titles_and_parentheses(extractor: Extractor) -> None:
    text = (
        "Those released included the journalist Ihar Karnei, Siarhei Tsikhanouski (jailed "
        "since 2020), and the lawyer Maksim Znak, who had served most of his term."
    )
    release = only(read(extractor, text), "release")
    assert release.persons == ["Ihar Karnei", "Siarhei Tsikhanouski", "Maksim Znak"]


def test_09_orders_name_the_actor_and_a_requester_does_not(extractor: Extractor) -> None:
    text = f"The prisoners were freed on the orders of {LEADER} at the request of the Vatican."
    assert only(read(extractor, text), "release").actor == LEADER


def test_10_detention_by_arrest_and_sentence(extractor: Extractor) -> None:
    text = "Ales Pushkin was detained in March 2021 and later sentenced to five years in a colony."
    detention = only(read(extractor, text), "detention")
    assert (detention.persons, detention.date_min, detention.date_max) == (
        ["Ales Pushkin"],
        "2021-03-01",
        "2021-03-31",
    )


def test_11_stock_figure_is_a_prisoner_count(extractor: Extractor) -> None:
    text = "According to Viasna, 1,150 people remained political prisoners as of 1 October."
    count = only(read(extractor, text), "prisoner_count")
    assert (count.count, count.date_min) == (1150, "2025-10-01")


def test_12_deportation_without_a_deport_verb(extractor: Extractor) -> None:
    text = "The men were put on buses and driven out of Belarus without their passports."
    assert only(read(extractor, text), "deportation").modality == "asserted"


def test_13_dateline_anchors_weekdays(extractor: Extractor) -> None:
    text = "VILNIUS, Sept 11 (Wire) - Belarus released 52 prisoners on Thursday."
    release = only(read(extractor, text, "2025-09-12"), "release")
    assert (release.count, release.date_min) == (52, "2025-09-11")


def test_14_cumulative_total_runs_to_publication(extractor: Extractor) -> None:
    text = "Roughly 300 prisoners have been released since the summer of 2024."
    release = only(read(extractor, text), "release")
    assert (release.count, release.date_max) == (300, "2025-10-05")
    assert release.date_min is not None and release.date_min.startswith("2024-")


@pytest.mark.parametrize(
    "text",
    [
        f"{LEADER} has released prisoners from time to time since 2024 to win favour abroad.",  # 15
        "Analysts say further talks might bring the release of as many as 500 detainees.",  # 17
        "Many of those freed had been convicted for taking part in street protests.",  # 18
        "The freed Nobel laureate thanked his supporters.",  # 19, a back-reference
    ],
)
def test_15_17_18_19_traps_give_no_event(extractor: Extractor, text: str) -> None:
    assert read(extractor, text).events == []


def test_16_in_exchange_for_relief_is_no_prisoner_exchange(extractor: Extractor) -> None:
    text = "Minsk freed the activists in exchange for an easing of sanctions on its potash."
    assert "exchange" not in {e.type for e in read(extractor, text).events}


def test_19_background_release_of_a_named_person_is_an_event(extractor: Extractor) -> None:
    text = "Ales Bialiatski, freed in December, addressed the European Parliament on Wednesday."
    release = only(read(extractor, text, "2026-02-05"), "release")
    assert (release.persons, release.date_min) == (["Ales Bialiatski"], "2025-12-01")


@pytest.mark.parametrize(
    "text, speaker",
    [
        # 20: the number opening the quote is no speaker
        ('"52 prisoners are going home today," the statement said, the State Department added.',
         "State Department"),
        # 21: the writer of a post
        ('Sviatlana Tsikhanouskaya wrote on Telegram that "every release is a victory".',
         "Sviatlana Tsikhanouskaya"),
        # 22: a header with a colon
        ('Viasna said in a statement: "The number of political prisoners has not gone down."',
         "Viasna"),
        # 23: an apposition with a title
        ('Natallia Eismant, the spokeswoman for the Belarusian leader, told state television: '
         '"This was a humanitarian gesture."', "Natallia Eismant"),
        # 24: a pronoun in the next sentence
        ('Maria Kalesnikava spoke briefly to journalists. "I am grateful to everyone," she said.',
         "Maria Kalesnikava"),
        # 25: guillemets
        ("Maria Kalesnikava said: «I did not expect to see my sister so soon».",
         "Maria Kalesnikava"),
    ],
)
def test_20_to_25_speakers(extractor: Extractor, text: str, speaker: str) -> None:
    [quote] = read(extractor, text, "2025-09-12").quotes
    assert quote.speaker == speaker


def test_25_scare_quotes_on_a_label_are_no_quote(extractor: Extractor) -> None:
    text = 'State media called the releases a "humanitarian gesture" on Friday.'
    assert read(extractor, text, "2025-09-12").quotes == []
