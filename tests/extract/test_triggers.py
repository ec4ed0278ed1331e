"""Trigger lexicon: the cheap prefilter and matching on the parse."""

import pytest

from quidproquo.extract.nlp import load_nlp
from quidproquo.extract.triggers import inflections, load_triggers


@pytest.fixture(scope="module")
def lexicon():
    return load_triggers()


def trigger_types(lexicon, text: str) -> list[tuple[str, str]]:
    doc = load_nlp()(text)
    return [(t.type, tok.text) for tok in doc for t in lexicon.match(tok)]


def test_inflections_cover_regular_forms() -> None:
    assert {"pardons", "pardoned", "pardoning"} <= inflections("pardon")
    assert {"releases", "released", "releasing"} <= inflections("release")


def test_prefilter_selects_on_topic_sentences_only(lexicon) -> None:
    assert "release" in lexicon.candidate_types("The governor pardoned nine inmates.")
    assert "deportation" in lexicon.candidate_types("They were deported to Latvia.")
    assert lexicon.candidate_types("The football season opens in August.") == set()


def test_multiword_trigger_needs_its_particle(lexicon) -> None:
    assert ("release", "let") in trigger_types(
        lexicon, "The guards let four prisoners go on Monday."
    )
    assert not any(t == "release" for t, _ in trigger_types(lexicon, "The guards let the dog in."))


def test_handing_over_needs_people(lexicon) -> None:
    people = trigger_types(lexicon, "Minsk handed over six prisoners to Kyiv.")
    letter = trigger_types(lexicon, "The envoy handed over a letter from the president.")
    assert ("release", "handed") in people
    assert ("release", "handed") not in letter


def test_stock_figure_needs_political_prisoners_and_stock_verb(lexicon) -> None:
    held = trigger_types(lexicon, "The monitor says 900 political prisoners remain in jail.")
    freed = trigger_types(lexicon, "Ten political prisoners were pardoned on Friday.")
    assert ("prisoner_count", "prisoners") in held
    assert ("prisoner_count", "prisoners") not in freed
