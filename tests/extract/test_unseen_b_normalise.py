"""Invisible characters of social posts (issue 12): an emoji's variation selector or a
zero-width space glued to the next word must not change what is read, and the evidence
and quotes keep the text exactly as given.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.sentences import readable

SELECTOR = "\ufe0f"  # VARIATION SELECTOR-16, sent after most emoji


def test_readable_keeps_every_offset() -> None:
    text = f"\U0001f534{SELECTOR}Eleven\u200bdetainees\u2060were\ufeff freed."
    plain = readable(text)
    assert len(plain) == len(text)
    assert plain == "\U0001f534 Eleven detainees were  freed."


def test_readable_leaves_ordinary_text_alone() -> None:
    text = "Łukašenka’s decree — “eleven” freed… (Minsk, 5 Oct.)"
    assert readable(text) == text


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            f"\U0001f534{SELECTOR}On the orders of Lukashenko, eleven detainees were pardoned "
            "on Friday.",
            "Lukashenko",
        ),
        (
            f"\u203c{SELECTOR}Alyaksandr Lukashenka on Tuesday granted clemency to four nuns.",
            "Alyaksandr Lukashenka",
        ),
    ],
)
def test_selector_glued_to_a_word_reads_as_a_space(
    extractor: Extractor, text: str, actor: str
) -> None:
    [event] = [e for e in extractor.extract(text, "2025-10-02").events if e.type == "release"]
    assert event.actor == actor
    assert event.evidence == text  # verbatim, the selector included
    assert text[event.sentence_start : event.sentence_end] == event.evidence


def test_quote_after_an_emoji_keeps_its_characters(extractor: Extractor) -> None:
    text = (
        f"\U0001f4e2{SELECTOR}Lithuania's foreign minister said on Monday: "
        f"\u201cThe nine{SELECTOR} men are safe and with their families.\u201d"
    )
    quotes = extractor.extract(text, "2025-10-02").quotes
    [quote] = quotes
    assert SELECTOR in quote.text
    assert quote.start is not None and text[quote.start : quote.end] == quote.text
