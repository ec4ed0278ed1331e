"""`qpq ledger` (releases with their visits and concessions) and `qpq report` (static HTML)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import click

from quidproquo.cli import main
from quidproquo.cli.common import db_option, echo_json, echo_table, project, steps_bar
from quidproquo.export.csv import write_rows
from quidproquo.export.ledger_rows import (
    CSV_COLUMNS,
    concession_text,
    count_text,
    csv_row,
    visit_text,
)
from quidproquo.ledger.links import Ledger, build_ledger
from quidproquo.ledger.report import REPORT_STEPS, write_report
from quidproquo.ledger.stats import (
    CHANCE_STEPS,
    DEFAULT_PERIOD,
    EARLIEST_YEAR,
    PERIOD_RULES,
    LedgerTests,
    chance_tests,
    period_rule,
)
from quidproquo.ledger.stored import tested_facts
from quidproquo.ledger.terms import terms_of_trade
from quidproquo.resolve.shown import reviewer_text
from quidproquo.store import Store

TABLE_COLUMNS = ["date", "count", "persons", "destination", "visits", "concessions"]

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
period_option = click.option(
    "--period",
    default=DEFAULT_PERIOD,
    show_default=True,
    metavar="RULE|DATE",
    callback=lambda _ctx, _param, value: period_rule(value),
    help=f"Chance test period: {', '.join(PERIOD_RULES)}, or a start date YYYY-MM-DD.",
)
earliest_option = click.option(
    "--earliest-year",
    type=click.IntRange(min=1, max=date.today().year),
    default=EARLIEST_YEAR,
    show_default=True,
    help="Chance test: leave out (and list) dates before this year.",
)


@main.command("ledger")
@window_option
@accepted_option
@period_option
@earliest_option
@click.option("--json", "fmt", flag_value="json", help="Print JSON (rows and the chance test).")
@click.option("--csv", "fmt", flag_value="csv", help="Print CSV, one row per release.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="At most this many releases (the chance test still covers them all; the terms of"
    " trade, which sum the whole ledger, are left out).",
)
@click.option("--after", metavar="ID", help="With --limit: the releases after this one.")
@db_option
@click.pass_context
def ledger_command(
    ctx: click.Context,
    window_days: int,
    accepted_only: bool,
    period: str,
    earliest_year: int,
    fmt: str | None,
    limit: int | None,
    after: str | None,
) -> None:
    """Each release with the visits and concessions linked to it (window or sources)."""
    store = project(ctx).store
    if after and limit is None:
        raise click.UsageError("--after needs --limit")
    try:
        with steps_bar("ledger", 1 + CHANCE_STEPS) as step:
            step("ledger")
            ledger = build_ledger(store, window_days, accepted_only, after=after, limit=limit)
            facts = ledger if limit is None else tested_facts(store, window_days, accepted_only)
            tests = chance_tests(facts, period, earliest_year, step=step)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    more = limit is not None and len(ledger.rows) == limit
    following = ledger.rows[-1].release.id if more else None
    if fmt == "json":
        extra: dict[str, Any] = {"tests": tests.to_dict() if tests else None}
        if limit is None:
            extra["terms"] = terms_of_trade(store, ledger).to_dict()
        else:
            extra["next"] = following
        echo_json(ledger.to_dict() | extra)
    elif fmt == "csv":
        click.echo(ledger_csv(ledger), nl=False)
    else:
        echo_ledger(store, ledger, tests, whole=limit is None)
        if following:
            click.echo(f"\nMore: --limit {limit} --after {following}")


def echo_ledger(
    store: Store, ledger: Ledger, tests: LedgerTests | None, whole: bool = True
) -> None:
    """The ledger table, the chance test in plain words, and (of a whole ledger) the terms of
    trade."""
    echo_table(table_rows(ledger), TABLE_COLUMNS)
    click.echo("")
    if tests is None:
        click.echo("No dated release and US contact in the period: nothing to test.")
    else:
        echo_tests(tests)
    if not whole:
        return
    click.echo("\nTerms of trade:")
    for line in terms_of_trade(store, ledger).summary():
        click.echo(f"  {line}")


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
@period_option
@earliest_option
@db_option
@click.pass_context
def report_command(
    ctx: click.Context,
    out_dir: Path,
    window_days: int,
    accepted_only: bool,
    period: str,
    earliest_year: int,
) -> None:
    """Write a self-contained HTML report (charts, ledger, terms, statistics) and print its path."""
    try:
        with steps_bar("report", REPORT_STEPS) as step:
            path = write_report(
                project(ctx).store, out_dir, window_days, accepted_only, period, earliest_year,
                step,
            )  # fmt: skip
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(str(path))


def echo_tests(tests: LedgerTests) -> None:
    """The headline, each test's sentence, the per-window description and what was left out."""
    click.echo(f"Chance test: {tests.headline}")
    for test in [tests.releases, tests.prisoners, *tests.markers]:
        if test is not None:
            click.echo(f"  {test.sentence}")
    click.echo("  Description, not a test (windows are not chosen beforehand):")
    echo_table(
        [
            {
                "window": f"±{w.window_days} d" if w.window_days else "same day",
                "releases near": f"{w.releases_near} of {tests.releases.n}",
                "expected": f"{w.releases_expected:.1f}",
                "p": f"{w.releases_p:.2g}",
                "markers met": f"{w.markers_met} (expected {w.markers_expected:.1f})",
                "p (met)": f"{w.markers_p:.2g}",
            }
            for w in tests.windows
        ],
        ["window", "releases near", "expected", "p", "markers met", "p (met)"],
    )
    click.echo("  Other periods (p of the window-free test, releases / prisoners):")
    for row in tests.sensitivity:
        ps = " / ".join("—" if p is None else f"{p:.2g}" for p in (row.releases_p, row.prisoners_p))
        click.echo(f"    {row.rule} (from {row.start}, n = {row.n}): {ps}")
    for fact in tests.excluded:
        click.echo(f"  Left out: {fact.type} {fact.id} dated {fact.date}: {fact.reason}")
    if tests.outside:
        click.echo(f"  Outside the period, not tested: {len(tests.outside)} release(s).")
    click.echo(f"  {tests.caveat}")


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
        first = {
            "date": reviewer_text("date", rel.values, rel.date_label),
            "count": count_text(rel),
            "persons": reviewer_text("persons", rel.values, short_list(rel.persons)),
            "destination": reviewer_text("destination", rel.values, rel.destination or ""),
        }
        for n in range(max(1, len(visits), len(concessions))):
            lines.append(
                (first if n == 0 else dict.fromkeys(first, ""))
                | {
                    "visits": visits[n] if n < len(visits) else "",
                    "concessions": concessions[n] if n < len(concessions) else "",
                }
            )
    return lines


def ledger_csv(ledger: Ledger) -> str:
    buffer = io.StringIO()
    write_rows((csv_row(row) for row in ledger.rows), CSV_COLUMNS, buffer)
    return buffer.getvalue()
