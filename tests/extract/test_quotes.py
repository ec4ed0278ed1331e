"""Quote extraction and attribution on short original texts."""

from __future__ import annotations

import pytest

from quidproquo.extract.quotes import extract_quotes, quoted_spans
from quidproquo.extract.sentences import split_sentences
from quidproquo.model import Quote


def quotes_of(text: str) -> list[Quote]:
    return extract_quotes(text, split_sentences(text))


def pairs(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes_of(text)]


def test_offsets_point_at_the_quoted_words_and_sentence() -> None:
    text = 'Talks went on all night. "We are close to a deal," Anna Petrova said on Monday.'
    [quote] = quotes_of(text)
    assert quote.start is not None and quote.end is not None
    assert text[quote.start : quote.end] == quote.text == "We are close to a deal,"
    assert quote.sentence_start == text.index('"We')
    assert quote.sentence_end == len(text)


def test_subject_before_and_after_the_verb() -> None:
    text = (
        "Oleg Marchenko, the ministry's chief negotiator, said: \"Nobody leaves before the "
        'papers are signed." "The border stays open until midnight," said Marchenko.'
    )
    assert pairs(text) == [
        ("Oleg Marchenko", "Nobody leaves before the papers are signed."),
        ("Oleg Marchenko", "The border stays open until midnight,"),
    ]


def test_split_quote_gives_two_quotes_with_one_speaker() -> None:
    text = (
        'The mayor of Hrodna, Pavel Kruk, met the families on Friday. "We will not forget '
        'them," he told reporters, "and we will keep asking for their return."'
    )
    assert pairs(text) == [
        ("Pavel Kruk", "We will not forget them,"),
        ("Pavel Kruk", "and we will keep asking for their return."),
    ]


def test_curly_quotes_and_paragraph_continuation() -> None:
    text = (
        "Irina Zhuk spoke to the crowd in Vilnius.\n"
        "“The first years were the hardest. Letters stopped arriving.\n"
        "“Now I only want to see my son,” she said."
    )
    found = pairs(text)
    assert [t for _, t in found] == [
        "The first years were the hardest. Letters stopped arriving.",
        "Now I only want to see my son,",
    ]
    assert all(speaker == "Irina Zhuk" for speaker, _ in found)


def test_trailing_dash_names_the_speaker() -> None:
    text = '"Every release is a small victory, and every arrest a defeat." — Tomas Valys'
    assert pairs(text) == [
        ("Tomas Valys", "Every release is a small victory, and every arrest a defeat.")
    ]


def test_pronouns_follow_gender_and_the_last_speaker() -> None:
    text = (
        "Viktor Hrach met Olena Sadova at the border crossing. Sadova said the convoy was late. "
        '"The buses were searched twice," she said. Hrach was more cautious. '
        '"Nothing is settled yet," he added.'
    )
    assert [s for s, _ in pairs(text)] == ["Olena Sadova", "Viktor Hrach"]


def test_descriptions_resolve_to_the_name_given_earlier() -> None:
    text = (
        "The announcement came from the governor's spokeswoman, Daria Lenz. "
        'Prisoners would be moved "within days", the spokeswoman said. '
        "The Open Doors campaign, which tracks detainees, said it had no list. "
        '"Families are left guessing about where their relatives are held," the group said.'
    )
    assert pairs(text) == [
        ("Daria Lenz", "within days"),
        ("Open Doors", "Families are left guessing about where their relatives are held,"),
    ]


def test_statement_speaks_for_the_issuing_organisation() -> None:
    text = (
        "Harbour Rights Watch welcomes the release of nine fishermen. According to the "
        "Coastal Union, 40 crew members are still held. "
        '"No worker should be a bargaining chip," the statement said.'
    )
    assert pairs(text) == [("Harbour Rights Watch", "No worker should be a bargaining chip,")]


def test_according_to_credits_the_source() -> None:
    text = 'According to a senior EU diplomat, the talks depend on "real and lasting change".'
    assert pairs(text) == [("senior EU diplomat", "real and lasting change")]


def test_short_fragment_framed_by_a_speech_verb_is_a_quote() -> None:
    text = 'The state agency Nordpress reported that "several former officials" were released.'
    assert pairs(text) == [("Nordpress", "several former officials")]


def test_scare_quotes_and_names_are_not_quotes() -> None:
    text = (
        'The men were convicted of "sabotage" and held in the "Northern Star" camp. '
        'Their lawyer, Ivan Sokal, said the "reforms" had changed nothing. '
        'The "Free Voices" project said nothing. She did not explain what "real order" meant. '
        'Officials said the so-called "national dialogue" would resume.'
    )
    assert pairs(text) == []


def test_distant_short_span_without_close_frame_is_not_a_quote() -> None:
    text = (
        "The ministry said that the release of people convicted under the "
        '"public disorder" article of the old criminal code would continue next year.'
    )
    assert pairs(text) == []


def test_quote_without_frame_continues_the_previous_speaker() -> None:
    text = (
        '"We are grateful to everyone who helped," Marta Kowal said. '
        '"Our work is not finished while others remain behind bars."'
    )
    assert [s for s, _ in pairs(text)] == ["Marta Kowal", "Marta Kowal"]


def test_fullest_name_is_used_for_a_bare_surname() -> None:
    text = (
        "Foreign minister Jonas Ambrazas arrived in Riga on Tuesday. "
        '"The corridor will stay open," Ambrazas told the press.'
    )
    assert pairs(text) == [("Jonas Ambrazas", "The corridor will stay open,")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and left.', ["yes"]),
        ("He said “maybe” twice.", ["maybe"]),
        ('An open "quote with no end.', []),
    ],
)
def test_quoted_spans_pairing(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in quoted_spans(text)] == expected


def test_pronoun_prefers_a_recent_name_over_an_old_speaker() -> None:
    text = (
        '"The talks were useful," Peter Vance said on Monday. The convoy left at dawn. '
        "Buses crossed the border at noon. Families waited for hours. "
        'On Tuesday, Mark Olsen visited the camp. "Conditions have improved," he said.'
    )
    assert [s for s, _ in pairs(text)] == ["Peter Vance", "Mark Olsen"]


def test_long_unframed_term_is_not_a_quote_but_a_clause_is() -> None:
    term = (
        "He was sentenced under the article on "
        '"organising actions that grossly violate public order" in 2021.'
    )
    assert pairs(term) == []
    clause = 'Rights groups gave the same answer. "Nobody was consulted before the transfer."'
    assert [t for _, t in pairs(clause)] == ["Nobody was consulted before the transfer."]
