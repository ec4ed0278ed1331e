"""Speakers named by a surname alone that the tagger leaves unnamed (issue 12): a feminine
surname ending marks a person, so a later "she said" finds her.

Every sentence here is written for these tests, worded unlike the gold sets.
"""

import pytest

from quidproquo.extract import Extractor


def speakers(extractor: Extractor, text: str) -> list[str | None]:
    return [q.speaker for q in extractor.extract(text, "2025-10-02").quotes]


def test_she_takes_up_a_surname_the_tagger_missed(extractor: Extractor) -> None:
    text = (
        "Lukashenko met the US envoy on Friday. Tsikhanouskaya, speaking in Vilnius, welcomed "
        'the releases. "This is not the end," she said.'
    )
    assert speakers(extractor, text) == ["Tsikhanouskaya"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a country is no person, whatever its ending
        ('"The border stays open," Latvia said on Friday.', "Latvia"),
        # a man named before keeps "he"
        (
            'Pavel Sapelka of Viasna spoke after Kalesnikava was freed. "We keep finding new '
            'names," he said.',
            "Pavel Sapelka",
        ),
    ],
)
def test_speakers_the_ending_does_not_change(
    extractor: Extractor, text: str, speaker: str
) -> None:
    assert speakers(extractor, text) == [speaker]
