"""`qpq ingest-list`, `qpq listings` and `qpq list-changes`: sanctions lists over time."""

from __future__ import annotations

from pathlib import Path

import click

from quidproquo.cli import main
from quidproquo.cli.common import (
    db_option,
    echo_json,
    echo_table,
    iso_date,
    json_option,
    limit_option,
    project,
    steps_bar,
)


@main.command("ingest-list")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--list-name", help='Name of the list (default "OFAC SDN" or "OpenSanctions").')
@click.option(
    "--published",
    callback=iso_date,
    metavar="DATE",
    help="Date of this version of the list, where the file states none (default: today).",
)
@click.option("--url", help="Where this version of the list was published (its source).")
@click.option("--no-resolve", is_flag=True, help="Do not merge the list's changes into incidents.")
@json_option
@db_option
@click.pass_context
def ingest_list(
    ctx: click.Context,
    paths: tuple[Path, ...],
    list_name: str | None,
    published: str | None,
    url: str | None,
    no_resolve: bool,
    as_json: bool,
) -> None:
    """Store a version of a sanctions list: OFAC's sdn.csv (with add.csv and alt.csv beside
    it) or sdn.xml, or OpenSanctions/FollowTheMoney JSON (Lines).

    Each entry is tied to an entity (matched through the alias table, else created). Each
    file is a dated version of its list; entries of the programmes this project follows
    that left or joined the list since its previous version become sanctions_eased or
    sanctions_imposed events, merged into incidents (unless --no-resolve). Re-ingesting
    the same entries changes nothing. Bad rows are named; the others go in (exit code 1).
    """
    qpq = project(ctx, create=True)
    with steps_bar("ingest-list", 2) as step:
        step("reading and storing the lists")
        report = qpq.ingest_lists(paths, list_name, published, url)
        if report.changes and not no_resolve:
            step("resolving the changes into incidents")
            qpq.resolve()
    if as_json:
        echo_json(report.to_dict())
    else:
        for error in report.errors:
            click.echo(f"failed     {error}", err=True)
        for change in report.changes:
            click.echo(f"{change.change:<10} {change.sentence()}")
        failed = len(report.errors)
        click.echo(
            f"{report.added} added, {report.unchanged} unchanged, {failed} failed; "
            f"{report.versions} new version(s), {len(report.changes)} change(s) in scope"
        )
    ctx.exit(1 if report.errors else 0)


@main.command()
@click.option("--name", help="Only the entries of the entity this name (any spelling) denotes.")
@click.option(
    "--as-of",
    callback=iso_date,
    metavar="DATE",
    help="Only what each list designated on that day (its latest version by then).",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@json_option
@db_option
@click.pass_context
def listings(
    ctx: click.Context, name: str | None, as_of: str | None, limit: int | None, as_json: bool
) -> None:
    """Stored sanctions-list entries with their programmes and entities."""
    rows = project(ctx).listings(name, as_of)[:limit]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        row["programs"] = ", ".join(row["programs"])
    echo_table(rows, ["list_name", "entry_id", "name", "kind", "programs", "entity_id"], width=40)


@main.command("list-changes")
@click.option("--list-name", help="Only this list.")
@click.option("--all", "everything", is_flag=True, help="Also entries outside the project's scope.")
@limit_option
@json_option
@db_option
@click.pass_context
def list_changes(
    ctx: click.Context, list_name: str | None, everything: bool, limit: int | None, as_json: bool
) -> None:
    """Entries removed from or added to a list between its consecutive versions."""
    changes = project(ctx).list_changes(list_name, everything)[:limit]
    if as_json:
        echo_json([c.to_dict() for c in changes])
        return
    rows = [c.to_dict() | {"programs": ", ".join(c.programs)} for c in changes]
    echo_table(
        rows, ["date", "change", "list_name", "entry_id", "name", "programs", "previous_date"]
    )
