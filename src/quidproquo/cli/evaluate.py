"""`qpq evaluate`: score the extractor (or a predictions file) against a gold file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from quidproquo.cli import main
from quidproquo.cli.common import echo_json, echo_table, json_option, progress_bar
from quidproquo.evaluate import (
    PRF,
    GoldDoc,
    GoldFormatError,
    Scores,
    load_gold,
    load_predictions,
    score,
)


def _extract_all(docs: list[GoldDoc], learned: bool = False) -> dict[str, dict[str, Any]]:
    """Run the extractor on every gold text, with `published` as the date anchor."""
    try:
        from quidproquo.extract import Extractor, extract
    except ImportError as exc:
        raise click.ClickException(
            f"the extractor is not available ({exc}); pass --predictions PRED.jsonl"
        ) from exc
    run = Extractor(learned=True).extract if learned else extract
    return {
        doc.id: run(doc.text, doc.published).to_prediction(doc.id)
        for doc in progress_bar(docs, "evaluate")
    }


def _row(label: str, prf: PRF) -> dict[str, Any]:
    return {
        "scope": label,
        "gold": prf.tp + prf.fn,
        "predicted": prf.tp + prf.fp,
        "matched": prf.tp,
        "precision": f"{prf.precision:.3f}",
        "recall": f"{prf.recall:.3f}",
        "f1": f"{prf.f1:.3f}",
    }


def _print_table(scores: Scores, by_type: bool) -> None:
    rows = [_row("events", scores.events)]
    if by_type:
        rows += [_row(f"  {kind}", prf) for kind, prf in sorted(scores.by_type.items())]
    rows.append(_row("quotes", scores.quotes))
    echo_table(rows, ["scope", "gold", "predicted", "matched", "precision", "recall", "f1"])
    click.echo(
        f"\nattribution accuracy: {scores.attribution_accuracy:.3f} "
        f"({scores.attributed}/{scores.quotes.tp} matched quotes), "
        f"{scores.documents} documents"
    )


def _print_errors(scores: Scores, limit: int) -> None:
    shown = scores.errors[:limit]
    click.echo(f"\nerrors: {len(scores.errors)} (showing {len(shown)})")
    for error in shown:
        record = {k: v for k, v in error.record.items() if k != "evidence" and v not in (None, [])}
        click.echo(f"\n[{error.doc_id}] {error.kind} {error.category}: {record}")
        if error.note:
            click.echo(f"  why: {error.note}")
        if error.evidence:
            click.echo(f"  evidence: {error.evidence}")


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--predictions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Score this JSONL file ({id, events, quotes} per line) instead of running the extractor.",
)
@json_option
@click.option("--by-type", is_flag=True, help="Add one row per event type.")
@click.option(
    "--show-errors",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="List the first N false positives, false negatives and misattributions.",
)
@click.option("--learned", is_flag=True, help="Run the extractor with its trained filter.")
def evaluate(
    gold: Path,
    predictions: Path | None,
    as_json: bool,
    by_type: bool,
    show_errors: int,
    learned: bool,
) -> None:
    """Score extracted events and quotes against GOLD (FORMAT.md JSON Lines)."""
    try:
        docs = load_gold(gold)
        predicted = load_predictions(predictions) if predictions else _extract_all(docs, learned)
    except GoldFormatError as exc:
        raise click.ClickException(str(exc)) from exc
    unknown = sorted(set(predicted) - {d.id for d in docs})
    if unknown:
        click.echo(f"warning: {len(unknown)} predicted ids not in {gold}: {unknown[:5]}", err=True)
    scores = score(docs, predicted)
    if as_json:
        data = scores.to_dict()
        if show_errors:
            data["errors"] = [e.to_dict() for e in scores.errors[:show_errors]]
        echo_json(data)
        return
    _print_table(scores, by_type)
    if show_errors:
        _print_errors(scores, show_errors)
