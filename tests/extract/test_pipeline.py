"""The whole cascade on short original texts."""

import pytest

from quidproquo.extract import Extractor, parse_published


def by_type(extraction, kind: str):
    return [e for e in extraction.events if e.type == kind]


TEXT = (
    "GRODNO, Mar 6 (Sample Wire) - Belarus released 14 prisoners on Thursday and deported "
    "most of them to Poland, a day after U.S. envoy Mark Pellow met Alexander Lukashenko in Minsk. "
    "The United States eased sanctions on Belavia the same day. "
    "The blogger Pavel Ruts was not among those freed. "
    "Those freed were driven to the border."
)


def test_events_with_dates_and_fields(extractor: Extractor) -> None:
    result = extractor.extract(TEXT, "2025-03-06")
    (release,) = by_type(result, "release")
    assert (release.count, release.actor, release.date_min) == (14, "Belarus", "2025-03-06")
    (deport,) = by_type(result, "deportation")
    assert deport.destination == "Poland"
    (visit,) = by_type(result, "visit")
    assert (visit.actor, visit.target) == ("Mark Pellow", "Minsk")
    (eased,) = by_type(result, "sanctions_eased")
    assert (eased.actor, eased.target, eased.date_min) == ("United States", "Belavia", "2025-03-06")


def test_evidence_offsets_point_into_the_text(extractor: Extractor) -> None:
    for event in extractor.extract(TEXT, "2025-03-06").events:
        assert TEXT[event.sentence_start : event.sentence_end] == event.evidence


def test_negated_and_back_reference_sentences_give_nothing(extractor: Extractor) -> None:
    result = extractor.extract(TEXT, "2025-03-06")
    texts = {e.evidence for e in result.events}
    assert not any("not among" in t or t.startswith("Those freed") for t in texts)


def test_relative_date_needs_published(extractor: Extractor) -> None:
    text = "Belarus pardoned 20 people last month."
    (dated,) = extractor.extract(text, "2025-08-12").events
    assert (dated.date_min, dated.date_max) == ("2025-07-01", "2025-07-31")
    (undated,) = extractor.extract(text, None).events
    assert undated.date_min is None


def test_off_topic_text_yields_no_event(extractor: Extractor) -> None:
    text = "The city council approved a new budget for parks. Rain is expected on Sunday."
    assert extractor.extract(text, "2025-05-01").events == []


def test_caption_lines_yield_no_event(extractor: Extractor) -> None:
    text = "Opposition leader Ivan Petrov.Photo: Sample Agency\nNothing else happened."
    assert extractor.extract(text, "2025-05-01").events == []


def test_bad_published_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="published"):
        parse_published("yesterday")


@pytest.mark.parametrize(
    ("text", "count", "persons"),
    [
        ("Lena Dorsh was freed. She was one of 31 people freed on Friday.", 31, ["Lena Dorsh"]),
        (
            "Ivan Koral was pardoned. He was among 22 inmates pardoned on Monday.",
            22,
            ["Ivan Koral"],
        ),
        (
            "Among the prisoners set free were Anna Lis and Pavel Rud.",
            None,
            ["Anna Lis", "Pavel Rud"],
        ),
        ("Among those released on Tuesday was the blogger Oleg Mayer.", None, ["Oleg Mayer"]),
        ("Among those pardoned were Maria Vlad and Yuri Tsar.", None, ["Maria Vlad", "Yuri Tsar"]),
        ("The lawyer Inna Sava was among the 18 detainees released.", 18, ["Inna Sava"]),
        ("One of those freed was the poet Dmitry Lesk.", None, ["Dmitry Lesk"]),
    ],
)
def test_membership_in_a_freed_group_is_a_release(extractor, text, count, persons) -> None:
    *_, release = by_type(extractor.extract(text, "2025-06-23"), "release")
    assert (release.count, release.persons) == (count, persons)
    assert release.evidence == text.split(". ")[-1]


def test_a_relative_clause_on_the_person_does_not_date_the_release(extractor) -> None:
    text = "Among those freed was the reporter Igor Nail, who had been jailed since 2021."
    (release,) = by_type(extractor.extract(text, "2025-06-23"), "release")
    assert (release.persons, release.date_min) == (["Igor Nail"], "2025-06-23")


@pytest.mark.parametrize(
    "text",
    [
        "The editor Ilya Bort was not among those freed.",
        "Nobody from the opposition was among the 40 prisoners released.",
        "Among those pardoned are 15 women and seven men.",
        "Critics said the regime would likely arrest more students.",
        "Officials would probably detain more activists before the vote.",
        "Aides said Minsk is expected to free several more people.",
        "Hundreds of migrants crossed the Polish border on Sunday.",
        "The freed activists were later taken to a hospital.",
    ],
)
def test_negated_composition_and_speculation_give_nothing(extractor, text: str) -> None:
    assert extractor.extract(text, "2025-06-23").events == []


def test_border_destination_and_state_actor_in_a_text(extractor) -> None:
    text = (
        "Belarusian authorities released 44 prisoners on Thursday. "
        "Most of the released were driven by bus to the Lithuanian border."
    )
    first, second = by_type(extractor.extract(text, "2025-06-23"), "release")
    assert (first.count, first.actor) == (44, "Belarus")
    assert (second.destination, second.date_min) == ("Lithuania", first.date_min)


@pytest.mark.parametrize(
    ("text", "kind", "persons"),
    [
        (
            "Belarus freed 30 prisoners on Monday. Olga Rus and Pavel Lin were among them.",
            "release",
            ["Olga Rus", "Pavel Lin"],
        ),
        (
            "Nine men were deported to Poland. Among them was the priest Anton Vysk.",
            "deportation",
            ["Anton Vysk"],
        ),
        (
            "Belarus freed 14 prisoners. The reporter Ihar Lenski was also in the group.",
            "release",
            ["Ihar Lenski"],
        ),
        (
            "Minsk pardoned 12 people. The blogger Dina Kost was among those.",
            "release",
            ["Dina Kost"],
        ),
    ],
)
def test_members_named_after_a_group_event_join_it(extractor, text, kind, persons) -> None:
    first, second = by_type(extractor.extract(text, "2025-06-23"), kind)
    assert second.persons == persons and second.count is None
    assert second.date_min == first.date_min


@pytest.mark.parametrize(
    "text",
    [
        "Belarus freed 30 prisoners on Monday. Ilya Bort was not among them.",
        "Olga Rus and Pavel Lin were among them.",  # no group event before
        "Belarus freed 30 prisoners. Among them, officials said, were several students.",
    ],
)
def test_membership_without_a_group_or_a_name_adds_nothing(extractor, text: str) -> None:
    events = extractor.extract(text, "2025-06-23").events
    assert [e.persons for e in events] in ([], [[]])  # at most the group event itself


def test_members_are_not_added_to_a_count_of_others(extractor) -> None:
    text = "Fifteen others were expelled to Latvia; among them were Maria Lebed and Pavel Sokolov."
    (deport,) = by_type(extractor.extract(text, "2025-06-23"), "deportation")
    assert (deport.count, deport.actor) == (15, None)
    assert deport.persons == ["Maria Lebed", "Pavel Sokolov"]
