"""`qpq ledger` (releases with their visits and concessions) and `qpq report` (static HTML)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import click

from quidproquo.cli import main
from quidproquo.cli.common import db_option, echo_json, echo_table, project
from quidproquo.ledger.links import ClaimValue, Ledger, LedgerRow, Link, build_ledger
from quidproquo.ledger.report import qualified, write_report
from quidproquo.ledger.stats import chance_tests

TABLE_COLUMNS = ["date", "count", "persons", "destination", "visits", "concessions"]
CSV_COLUMNS = [
    "date",
    "release_id",
    "count",
    "count_claims",
    "persons",
    "destination",
    "visits",
    "concessions",
    "denials",
    "sources",
]

window_option = click.option(
    "--window",
    "window_days",
    type=click.IntRange(min=0),
    default=14,
    show_default=True,
    metavar="DAYS",
    help="Link visits and concessions within this many days of a release.",
)
accepted_option = click.option(
    "--accepted-only", is_flag=True, help="Use reviewed (accepted or corrected) facts only."
)


@main.command("ledger")
@window_option
@accepted_option
@click.option("--json", "fmt", flag_value="json", help="Print JSON (rows and the chance test).")
@click.option("--csv", "fmt", flag_value="csv", help="Print CSV, one row per release.")
@db_option
@click.pass_context
def ledger_command(
    ctx: click.Context, window_days: int, accepted_only: bool, fmt: str | None
) -> None:
    """Each release with the visits and concessions linked to it (window or sources)."""
    try:
        ledger = build_ledger(project(ctx).store, window_days, accepted_only)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    tests = chance_tests(ledger)
    if fmt == "json":
        echo_json(ledger.to_dict() | {"tests": tests.to_dict() if tests else None})
    elif fmt == "csv":
        click.echo(ledger_csv(ledger), nl=False)
    else:
        echo_table(table_rows(ledger), TABLE_COLUMNS)
        click.echo("")
        if tests is None:
            click.echo("No dated release: nothing to test.")
            return
        click.echo(tests.releases.sentence)
        if tests.prisoners is not None:
            click.echo(tests.prisoners.sentence)


@main.command("report")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Directory to write index.html into (created if missing).",
)
@window_option
@accepted_option
@db_option
@click.pass_context
def report_command(
    ctx: click.Context, out_dir: Path, window_days: int, accepted_only: bool
) -> None:
    """Write a self-contained HTML report (charts, ledger, terms, statistics) and print its path."""
    try:
        path = write_report(project(ctx).store, out_dir, window_days, accepted_only)
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(str(path))


def claims_text(claims: list[ClaimValue], consensus: int | None) -> str:
    """'123 (×11)' or, when sources disagree, '14 [14×5 / 16×1]'."""
    head = "?" if consensus is None else f"{consensus}"
    if not claims:
        return head
    if len(claims) == 1:
        return f"{head} (×{claims[0].n_sources})"
    values = " / ".join(f"{qualified(c.value, c.qualifier)}×{c.n_sources}" for c in claims)
    return f"{head} [{values}]"


def link_text(link: Link, what: str) -> str:
    offset = "" if link.offset_days is None else f"{link.offset_days:+d}d "
    return f"{link.incident.date_label} {what} ({offset}{'+'.join(link.basis)})"


def visit_text(link: Link) -> str:
    return link_text(link, link.incident.actor or "visit")


def concession_text(link: Link) -> str:
    incident = link.incident
    label = incident.instrument_label or incident.instrument or "relief"
    return link_text(link, f"{label} → {incident.target or 'target not stated'}")


def short_list(names: list[str], keep: int = 2) -> str:
    extra = len(names) - keep
    return ", ".join(names[:keep]) + (f" +{extra} more" if extra > 0 else "")


def table_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """One line per release, and continuation lines when it has several visits or concessions."""
    lines: list[dict[str, Any]] = []
    for row in ledger.rows:
        rel = row.release
        visits = [visit_text(v) for v in row.visits]
        concessions = [concession_text(c) for c in row.concessions]
        for n in range(max(1, len(visits), len(concessions))):
            first = n == 0
            lines.append(
                {
                    "date": rel.date_label if first else "",
                    "count": claims_text(rel.count_claims, rel.count) if first else "",
                    "persons": short_list(rel.persons) if first else "",
                    "destination": (rel.destination or "") if first else "",
                    "visits": visits[n] if n < len(visits) else "",
                    "concessions": concessions[n] if n < len(concessions) else "",
                }
            )
    return lines


def csv_row(row: LedgerRow) -> dict[str, Any]:
    rel = row.release
    return {
        "date": rel.date_label,
        "release_id": rel.id,
        "count": rel.count,
        "count_claims": claims_text(rel.count_claims, rel.count),
        "persons": "; ".join(rel.persons),
        "destination": rel.destination or "",
        "visits": " | ".join(visit_text(v) for v in row.visits),
        "concessions": " | ".join(concession_text(c) for c in row.concessions),
        "denials": " | ".join(f"{d.incident.id}" for d in row.denials),
        "sources": " ".join(rel.sources),
    }


def ledger_csv(ledger: Ledger) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in ledger.rows:
        writer.writerow(csv_row(row))
    return buffer.getvalue()
