"""Denials: a party rejecting or disputing an account given by another.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor


def deniers(extractor: Extractor, text: str) -> list[str | None]:
    events = extractor.extract(text, "2026-03-10").events
    return [e.actor for e in events if e.type == "denial"]


@pytest.mark.parametrize(
    "text, actor",
    [
        # a reported statement that a trade never happened: the speaker denies
        (
            "“No trade of any kind took place,” ministry spokesman Pavel Duda told a briefing.",
            "Pavel Duda",
        ),
        (
            "“There was no deal with anyone,” said Maria Kovac, a spokeswoman for the ministry.",
            "Maria Kovac",
        ),
        (
            "Senior diplomats insisted the money, earmarked for medicine, was not a ransom.",
            "Senior diplomats",
        ),
        # an account called false
        ("The embassy in Oslo called the report a crude fabrication on Sunday.", "embassy"),
        # a named spokesperson in apposition speaks for the body
        (
            "“No bargain was struck,” a government spokesperson, Lena Varga, told the radio.",
            "Lena Varga",
        ),
        # a body keeps the state that owns it
        (
            "Kenya's national police service on Monday rejected the findings of the inquiry.",
            "Kenya's national police service",
        ),
        # a capital stands for its government, also as the subject of a noun "disputes"
        ("Observers counted about 90 detainees, a number Tehran disputes.", "Iran"),
        (
            "Tbilisi denies that the activists are held for their views, calling them rioters.",
            "Georgia",
        ),
        # figures are an account, not people withheld something
        (
            "Interior Minister Viktor Orsk spoke for an hour on Monday, rejecting the figures "
            "compiled by the monitors.",
            "Viktor Orsk",
        ),
        (
            "The interior ministry on Friday dismissed the tally kept by the monitors as invented.",
            "interior ministry",  # the body at its fullest (FORMAT.md)
        ),
    ],
)
def test_denial_constructions(extractor: Extractor, text: str, actor: str | None) -> None:
    assert deniers(extractor, text) == [actor]


@pytest.mark.parametrize(
    "text",
    [
        # a defendant denying the charges disputes no one's account
        "Like many accused, the two editors deny the charges.",
        "The courier was jailed for smuggling, a charge she has always denied.",
        # a practice, not one rebuttal
        "Officials in Baku routinely deny holding anyone for their beliefs.",
        # a statement with no negated trade in it
        "“There was a long meeting,” said Maria Kovac, a spokeswoman for the ministry.",
        "The spokesman said the swap had gone smoothly.",
        # calling someone a name is not rejecting an account
        "The minister called the protesters hooligans.",
    ],
)
def test_no_denial(extractor: Extractor, text: str) -> None:
    assert deniers(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a position on talks under way, not a rebuttal of an account
        "The envoy stressed that there is no agreement in sight yet.",
        # no concessions made is a negated easing, not a denial
        "The ministry said no concessions had been granted to Minsk.",
    ],
)
def test_positions_and_negated_terms_are_no_denial(extractor: Extractor, text: str) -> None:
    assert deniers(extractor, text) == []


def test_present_rebuttal_with_such_is_a_denial(extractor: Extractor) -> None:
    text = "“There are no such talks under way,” the chancellery's spokesman Jan Novak said."
    assert deniers(extractor, text) == ["Jan Novak"]
