"""The whole cascade on short original texts."""

import pytest

from quidproquo.extract import Extractor, parse_published


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def by_type(extraction, kind: str):
    return [e for e in extraction.events if e.type == kind]


TEXT = (
    "GRODNO, Mar 6 (Sample Wire) - Belarus released 14 prisoners on Thursday and deported "
    "most of them to Poland, a day after U.S. envoy Mark Pellow met Alexander Lukashenko in Minsk. "
    "The United States eased sanctions on Belavia the same day. "
    "The blogger Pavel Ruts was not among those freed. "
    "Those freed were driven to the border."
)


def test_events_with_dates_and_fields(extractor: Extractor) -> None:
    result = extractor.extract(TEXT, "2025-03-06")
    (release,) = by_type(result, "release")
    assert (release.count, release.actor, release.date_min) == (14, "Belarus", "2025-03-06")
    (deport,) = by_type(result, "deportation")
    assert deport.destination == "Poland"
    (visit,) = by_type(result, "visit")
    assert (visit.actor, visit.target) == ("Mark Pellow", "Minsk")
    (eased,) = by_type(result, "sanctions_eased")
    assert (eased.actor, eased.target, eased.date_min) == ("United States", "Belavia", "2025-03-06")


def test_evidence_offsets_point_into_the_text(extractor: Extractor) -> None:
    for event in extractor.extract(TEXT, "2025-03-06").events:
        assert TEXT[event.sentence_start : event.sentence_end] == event.evidence


def test_negated_and_back_reference_sentences_give_nothing(extractor: Extractor) -> None:
    result = extractor.extract(TEXT, "2025-03-06")
    texts = {e.evidence for e in result.events}
    assert not any("not among" in t or t.startswith("Those freed") for t in texts)


def test_relative_date_needs_published(extractor: Extractor) -> None:
    text = "Belarus pardoned 20 people last month."
    (dated,) = extractor.extract(text, "2025-08-12").events
    assert (dated.date_min, dated.date_max) == ("2025-07-01", "2025-07-31")
    (undated,) = extractor.extract(text, None).events
    assert undated.date_min is None


def test_off_topic_text_yields_no_event(extractor: Extractor) -> None:
    text = "The city council approved a new budget for parks. Rain is expected on Sunday."
    assert extractor.extract(text, "2025-05-01").events == []


def test_caption_lines_yield_no_event(extractor: Extractor) -> None:
    text = "Opposition leader Ivan Petrov.Photo: Sample Agency\nNothing else happened."
    assert extractor.extract(text, "2025-05-01").events == []


def test_bad_published_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="published"):
        parse_published("yesterday")
