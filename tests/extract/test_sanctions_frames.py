"""Sanctions imposed and eased: designations, extensions, parties named by their phrase,
coordinated governments, descriptions that are no event. Sentences are the project's own."""

from __future__ import annotations

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.lexicon import LexiconError
from quidproquo.extract.sanctions import SanctionsLexicon, load_sanctions


def found(extractor: Extractor, text: str, kind: str) -> list[tuple[str | None, str | None]]:
    events = extractor.extract(text, "2025-10-15").events
    return sorted((e.actor, e.target) for e in events if e.type == kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ottawa's ally Canada on Tuesday slapped sanctions on 9 Georgian border guards, "
            "including two colonels.",
            [("Canada", "Georgian border guards")],
        ),
        (
            "Norway placed seven Belarusian prison wardens and investigators on its sanctions "
            "list on Monday.",
            [("Norway", "Belarusian prison wardens and investigators")],
        ),
        (
            "On Monday Switzerland added 14 Belarusian prosecutors, judges and colony chiefs "
            "to its sanctions list.",
            [("Switzerland", "Belarusian prosecutors, judges and colony chiefs")],
        ),
        (
            "Britain and Canada imposed fresh sanctions on Belarusian timber exporters in May.",
            [
                ("Canada", "Belarusian timber exporters"),
                ("United Kingdom", "Belarusian timber exporters"),
            ],
        ),
        (
            "The EU on Thursday prolonged its restrictive measures against Belarus until 2027.",
            [("European Union", "Belarus")],
        ),
        (
            "Australia froze the assets of three Belarusian arms traders in August.",
            [("Australia", "Belarusian arms traders")],
        ),
        (
            "The fertiliser maker Belaruskali was hit by American sanctions in 2021.",
            [("United States", "Belaruskali")],
        ),
    ],
)
def test_sanctions_imposed_parties_and_actors(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(extractor, text, "sanctions_imposed") == expected


def test_party_list_with_names_gives_one_event_per_name(extractor: Extractor) -> None:
    text = (
        "The bloc struck two Belarusian firms, Volat Cargo and Sozh Lumber, off its "
        "sanctions list on Wednesday after losing a court case."
    )
    assert found(extractor, text, "sanctions_eased") == [  # "struck off": one per name
        ("European Union", "Sozh Lumber"),  # "the bloc" is the European Union
        ("European Union", "Volat Cargo"),
    ]
    text = (
        "The European Union removed two Belarusian firms, Volat Cargo and Sozh Lumber, from "
        "its sanctions list on Wednesday after losing a court case."
    )
    assert found(extractor, text, "sanctions_eased") == [
        ("European Union", "Sozh Lumber"),
        ("European Union", "Volat Cargo"),
    ]


def test_eased_takes_no_description_as_target(extractor: Extractor) -> None:
    text = "Washington on Friday lifted some curbs on the island, the department said."
    assert found(extractor, text, "sanctions_eased") == [("United States", None)]


def test_participle_description_is_no_event(extractor: Extractor) -> None:
    text = "The two leaders talked about the curbs imposed on the Belarusian economy."
    assert found(extractor, text, "sanctions_imposed") == []


def test_dated_participle_is_an_event(extractor: Extractor) -> None:
    text = "The measures, first imposed on Belarus in October 2020, still hold."
    events = [e for e in extractor.extract(text, "2025-10-15").events]
    assert [(e.type, e.target, e.date_min) for e in events] == [
        ("sanctions_imposed", "Belarus", "2020-10-01")
    ]


def test_lexicon_needs_every_list() -> None:
    lex = load_sanctions()
    assert "on" in lex.party_preps and "assets" in lex.holding_nouns
    with pytest.raises(LexiconError, match="sanctions.yaml"):
        SanctionsLexicon.from_data({name: 1 for name in SanctionsLexicon.__dataclass_fields__})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Late on Friday the American side announced the lifting of sanctions on Belshina.",
            [("United States", "Belshina", "asserted")],
        ),
        (
            "Each round of talks has been followed by some easing of American curbs.",
            [],  # no single happening: the easing noun needs an act that makes it one
        ),
        (
            "The deal brought a pledge of British sanctions relief for the fertiliser trade.",
            [("United Kingdom", "potash", "asserted")],
        ),
        (
            "Washington lifted curbs on Venezuela's oil and gas sectors on Tuesday.",
            [("United States", "gas", "asserted"), ("United States", "oil", "asserted")],
        ),
        (
            "The Treasury issued a licence authorising dealings with the state miner Kalibrom.",
            [("United States", "Kalibrom", "asserted")],
        ),
        (
            "Brussels said it was prepared to ease its measures if Minsk freed every prisoner.",
            [("European Union", "Belarus", "proposed")],
        ),
    ],
)
def test_relief_told_in_many_ways(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    events = extractor.extract(text, "2025-10-15").events
    got = sorted((e.actor, e.target, e.modality) for e in events if e.type == "sanctions_eased")
    assert got == expected


def test_a_leader_prepared_to_release_is_no_offer(extractor: Extractor) -> None:
    text = "The ruler was prepared to release a tenth of the 900 inmates."
    assert [e for e in extractor.extract(text, "2025-10-15").events if e.type == "release"] == []


def test_suspending_operations_is_no_relief(extractor: Extractor) -> None:
    text = "The consulate in Hrodna suspended operations on Monday."
    assert found(extractor, text, "sanctions_eased") == []


def test_relief_dated_by_the_when_clause(extractor: Extractor) -> None:
    text = "The thaw started in June, when Washington first eased curbs on the state airline."
    events = extractor.extract(text, "2025-10-15").events
    dates = sorted((e.date_min, e.date_max) for e in events if e.type == "sanctions_eased")
    assert ("2025-06-01", "2025-06-30") in dates


def test_a_list_of_prisoners_is_no_sanctions_list(extractor: Extractor) -> None:
    text = "Names are added to the register only after a family confirms the arrest."
    assert found(extractor, text, "sanctions_imposed") == []
    text = "Names were added to the list of political prisoners on Monday."
    assert found(extractor, text, "sanctions_imposed") == []


def test_under_sanctions_since_dates_the_designation(extractor: Extractor) -> None:
    text = "The nitrogen plant Grodno Azot has been under EU sanctions since June 2022."
    events = [e for e in extractor.extract(text, "2025-10-15").events]
    assert [(e.type, e.actor, e.target, e.date_min, e.date_max) for e in events] == [
        ("sanctions_imposed", "European Union", "Grodno Azot", "2022-06-01", "2022-06-30")
    ]


def test_a_state_under_sanctions_is_no_event(extractor: Extractor) -> None:
    text = "Fertiliser, a trade still under sanctions, could earn Minsk billions."
    assert found(extractor, text, "sanctions_imposed") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Further curbs will be eased if the dialogue goes well.", []),
        (
            "Brussels will ease curbs on Belshina if Minsk frees the remaining inmates.",
            [("European Union", "Belshina", "proposed")],
        ),
    ],
)
def test_conditioned_relief_needs_a_named_party(
    extractor: Extractor, text: str, expected: list[tuple]
) -> None:
    events = extractor.extract(text, "2025-10-15").events
    got = sorted((e.actor, e.target, e.modality) for e in events if e.type == "sanctions_eased")
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "Each pardon now earns Minsk some form of relief.",
        "Donors should tie any further relief to an end of the raids.",
        "The inmates would walk free in exchange for economic relief, the adviser said.",
    ],
)
def test_unspecific_relief_is_no_event(extractor: Extractor, text: str) -> None:
    assert found(extractor, text, "sanctions_eased") == []


def test_specific_relief_is_an_event(extractor: Extractor) -> None:
    text = "On Monday the Treasury granted relief to the potash trader Agrorozkvit."
    assert found(extractor, text, "sanctions_eased") == [("United States", "Agrorozkvit")]


def test_an_addition_to_a_list_has_no_relief_instrument(extractor: Extractor) -> None:
    text = "Canada on Monday added 14 Belarusian prosecutors to its sanctions list."
    [event] = [e for e in extractor.extract(text, "2025-09-12").events]
    assert (event.type, event.instrument) == ("sanctions_imposed", None)


def test_a_hyphenated_party_is_written_as_it_stands(extractor: Extractor) -> None:
    text = "Washington sanctioned a state-run tractor plant on Friday."
    [event] = extractor.extract(text, "2025-09-12").events
    assert event.target == "state-run tractor plant"

