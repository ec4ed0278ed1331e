"""Counts of people in sentences: values, qualifiers, units, and the numbers that are not counts."""

from __future__ import annotations

import pytest

from quidproquo.extract.counts import (
    CountMention,
    find_counts,
    number_value,
    parse_count,
    sum_parts,
)
from quidproquo.extract.lexicon import LexiconError, load_lexicon


def values(text: str) -> list[tuple[int, str]]:
    return [(m.value, m.qualifier) for m in find_counts(text)]


# (sentence, expected [(value, qualifier)]) — every count the sentence holds, in order.
CASES = [
    ("Minsk freed 17 prisoners on Monday.", [(17, "exact")]),
    ("The court released 1,000 detainees.", [(1000, "exact")]),
    ("Monitors count 1 164 political prisoners.", [(1164, "exact")]),
    ("Monitors count 1\u00a0164 political prisoners.", [(1164, "exact")]),
    ("Monitors count 1.164 political prisoners.", [(1164, "exact")]),
    ("Fifteen inmates walked out of the colony.", [(15, "exact")]),
    ("The decree covered fifty-two people.", [(52, "exact")]),
    ("Officials listed one hundred and twelve names of convicts.", [(112, "exact")]),
    ("Guards let nine women go.", [(9, "exact")]),
    ("A dozen journalists were pardoned.", [(12, "about")]),
    ("More than a dozen activists crossed the border.", [(12, "more_than")]),
    ("Two dozen students were let out.", [(24, "about")]),
    ("Roughly 40 people were freed.", [(40, "about")]),
    ("About 1,400 remain jailed.", [(1400, "about")]),
    ("Nearly 300 inmates were amnestied.", [(300, "about")]),
    ("Around 25 activists were detained.", [(25, "about")]),
    ("Some 60 protesters were released.", [(60, "about")]),
    ("Almost 90 detainees went home.", [(90, "about")]),
    ("Over 1,250 people are still held.", [(1250, "more_than")]),
    ("Upwards of 200 people were expelled.", [(200, "more_than")]),
    ("At least 18 releases were confirmed.", [(18, "at_least")]),
    ("Fewer than 20 prisoners were freed.", [(20, "less_than")]),
    ("Less than 50 convicts applied.", [(50, "less_than")]),
    ("Under 100 people got clemency.", [(100, "less_than")]),
    ("The regime holds 3 million people hostage, critics say.", [(3000000, "exact")]),
    ("Belarus handed over 31 Ukrainians at the border.", [(31, "exact")]),
    # traps: numbers that are not counts
    ("It was 2014. Millions watched.", []),
    ("General License 13 authorises the trade.", []),
    ("Resolution 2231 and Executive Order 14038 were cited.", []),
    ("He was issued Decree No. 5 on the matter.", []),
    ("Only 10 percent of them were freed.", []),
    ("Some 90% of the cases remain open.", []),
    ("Roughly 12 per cent of inmates were freed.", []),
    ("They were detained in 2021 and freed since 2024.", []),
    ("The decree was signed on Dec. 13 and published 13 December.", []),
    ("The deadline is December 2, 2021.", []),
    ("A man aged 70 was freed.", []),
    ("A 70-year-old was among them.", []),
    ("She is serving an eight-year sentence.", []),
    ("He has ruled for 31 years.", []),
    ("He was sentenced to 11 years in a colony.", []),
    ("The bus left at 18:00 from the colony.", []),
    ("The airline needs $1 billion to recover.", []),
    ("It was the 13th pardon decree of the year.", []),
    ("The plane EW-301PJ and the COVID-19 ward were mentioned.", []),
    ("The talks lasted six and a half hours.", []),
    ("Minsk might free several hundred more people.", []),
    ("Dozens of activists were arrested.", []),
    ("Hundreds of people signed the petition.", []),
    ("One of them was a journalist.", []),
    ("One news agency gave a different date.", []),
    ("The trial lasted two days.", []),
    ("The prisoners were freed after a long wait.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_counts_table(text: str, expected: list[tuple[int, str]]) -> None:
    assert values(text) == expected


def test_percentage_next_to_count_keeps_only_the_count() -> None:
    text = "He freed 10 percent of the more than 1,000 prisoners held in his jails."
    found = find_counts(text)
    assert [(m.value, m.qualifier, m.unit) for m in found] == [(1000, "more_than", "prisoners")]
    assert text[found[0].start : found[0].end] == "more than 1,000"


@pytest.mark.parametrize(
    ("text", "unit", "people"),
    [
        ("Officials freed 30 political prisoners.", "prisoners", True),
        ("Guards freed five Belarusians at dawn.", "belarusians", True),
        ("The list included one American.", "american", True),
        ("The group included 31 Ukrainian citizens.", "citizens", True),
        ("The airline may operate eight Boeing aircraft.", "aircraft", False),
        ("Viasna said 40 of those released were activists.", None, False),
        ("Guards freed 123 more on Friday.", None, False),
    ],
)
def test_unit_is_the_head_noun(text: str, unit: str | None, people: bool) -> None:
    (mention,) = find_counts(text)
    assert mention.unit == unit
    assert mention.people is people


def test_other_flag_for_additional_people() -> None:
    (mention,) = find_counts("The blogger walked free along with 51 other prisoners.")
    assert (mention.value, mention.other, mention.unit) == (51, True, "prisoners")
    (others,) = find_counts("Fifteen others were expelled.")
    assert (others.value, others.other, others.unit, others.people) == (15, True, "others", True)


def test_year_before_a_people_noun_is_still_a_year() -> None:
    assert values("In 2021 protesters filled the streets.") == []
    assert values("The 2020 protesters were tried.") == []
    assert values("Monitors count 1164 political prisoners.") == [(1164, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "Guards let 14 inmates go on August 2, 1530.",
        "Guards let 14 inmates go on 2 August 1530.",
        "Guards let 14 inmates go on Aug. 2nd, 1530, a chronicle claims.",
    ],
)
def test_a_four_digit_number_after_a_calendar_day_is_its_year(text: str) -> None:
    assert values(text) == [(14, "exact")]  # however implausible the year, it is no count


def test_a_count_after_a_day_and_month_without_a_year_is_still_a_count() -> None:
    assert values("By March 3 a further 1,200 detainees had been let go.") == [(1200, "exact")]


def test_offsets_are_exact() -> None:
    text = "Reports said nearly fifty-two detainees and at least 7 women were freed."
    spans = [text[m.start : m.end] for m in find_counts(text)]
    assert spans == ["nearly fifty-two", "at least 7"]


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        ("The decree freed 12 women and 19 men.", 31, [12, 19]),
        ("Guards released four Latvians, two Poles and one Swede.", 7, [4, 2, 1]),
        ("Buses took six Ukrainians and 98 Belarusians south.", 104, [6, 98]),
    ],
)
def test_sum_parts_joins_coordinated_people(text: str, total: int, parts: list[int]) -> None:
    joined = sum_parts(find_counts(text), text)
    assert len(joined) == 1
    assert joined[0].value == total
    assert [p.value for p in joined[0].parts] == parts
    assert text[joined[0].start : joined[0].end].endswith(("men", "Swede", "Belarusians"))


def test_sum_parts_keeps_total_and_parts_apart() -> None:
    text = "He pardoned 25 people, 10 women and 15 men, on Friday."
    joined = sum_parts(find_counts(text), text)
    assert [(m.value, len(m.parts)) for m in joined] == [(25, 0), (25, 2)]


def test_sum_parts_does_not_join_across_verbs_or_qualifiers() -> None:
    text = (
        "Officials said 90 were sent to Ukraine and six to Lithuania; "
        "about 50 remain, at least 3 women."
    )
    joined = sum_parts(find_counts(text), text)
    assert all(not m.parts for m in joined)


def test_month_adjacent_day_is_not_merged_into_a_count() -> None:
    assert values("On Dec. 13 123 prisoners were freed.") == [(123, "exact")]


def test_number_word_after_a_sentence_ending_in_a_name() -> None:
    assert values("Most stayed in Belarus. Fifteen others left.") == [(15, "exact")]


def test_name_rule_spares_weekdays_and_headlines() -> None:
    assert values("On Saturday 14 prisoners were freed.") == [(14, "exact")]
    assert values("Belarus Frees 52 Prisoners After Talks") == [(52, "exact")]


@pytest.mark.parametrize("text", ["ten", "eleven prisoners", "3", "20 people", "ninety-nine"])
def test_parse_count_reads_small_spans(text: str) -> None:
    mention = parse_count(text)
    assert isinstance(mention, CountMention)
    assert mention.value == number_value(text.split()[0])


def test_parse_count_none_for_non_counts() -> None:
    assert parse_count("10 percent") is None
    assert parse_count("dozens") is None
    assert parse_count("more than 1,000") == find_counts("more than 1,000")[0]


def test_number_value_without_context() -> None:
    assert [number_value(s) for s in ("a", "one", "six", "twenty-one", "1,500", "1.5", "x")] == [
        1, 1, 6, 21, 1500, None, None,
    ]


@pytest.mark.parametrize("n", range(1, 100))
def test_every_number_word_round_trips(n: int) -> None:
    """Property: the words for 1..99 parse to their value, as a count of people."""
    lex = load_lexicon("counts.yaml")
    words = {v: k for k, v in {**lex["units"], **lex["tens"]}.items()}
    spelled = words[n] if n in words else f"{words[n - n % 10]}-{words[n % 10]}"
    assert values(f"Guards freed {spelled} prisoners.") == [(n, "exact")]
    assert values(f"Guards freed {n:,} prisoners.") == [(n, "exact")]


_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """English words for 1 <= n < 1,000,000, written independently of the lexicon."""
    if n >= 1000:
        head, rest = divmod(n, 1000)
        return f"{spell(head)} thousand" + (f" {spell(rest)}" if rest else "")
    if n >= 100:
        head, rest = divmod(n, 100)
        return f"{_SMALL[head]} hundred" + (f" and {spell(rest)}" if rest else "")
    if n >= 20:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_SMALL[unit]}" if unit else "")
    return _SMALL[n]


_RANDOM_NUMBERS = sorted({(n * 7919 + 13) % 999_983 + 1 for n in range(60)} | {100, 1000, 1100})


@pytest.mark.parametrize("n", _RANDOM_NUMBERS)
def test_written_forms_agree(n: int) -> None:
    """Property: words, comma groups and space groups give the same count."""
    forms = [spell(n), f"{n:,}", f"{n:,}".replace(",", " "), f"{n:,}".replace(",", "\u202f")]
    for form in forms:
        text = f"Officials said {form} prisoners were freed on Friday."
        (mention,) = find_counts(text)
        assert (mention.value, mention.unit) == (n, "prisoners"), form
        assert text[mention.start : mention.end] == form


@pytest.mark.parametrize(
    ("qualifier", "kind"),
    [(q, k) for k, qs in load_lexicon("counts.yaml")["qualifiers"].items() for q in qs],
)
def test_every_qualifier_in_the_lexicon_applies(qualifier: str, kind: str) -> None:
    text = f"Reports said {qualifier} 75 prisoners were freed."
    (mention,) = find_counts(text)
    assert (mention.value, mention.qualifier) == (75, kind)
    assert text[mention.start : mention.end].lower() == f"{qualifier} 75"


def test_phone_numbers_and_codes_are_not_counts() -> None:
    assert values("Call +375 17 000 for the list of detainees.") == []


def test_bad_text_type_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="find_counts expects a str"):
        find_counts(None)  # type: ignore[arg-type]


def test_missing_lexicon_names_the_file() -> None:
    with pytest.raises(LexiconError, match="no-such-lexicon.yaml"):
        load_lexicon("no-such-lexicon.yaml")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Olga Dzemidovich, a mother of two, was given three years.", []),
        ("The father-of-four was taken from his flat at dawn.", []),
        ("A mother of three and 12 other women were pardoned.", [(12, "exact")]),
    ],
)
def test_a_parent_described_by_their_children_is_no_count(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert [(m.value, m.qualifier) for m in find_counts(text)] == expected
