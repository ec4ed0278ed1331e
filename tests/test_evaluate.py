"""The FORMAT.md scorer: event and quote matching, figures, loading and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quidproquo.cli import main
from quidproquo.evaluate import (
    GoldDoc,
    GoldFormatError,
    event_mismatches,
    load_gold,
    quote_coverage,
    score,
)

EVAL_DIR = Path("/work/shared/eval")


def release(**fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "release",
        "date_min": "2025-09-11",
        "date_max": "2025-09-11",
        "count": None,
        "count_qualifier": None,
        "actor": None,
        "target": None,
        "persons": [],
        "destination": None,
        "modality": "asserted",
        "evidence": "",
    }
    event.update(fields)
    return event


def doc(events: list[dict[str, Any]], quotes: list[dict[str, Any]] | None = None) -> GoldDoc:
    return GoldDoc(id="d1", text="", published="2025-09-12", events=events, quotes=quotes or [])


# -- event matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_min", "date_max", "matches"),
    [
        ("2025-09-11", "2025-09-11", True),
        ("2025-09-10", "2025-09-10", True),  # one day early: inside the slack
        ("2025-09-12", "2025-09-12", True),  # one day late: inside the slack
        ("2025-09-09", "2025-09-09", False),  # two days early
        ("2025-09-13", "2025-09-13", False),
        ("2025-09-10", "2025-09-12", True),  # the whole tolerated interval
        ("2025-09-01", "2025-09-30", False),  # vaguer than the gold allows
        (None, None, False),  # undated prediction, dated gold
        ("2025-09-11T10:00:00", None, True),  # date-time and one-sided interval
    ],
)
def test_date_tolerance(date_min: str | None, date_max: str | None, matches: bool) -> None:
    gold = release()
    pred = release(date_min=date_min, date_max=date_max)
    assert (event_mismatches(gold, pred) == []) is matches


def test_undated_gold_accepts_any_date() -> None:
    assert event_mismatches(release(date_min=None, date_max=None), release()) == []


def test_only_filled_gold_fields_are_scored() -> None:
    gold = release(count=52, count_qualifier="exact", modality="asserted")
    assert event_mismatches(gold, release(count=52, actor="Belarus", modality="hedged")) == []
    assert event_mismatches(gold, release(count=52, count_qualifier="about")) == []
    assert event_mismatches(gold, release(count=51)) == ["count 51 != 52"]
    assert event_mismatches(gold, release(type="deportation", count=52)) != []


def test_names_fold_surnames_and_transliterations() -> None:
    gold = release(
        actor="Alexander Lukashenko",
        persons=["Mikola Statkevich", "Ales Bialiatski"],
        destination="Lithuania",
    )
    pred = release(
        actor="Lukashenka", persons=["Byalyatski", "Statkevich", "Losik"], destination="Vilnius"
    )
    assert event_mismatches(gold, pred) == []
    assert event_mismatches(gold, release(actor="Lukashenko", persons=["Statkevich"])) != []
    assert event_mismatches(release(actor="Belarus"), release(actor=None)) != []


def test_persons_need_distinct_matches() -> None:
    gold = release(persons=["Ihar Losik", "Ihar Karnei"])
    assert event_mismatches(gold, release(persons=["Ihar Losik"])) != []
    assert event_mismatches(gold, release(persons=["Karnei", "Losik"])) == []


def test_matching_is_one_to_one_and_maximal() -> None:
    # Gold B (actor only) accepts both predictions and ties on them, so it tries the
    # first; gold A (count 52) accepts only the first. Keeping B on the first would
    # lose a match: the matching must move B to the second prediction.
    gold_a = release(count=52)
    gold_b = release(actor="Belarus")
    preds = [release(count=52, actor="Belarus"), release(count=7, actor="Minsk")]
    scores = score([doc([gold_b, gold_a])], {"d1": {"events": preds}})
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (2, 0, 0)


def test_duplicate_prediction_counts_once() -> None:
    gold = release(count=52)
    scores = score([doc([gold])], {"d1": {"events": [release(count=52), release(count=52)]}})
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (1, 1, 0)
    assert scores.events.precision == 0.5
    assert scores.events.recall == 1.0
    assert scores.events.f1 == pytest.approx(2 / 3)


def test_per_type_figures() -> None:
    visit = release(type="visit", actor="John Coale", target="Minsk")
    gold = doc([release(count=52), visit])
    preds = {"events": [release(count=52), release(type="visit", actor="Keith Kellogg")]}
    scores = score([gold], {"d1": preds})
    assert scores.by_type["release"].f1 == 1.0
    assert (scores.by_type["visit"].tp, scores.by_type["visit"].fp) == (0, 1)
    assert scores.by_type["visit"].fn == 1
    kinds = sorted((e.kind, e.category) for e in scores.errors)
    assert kinds == [("false_negative", "event"), ("false_positive", "event")]
    assert "actor" in scores.errors[0].note


def test_missing_prediction_is_all_false_negatives() -> None:
    scores = score([doc([release()], [{"speaker": "Belta", "text": "readiness"}])], {})
    assert (scores.events.fn, scores.quotes.fn) == (1, 1)
    assert scores.events.f1 == 0.0


# -- quotes --------------------------------------------------------------------------------


def test_quote_coverage_threshold_at_80_percent() -> None:
    gold = "abcdefghij"  # 10 characters
    assert quote_coverage(gold, "abcdefgh") == pytest.approx(0.8)  # 8/10: matches
    assert quote_coverage(gold, "abcdefg") == pytest.approx(0.7)
    assert quote_coverage(gold, "abcdefghXY") == pytest.approx(0.8)
    assert quote_coverage(gold, "abcdeXghij") == pytest.approx(0.5)


def test_quote_normalisation_folds_ends_and_marks() -> None:
    gold = "This decision was taken in the interest of the country’s stability."
    pred = "\"this decision was taken in the interest of   the country's stability"
    assert quote_coverage(gold, pred) == 1.0


def test_quote_scores_and_attribution() -> None:
    quotes = [
        {"speaker": "Alexander Lukashenko", "text": "everyone deserves a second chance."},
        {"speaker": "Belta", "text": "readiness for dialogue."},
        {"speaker": "Natalya Eismont", "text": "for help for them and for wounded Russians."},
    ]
    preds = [
        {"speaker": "Lukashenko", "text": "everyone deserves a second chance"},
        {"speaker": "Lukashenko", "text": "readiness for dialogue"},  # wrong speaker
        {"speaker": "Eismont", "text": "for help for them"},  # too short: 17/43
        {"speaker": "Belta", "text": "extremism"},
    ]
    scores = score([doc([], quotes)], {"d1": {"quotes": preds}})
    assert (scores.quotes.tp, scores.quotes.fp, scores.quotes.fn) == (2, 2, 1)
    assert scores.attributed == 1
    assert scores.attribution_accuracy == 0.5
    assert {e.kind for e in scores.errors} == {"false_positive", "false_negative", "misattributed"}


# -- gold against itself, loading, CLI -----------------------------------------------------


@pytest.mark.parametrize("name", ["seed.gold.jsonl", "dev.gold.jsonl"])
def test_gold_scored_against_itself_is_perfect(name: str) -> None:
    docs = load_gold(EVAL_DIR / name)
    scores = score(docs, {d.id: {"events": d.events, "quotes": d.quotes} for d in docs})
    figures = scores.to_dict()
    assert figures["events"]["f1"] == 1.0
    assert figures["quotes"]["f1"] == 1.0
    assert figures["attribution"]["accuracy"] == 1.0
    assert all(prf["f1"] == 1.0 for prf in figures["by_type"].values())
    assert scores.errors == []


def test_load_gold_accepts_null_published(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    line = {"id": "a", "published": None, "text": "t", "events": [release()], "quotes": []}
    path.write_text(json.dumps(line) + "\n\n", encoding="utf-8")
    [loaded] = load_gold(path)
    assert loaded.published is None
    assert loaded.events[0]["type"] == "release"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"g\.jsonl:2: invalid JSON"),
        ('{"id": "b", "text": "t", "events": []}', r"g\.jsonl:2: missing field 'quotes'"),
        (
            '{"id": "b", "text": "t", "events": [{"type": "party"}], "quotes": []}',
            r"g\.jsonl:2: events\[0\]: unknown event type 'party'",
        ),
        (
            '{"id": "b", "text": "t", "events": [{"type": "visit", "date_min": "May"}],'
            ' "quotes": []}',
            r"g\.jsonl:2: events\[0\]: not an ISO date",
        ),
    ],
)
def test_load_gold_errors_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "g.jsonl"
    good = json.dumps({"id": "a", "text": "t", "events": [], "quotes": []})
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message):
        load_gold(path)


def test_cli_scores_a_predictions_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "a", "text": "t", "events": [release(count=3)], "quotes": []}) + "\n",
        encoding="utf-8",
    )
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a", "events": [release(count=4)]}) + "\n", "utf-8")
    runner = CliRunner()
    result = runner.invoke(
        main, ["evaluate", str(gold), "--predictions", str(pred), "--json", "--show-errors", "5"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["events"]["fp"] == 1 and data["events"]["fn"] == 1
    assert {e["kind"] for e in data["errors"]} == {"false_positive", "false_negative"}
    table = runner.invoke(main, ["evaluate", str(gold), "--predictions", str(pred), "--by-type"])
    assert table.exit_code == 0
    assert "release" in table.output and "attribution accuracy" in table.output


def test_cli_reports_bad_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("[1, 2]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--predictions", str(gold)])
    assert result.exit_code != 0
    assert "gold.jsonl:1: expected a JSON object" in result.output
