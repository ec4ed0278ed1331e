"""Typed speakers and how they are resolved: one construction per test, on original text."""

from __future__ import annotations

import pytest

from quidproquo.extract.quotes import extract_quotes
from quidproquo.extract.sentences import split_sentences


def speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract_quotes(text, split_sentences(text))]


def test_an_abstract_noun_is_never_the_speaker() -> None:
    text = (
        'Talks resumed on Monday. "Each release must be verified one by one," the guarantees '
        "say, Tomas Berg of the Nordic Helsinki Desk told reporters."
    )
    assert speakers(text) == [("Tomas Berg", "Each release must be verified one by one,")]


def test_a_count_of_people_is_never_the_speaker() -> None:
    text = (
        'Some 30 inmates described the barracks as "cold, damp and never quiet at night," '
        "according to the Kestrel Rights Bureau."
    )
    assert speakers(text) == [
        ("Kestrel Rights Bureau", "cold, damp and never quiet at night,"),
    ]


def test_a_bare_title_resolves_to_the_person_named_with_it() -> None:
    text = (
        "Prime Minister Ilse Marten met the families in Tallinn on Sunday. "
        '"We will bring every one of them home," the prime minister said.'
    )
    assert speakers(text) == [("Ilse Marten", "We will bring every one of them home,")]


def test_a_title_in_apposition_resolves_to_that_person() -> None:
    text = (
        "Jonas Berg, the Swedish envoy, landed in Minsk on Tuesday with a list of names. "
        '"The list is not final yet," the envoy told reporters.'
    )
    assert speakers(text) == [("Jonas Berg", "The list is not final yet,")]


def test_a_capitalised_title_as_subject_is_not_a_name() -> None:
    text = (
        "President Ilse Marten received the delegation in the old palace. "
        '"Nobody here is held for an opinion," the President remarked afterwards.'
    )
    assert speakers(text) == [("Ilse Marten", "Nobody here is held for an opinion,")]


def test_a_post_speaks_for_the_person_who_wrote_it() -> None:
    text = (
        "Darya Kuzmich wrote on Telegram that her father had been moved to another colony. "
        '"Nobody told us where he went or why," the post said.'
    )
    assert speakers(text) == [("Darya Kuzmich", "Nobody told us where he went or why,")]


def test_a_decree_speaks_for_the_leader_who_signed_it() -> None:
    text = (
        "President Ilse Marten signed a decree on Friday granting amnesty to 40 convicts "
        'and to two foreigners. "Those who have repented deserve a second chance," the '
        "decree reads."
    )
    assert speakers(text) == [("Ilse Marten", "Those who have repented deserve a second chance,")]


def test_a_reporting_tail_credits_the_body_with_its_owner() -> None:
    text = (
        '"The convoy reached the crossing at dawn and nobody was left behind," the press '
        "service of the Varno border guard reported."
    )
    assert speakers(text) == [
        (
            "press service of the Varno border guard",
            "The convoy reached the crossing at dawn and nobody was left behind,",
        )
    ]


def test_the_agency_resolves_to_the_agency_named_before() -> None:
    text = (
        "The Varno State Telegraph Agency reported the pardons shortly before midnight. "
        '"Every one of them had asked for clemency," the agency said.'
    )
    assert speakers(text) == [
        ("Varno State Telegraph Agency", "Every one of them had asked for clemency,")
    ]


def test_a_countrys_ministry_keeps_the_country_unless_it_has_a_proper_name() -> None:
    described = '"Our citizen is safe and on his way home," Norway\'s foreign ministry said.'
    named = '"The matter is closed for good," Latvia\'s Interior Ministry said on Friday.'
    assert speakers(described) == [
        ("Norway's foreign ministry", "Our citizen is safe and on his way home,")
    ]
    assert speakers(named) == [("Interior Ministry", "The matter is closed for good,")]


def test_a_header_line_above_the_quote_names_the_speaker() -> None:
    text = (
        "Statement of the Kestrel Rights Bureau\n"
        '"We count 212 people behind bars for their views as of this morning."'
    )
    assert speakers(text) == [
        (
            "Kestrel Rights Bureau",
            "We count 212 people behind bars for their views as of this morning.",
        )
    ]


def test_a_colon_header_without_a_verb_names_the_speaker() -> None:
    text = (
        "09:15 — The buses are said to be moving towards the border.\n"
        '09:40 — Mira Holt, director of the bureau, to journalists: "The buses left an hour ago."'
    )
    assert speakers(text) == [("Mira Holt", "The buses left an hour ago.")]


def test_an_apposition_after_the_name_does_not_take_the_speech() -> None:
    text = (
        '"The border stays closed until noon," said Pavel Lind, deputy head of the Northern '
        "Crossing Authority."
    )
    assert speakers(text) == [("Pavel Lind", "The border stays closed until noon,")]


def test_he_goes_to_the_person_the_story_is_about_not_the_last_name() -> None:
    text = (
        "Oskar Brandt spent four years in a colony near Hrodna. Last week he met the Danish "
        'envoy Lars Holm in Riga. "They never explained anything to us," he recalls.'
    )
    assert speakers(text) == [("Oskar Brandt", "They never explained anything to us,")]


def test_she_goes_to_the_woman_named_before() -> None:
    text = (
        "Mira Holt and Oskar Brandt spoke at the vigil in Warsaw on Saturday. "
        '"I was arrested twice in one year," she said.'
    )
    assert speakers(text) == [("Mira Holt", "I was arrested twice in one year,")]


def test_it_goes_to_a_body_not_to_a_person() -> None:
    text = (
        "The Kestrel Rights Bureau published its yearly count on Monday, and director Mira "
        'Holt presented it. "This is the highest figure in a decade," it said.'
    )
    assert speakers(text) == [("Kestrel Rights Bureau", "This is the highest figure in a decade,")]


def test_a_lone_quote_takes_the_speaker_of_the_next_sentence_that_refers_back() -> None:
    text = (
        'The winters were the worst part. "The cells were never heated, not once." '
        "That is how Ilya Marsh described his last year in the colony."
    )
    assert speakers(text) == [("Ilya Marsh", "The cells were never heated, not once.")]


def test_a_lone_quote_after_a_sentence_about_a_woman_is_hers() -> None:
    text = (
        "Asked whether she would leave the country to be with him, Greta Lind does not "
        'hesitate. "Yes. Today. Anywhere."'
    )
    assert speakers(text) == [("Greta Lind", "Yes. Today. Anywhere.")]


@pytest.mark.parametrize(
    "text",
    [
        'Zhuk was jailed for "hooligan acts" in 2021, her lawyer Tomas Berg said.',
        'Officials presented the pardons as a "goodwill step" towards Washington.',
        'He was placed on "preventive watch" after his release, the bureau said.',
    ],
)
def test_labels_inside_a_phrase_are_not_quotes(text: str) -> None:
    assert speakers(text) == []


def test_a_quoted_judgement_after_as_is_speech_not_a_label() -> None:
    text = "Tomas Berg described the second round of talks as \"very productive\" on Monday."
    assert speakers(text) == [("Tomas Berg", "very productive")]


def test_curly_single_quotes_are_quotation_marks_but_apostrophes_are_not() -> None:
    text = (
        "Minsk’s negotiator, Aleh Drozd, said on Tuesday that Belarus would deal with "
        "Washington only ‘as an equal at the table’."
    )
    assert speakers(text) == [("Aleh Drozd", "as an equal at the table")]


def test_an_age_description_is_the_person_the_story_is_about() -> None:
    text = (
        "Mikola Dziadok was freed in September and now lives in Gdansk. "
        '"I still do not know why they chose me," the 38-year-old said.'
    )
    assert speakers(text) == [("Mikola Dziadok", "I still do not know why they chose me,")]


def test_a_header_that_describes_the_body_resolves_to_it() -> None:
    named_before = (
        "The Latvian foreign ministry commented on the release on Monday. Quote from the "
        'ministry: "The talks will continue next month in another format."'
    )
    header_line = (
        "Statement of the Latvian foreign ministry\n"
        '"The talks will continue next month in another format."'
    )
    expected = [
        ("Latvian foreign ministry", "The talks will continue next month in another format.")
    ]
    assert speakers(named_before) == expected
    assert speakers(header_line) == expected


def test_the_service_is_the_body_named_in_the_sentence_before_not_the_last_speaker() -> None:
    text = (
        "Minsk freed nine more prisoners overnight, the Varno wire said, citing the "
        'presidential press service. "The decision was taken on humane grounds," the service '
        "said."
    )
    assert speakers(text) == [
        ("presidential press service", "The decision was taken on humane grounds,")
    ]


def test_the_leader_is_the_known_head_of_state_named_before() -> None:
    text = (
        "Lukashenko received the American delegation for almost five hours. "
        '"We discussed every question openly," the Belarusian leader said afterwards.'
    )
    assert speakers(text) == [("Lukashenko", "We discussed every question openly,")]
