"""Sentence splitting: offsets, abbreviations, datelines, captions."""

import pytest

from quidproquo.extract.sentences import Sentence, is_boilerplate, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_index_the_text() -> None:
    text = "Minsk freed five people.  Two went to Vilnius.\n\nNobody else left."
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
    assert texts(text) == ["Minsk freed five people.", "Two went to Vilnius.", "Nobody else left."]


def test_abbreviations_and_initials_do_not_split() -> None:
    text = "On Sept. 3 the U.S. Treasury acted. Envoy Mary K. Jones met Dr. Ivanov in Minsk."
    assert texts(text) == [
        "On Sept. 3 the U.S. Treasury acted.",
        "Envoy Mary K. Jones met Dr. Ivanov in Minsk.",
    ]


def test_single_letter_after_lowercase_ends_sentence() -> None:
    assert texts("He wrote it on X. Later he deleted it.") == [
        "He wrote it on X.",
        "Later he deleted it.",
    ]


def test_dateline_stays_with_its_sentence() -> None:
    text = "GRODNO, Mar 2 (Sample Wire) - Officials released two men. They crossed the border."
    assert texts(text)[0] == "GRODNO, Mar 2 (Sample Wire) - Officials released two men."


def test_quotes_closing_after_full_stop() -> None:
    text = '"We are free." The two men then boarded a bus.'
    assert texts(text) == ['"We are free."', "The two men then boarded a bus."]


def test_glued_photo_credit_is_split_and_boilerplate() -> None:
    text = (
        "Opposition leader Ivan Petrov.Photo: Sample Agency/CC BY 4.0\nPetrov was freed on Monday."
    )
    parts = split_sentences(text)
    assert [p.text for p in parts] == [
        "Opposition leader Ivan Petrov.",
        "Photo: Sample Agency/CC BY 4.0",
        "Petrov was freed on Monday.",
    ]
    assert [is_boilerplate(p) for p in parts] == [True, True, False]


def test_live_blog_timestamp_split_off() -> None:
    parts = split_sentences("10:15 — The envoy has landed in Minsk.")
    assert [p.text for p in parts] == ["10:15 —", "The envoy has landed in Minsk."]
    assert is_boilerplate(parts[0]) and not is_boilerplate(parts[1])


def test_boilerplate_lines() -> None:
    assert is_boilerplate(Sentence(0, 16, "17.12.2025 18:00"))
    assert is_boilerplate("By Anna Kowalska")
    assert not is_boilerplate("Belarus pardoned 18 prisoners on Friday.")


@pytest.mark.parametrize(
    "line",
    [
        "By Anna Kowalska and Piotr Nowak, Reuters",
        "By ANNA KOWALSKA | 12 March 2025 | 10:45",
        "Reporting by Anna Kowalska in Vilnius; Editing by John Smith",
    ],
)
def test_bylines_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the rights group's count, more than 600 people have walked free since 2024.",
        "By decree, the president pardoned 16 convicts.",
        "By Friday evening, all 14 had reached Lithuania.",
        "By Amnesty's tally, some 90 people are still in custody.",
    ],
)
def test_prose_opening_with_by_is_no_byline(line: str) -> None:
    assert not is_boilerplate(line)
