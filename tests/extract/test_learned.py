"""The learned part (extract/learned/): loading, training end to end, and what it decides.

Every text here is written for this file; none comes from a gold set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from quidproquo.extract import Extractor
from quidproquo.extract.learned import CandidateFilter, ModelFileError, load_filter, train
from quidproquo.extract.learned.logreg import fit
from quidproquo.extract.learned.ranker import Candidate, choose_date


@pytest.fixture(scope="module")
def plain() -> Extractor:
    return Extractor(with_quotes=False, subject_gate=False)


@pytest.fixture(scope="module")
def learned(plain: Extractor) -> Extractor:
    return Extractor(plain.nlp, with_quotes=False, subject_gate=False, learned=True)


# -- loading -------------------------------------------------------------------------------


def test_shipped_model_loads_from_package_data(plain: Extractor) -> None:
    shipped = resources.files("quidproquo.extract.learned").joinpath("model.json")
    assert shipped.is_file()
    data = json.loads(shipped.read_text(encoding="utf-8"))
    assert set(data["trained_on"]) == {"train", "dev", "seed"}  # never dev2, the held-out set
    found = load_filter(plain.lexicon)
    assert len(found.model.weights) > 50 and 0.0 <= found.threshold <= 1.0
    assert found.dates is not None and len(found.dates.weights) > 20


def test_the_option_is_off_by_default(plain: Extractor, learned: Extractor) -> None:
    assert plain.learned is None
    assert isinstance(learned.learned, CandidateFilter)


@pytest.mark.parametrize("content", [None, "{not json", '{"filter": {"bias": 0}}'])
def test_a_bad_model_file_is_named_in_the_error(
    plain: Extractor, tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "model.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelFileError, match=str(path)):
        load_filter(plain.lexicon, path)


# -- the model -----------------------------------------------------------------------------


def test_fit_is_deterministic_and_separates_the_cues() -> None:
    rows = [["good"]] * 8 + [["bad"]] * 8 + [["good", "bad"]] * 4
    labels = [True] * 8 + [False] * 8 + [True, False, True, False]
    first, second = fit(rows, labels), fit(rows, labels)
    assert first == second
    assert first.probability(["good"]) > 0.8 > 0.2 > first.probability(["bad"])
    assert first.probability(["never seen"]) == pytest.approx(first.probability([]))


def test_fit_rejects_rows_and_labels_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="2 feature rows for 1 labels"):
        fit([["a"], ["b"]], [True])


def test_the_date_ranker_moves_only_past_the_margin() -> None:
    model = fit([["rule"], ["mention"]] * 5, [False, True] * 5)
    found = [
        Candidate(("2025-01-01", "2025-01-01"), ["rule"]),
        Candidate(("2025-02-03",) * 2, ["mention"]),
    ]
    assert choose_date(found, model, margin=0.0) == ("2025-02-03", "2025-02-03")
    assert choose_date(found, model, margin=1.0) is None  # 1.0: never move
    assert choose_date(found[:1], model, margin=0.0) is None


# -- training end to end ----------------------------------------------------------------

TINY = [
    (
        "t1",
        "2025-04-02",
        "VITEBSK, 2 April. Belarus released 23 political prisoners on Wednesday.",
        [{"type": "release", "count": 23, "actor": "Belarus", "date_min": "2025-04-02"}],
    ),
    (
        "t2",
        "2025-04-09",
        "Belarus freed 12 prisoners on Tuesday, the opposition said.",
        [{"type": "release", "count": 12, "date_min": "2025-04-08"}],
    ),
    # marked as stating nothing, so the rules' event here is a wrong one to learn from
    ("t3", "2025-05-01", "The regime freed 40 people last year.", []),
    ("t4", "2025-05-02", "Lukashenka released 9 prisoners on Monday.", []),
]


def test_training_on_a_tiny_set_runs_end_to_end(
    plain: Extractor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "tiny.gold.jsonl"
    lines = []
    for doc_id, published, text, events in TINY:
        full = [{**e, "evidence": text, "persons": []} for e in events]
        lines.append(
            json.dumps(
                {"id": doc_id, "published": published, "text": text, "events": full, "quotes": []}
            )
        )
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "model.json"
    train.main([str(gold), "--folds", "2", "--out", str(out), "--heldout", str(gold)])
    printed = capsys.readouterr().out
    assert "4 texts" in printed and "held out tiny.gold.jsonl" in printed
    found = load_filter(plain.lexicon, out)
    assert json.loads(out.read_text())["trained_on"] == ["tiny"]
    assert found.model.weights  # fitted on the rules' events of the tiny set


# -- what it decides ------------------------------------------------------------------------


class Recording(CandidateFilter):
    """The shipped models, noting each call and each event's probability."""

    def __init__(self, shipped: CandidateFilter) -> None:
        super().__init__(
            shipped.model, shipped.threshold, shipped.lexicon, shipped.dates, shipped.margin
        )
        self.calls = 0
        self.seen: list[tuple[str, float]] = []

    def select(self, events, parsed, published):  # type: ignore[no-untyped-def]
        self.calls += 1
        scores = self.probabilities(events, parsed, published)
        self.seen += [(e.type, p) for e, p in zip(events, scores, strict=True)]
        return super().select(events, parsed, published)


@pytest.fixture
def recording(learned: Extractor) -> Iterator[Recording]:
    shipped = learned.learned
    assert shipped is not None
    spy = Recording(shipped)
    learned.learned = spy
    yield spy
    learned.learned = shipped


PLAIN = "GOMEL, 12 May. The authorities freed 26 prisoners on Monday, the rights group said."
# a description the rules still take for an arrest (dated), which the filter drops; with no
# date the rules themselves now drop it (frames: a custody word describing unnamed people)
GROUP = "Most of those who were detained in the sweep in May were pensioners."
QUOTED = '"They freed my uncle, and others are still inside," said Ina Karol.'


def test_a_plainly_stated_release_is_kept(learned: Extractor, recording: Recording) -> None:
    (release,) = learned.extract(PLAIN, "2025-05-12").events
    assert (release.type, release.count, release.date_min) == ("release", 26, "2025-05-12")
    assert recording.seen[0][1] > 0.7


def test_a_description_of_the_detained_is_dropped(
    plain: Extractor, learned: Extractor, recording: Recording
) -> None:
    assert [e.type for e in plain.extract(GROUP, "2025-05-12").events] == ["detention"]
    assert learned.extract(GROUP, "2025-05-12").events == []
    assert recording.seen[0][1] < recording.threshold


def test_a_fieldless_release_in_a_quote_scores_below_a_stated_one(
    learned: Extractor, recording: Recording
) -> None:
    learned.extract(QUOTED, "2025-05-12")
    learned.extract(PLAIN, "2025-05-12")
    (quoted, stated) = recording.seen
    assert quoted[0] == stated[0] == "release" and quoted[1] < stated[1]


def test_it_only_removes_or_redates_what_the_rules_found(
    plain: Extractor, learned: Extractor
) -> None:
    text = (
        "KAUNAS, 5 March. Belarus pardoned 31 prisoners on Tuesday and sent 14 of them to "
        "Lithuania. The court in Brest had jailed the teacher Olga Minich in 2022. "
        "Rights groups say 1,130 political prisoners remain behind bars. "
        "The European Union extended its sanctions on Belarusian potash for a year. " + GROUP
    )
    ruled = plain.extract(text, "2025-03-05").events
    kept = learned.extract(text, "2025-03-05").events
    assert len(kept) < len(ruled)
    for event in kept:
        assert any(
            (e.type, e.count, e.actor, e.persons, e.sentence_start)
            == (event.type, event.count, event.actor, event.persons, event.sentence_start)
            for e in ruled
        )


def test_it_runs_only_on_candidate_sentences(learned: Extractor, recording: Recording) -> None:
    gated = Extractor(learned.nlp, with_quotes=False)
    gated.learned = recording
    gated.extract("The city council approved a budget for road repairs on Monday.", "2025-01-01")
    assert recording.calls == 0  # off the subject: nothing parsed, nothing scored
    gated.extract("Belarus freed 20 prisoners on Monday.", "2025-01-07")
    assert recording.calls == 1
