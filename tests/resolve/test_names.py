"""Name folding, transliteration skeletons and name matching."""

from __future__ import annotations

import itertools

import pytest

from quidproquo.resolve.names import (
    AliasTable,
    default_table,
    fold,
    looks_like_person,
    name_key,
    names_match,
    skeleton,
    timeline_entity_groups,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Łukaszenka", "lukaszenka"),
        ("Klaipėda", "klaipeda"),
        ("President Alexander Lukashenko", "alexander lukashenko"),
        ("Mr. Smith", "smith"),
        ("Dr Eismont", "eismont"),
        ("U.S.", "us"),
        ("Lukashenko's", "lukashenko"),
        ("Lukashenko’s press secretary", "lukashenko press secretary"),
        ("Statkievič", "statkievich"),
        ("Henryk Okołotowicz", "henryk okolotowicz"),
        ("the European Union", "european union"),
        ("RFE/RL", "rfe rl"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    "spellings",
    [
        ["Lukashenko", "Lukashenka", "Łukaszenka", "Lukaschenko"],
        ["Bialiatski", "Byalyatski", "Bialacki", "Białacki"],
        ["Kalesnikava", "Kolesnikova"],
        ["Tsikhanouski", "Tikhanovsky", "Tsikhanovsky"],
        ["Statkevich", "Statkiewicz", "Statkievič"],
        ["Natalya", "Natalia"],
        ["Maushuk", "Movshuk"],
        ["Juchniewicz", "Yukhnevich"],
        ["Babaryka", "Babariko"],
    ],
)
def test_skeleton_folds_transliterations(spellings: list[str]) -> None:
    assert len({skeleton(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Statkevich", "Losik"),
        ("Kolesnikova", "Babaryka"),
        ("Statkevich", "Kolesnikova"),
        ("Coale", "Kellogg"),
        ("Belavia", "Belarus"),
        ("Belaruskali", "Belarus"),
        ("Tsikhanouski", "Tsikhanouskaya"),
        ("Poland", "Polish"),
        ("Minsk", "Vilnius"),
    ],
)
def test_skeleton_keeps_different_words_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_timeline_people_keep_distinct_surnames() -> None:
    """No two people of the bundled timeline share a surname skeleton by accident."""
    surnames = {}
    for group in timeline_entity_groups():
        words = group[0].split()
        if len(words) >= 2 and all(w[0].isupper() for w in words):
            surnames[group[0]] = skeleton(words[-1])
    clashes = [
        (a, b)
        for a, b in itertools.combinations(surnames, 2)
        if surnames[a] == surnames[b] and not names_match(a, b)
    ]
    # Tsikhanouskaya's office legitimately shares her surname; nothing else may clash.
    assert all("Office" in a or "Office" in b for a, b in clashes), clashes


POSITIVE = [
    ("Lukashenko", "Alexander Lukashenko"),
    ("Aleksander Łukaszenka", "Alyaksandr Lukashenka"),
    ("President Alexander Lukashenko", "Aleksandr Lukashenko"),
    ("Ales Bialiatski", "Aliaksandr Byalyatski"),
    ("Ales Byalyatski", "Ales Bialiatski"),
    ("Maria Kalesnikava", "Maria Kolesnikova"),
    ("Maryia Kalesnikava", "Kolesnikova"),
    ("Sergei Tikhanovsky", "Siarhei Tsikhanouski"),
    ("Mikola Statkevich", "Mikalai Statkevich"),
    ("John Cole", "John Coale"),
    ("Coale", "John Coale"),
    ("Christopher W. Smith", "Chris Smith"),
    ("Christopher Smith", "C. Smith"),
    ("Natalya Eismont", "Natalia Eismont"),
    ("Eismont", "Natalya Eismont"),
    ("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya"),
    ("Ihar Losik", "Igor Losik"),
    ("Washington", "United States"),
    ("U.S.", "United States"),
    ("USA", "America"),
    ("the United States", "US"),
    ("Brussels", "European Union"),
    ("EU", "European Union"),
    ("Belta", "BelTA"),
    ("Minsk", "Belarus"),
    ("Viasna", "Viasna Human Rights Centre"),
    ("Ukrainian military intelligence", "Ukraine's military intelligence"),
    ("Gitanas Nausėda", "Nauseda"),
    ("Katsiaryna Andreyeva", "Katsiaryna Bakhvalava"),
    ("Belarusian Potash Company", "BPC"),
    ("presidential press service", "the presidential press service"),
    ("Belarusian state television", "Belarusian state television broadcaster"),
    ("Open Doors", "the Open Doors campaign"),
]

NEGATIVE = [
    ("Mikola Statkevich", "Ihar Losik"),
    ("Statkevich", "Losik"),
    ("Maria Kolesnikova", "Viktar Babaryka"),
    ("John Coale", "Keith Kellogg"),
    ("Belavia", "Belarus"),
    ("Belaruskali", "Belarusian Potash Company"),
    ("Belarus", "Development Bank of Belarus"),
    ("Company", "Belarusian Potash Company"),
    ("Siarhei Tsikhanouski", "Sviatlana Tsikhanouskaya"),
    ("Keith Smith", "Chris Smith"),
    ("Mikola Statkevich", "Mikola Dziadok"),
    ("United States", "European Union"),
    ("Ukraine", "Belarus"),
    ("Lithuania", "Latvia"),
    ("Belta", "Belavia"),
    ("Viasna", "Belarusian state television"),
    ("", "Lukashenko"),
    ("Lukashenko", ""),
    ("Open Doors", "Doors campaign"),
    ("state television", "Belarusian state television"),
]


@pytest.mark.parametrize(("a", "b"), POSITIVE)
def test_names_match_positive(a: str, b: str) -> None:
    assert names_match(a, b)
    assert names_match(b, a)


@pytest.mark.parametrize(("a", "b"), NEGATIVE)
def test_names_match_negative(a: str, b: str) -> None:
    assert not names_match(a, b)
    assert not names_match(b, a)


def test_name_key_groups_aliases_and_spellings() -> None:
    assert name_key("Washington") == name_key("U.S.") == name_key("United States")
    assert name_key("Ales Bialiatski") == name_key("Aliaksandr Byalyatski")
    assert name_key("Belaruskali") != name_key("Belarusian Potash Company")
    assert name_key("Minsk") == name_key("Belarus")


def test_table_accepts_runtime_aliases() -> None:
    table = AliasTable(non_person_words=["of"])
    assert not table.names_match("Jan Kowalski", "Janek Kowalski")
    assert not table.names_match("Acme Holdings", "Acme")
    table.add_given_names(["Jan", "Janek"])
    table.add_names(["Acme Holdings", "Acme"])
    assert table.names_match("Jan Kowalski", "Janek Kowalski")
    assert table.names_match("Acme Holdings", "Acme")
    assert table.name_key("Acme") == table.name_key("Acme Holdings")


def test_default_table_loads_timeline_entities() -> None:
    # "Trump administration" comes only from the timeline's entity list
    assert default_table().names_match("Trump administration", "US government")


def test_bad_alias_data_names_the_source() -> None:
    with pytest.raises(ValueError, match="aliases-test.yaml"):
        AliasTable.from_data({"names": ["not a list"]}, "aliases-test.yaml")


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Natalya Eismont", True),
        ("Eismont", True),
        ("Example Rights Monitor", False),
        ("Development Bank of Belarus", False),
        ("presidential press service", False),
        ("MINSK/VILNIUS", False),
    ],
)
def test_looks_like_person(name: str, person: bool) -> None:
    assert looks_like_person(name) is person
