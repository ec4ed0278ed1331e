"""Modality: negated, hypothetical, habitual and demanded statements yield no event."""

import pytest

from quidproquo.extract.modality import load_modality
from quidproquo.extract.nlp import load_nlp
from quidproquo.extract.triggers import load_triggers


@pytest.fixture(scope="module")
def judge():
    lexicon, modality, nlp = load_triggers(), load_modality(), load_nlp()

    def run(text: str, word: str) -> str | None:
        doc = nlp(text)
        triggers = [t for tok in doc if tok.text == word for t in lexicon.match(tok)]
        assert triggers, f"no trigger {word!r} in {text!r}"
        return modality.judge(triggers[0])

    return run


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The journalist was not among those freed.", "freed"),
        ("No restrictions were lifted after the talks.", "lifted"),
        ("If Brussels lifts the ban, Minsk might free more detainees.", "lifts"),
        ("More inmates could be released next year.", "released"),
        ("Relatives have long pressed for her release.", "release"),
        ("The council has repeatedly extended its sanctions.", "extended"),
        ("Those deported are expected to travel on to Riga.", "travel"),
    ],
)
def test_no_event(judge, text: str, word: str) -> None:
    assert judge(text, word) is None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The government freed eight detainees on Sunday.", "freed", "asserted"),
        ("Officials said the ministry will lift the ban on the airline.", "lift", "announced"),
        ("London would be willing to ease restrictions on the banks.", "ease", "proposed"),
        ("The activist refused to cross into Poland.", "cross", "refused"),
        ("The ministry denied the report.", "denied", "denied"),
        ("We understand that two more men have been freed.", "freed", "hedged"),
    ],
)
def test_modalities(judge, text: str, word: str, expected: str) -> None:
    assert judge(text, word) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Officials would probably detain more activists before the vote.", "detain"),
        ("Observers said the authorities will likely jail the organisers.", "jail"),
        ("Minsk will possibly pardon a few more inmates in the spring.", "pardon"),
        ("The court would perhaps release the pastor after the appeal.", "release"),
        ("Diplomats said Washington would presumably ease the airline restrictions.", "ease"),
        ("Analysts said the police were likely to arrest the blogger again.", "arrest"),
        ("More dissidents are expected to be deported to Lithuania.", "deported"),
    ],
)
def test_speculation_states_no_event(judge, text: str, word: str) -> None:
    assert judge(text, word) is None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The regime will arrest anyone who protests, officials warned.", "arrest", "announced"),
        ("Guards probably beat him, but the court freed him on Monday.", "freed", "asserted"),
    ],
)
def test_speculation_stays_on_its_own_clause(judge, text: str, word: str, expected: str) -> None:
    assert judge(text, word) == expected
