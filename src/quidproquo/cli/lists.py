"""`qpq ingest-list` and `qpq listings`: sanctions lists tied to entities."""

from __future__ import annotations

from pathlib import Path

import click

from quidproquo.cli import main
from quidproquo.cli.common import (
    db_option,
    echo_json,
    echo_table,
    json_option,
    limit_option,
    project,
)


@main.command("ingest-list")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--list-name", help='Name of the list (default "OFAC SDN" or "OpenSanctions").')
@json_option
@db_option
@click.pass_context
def ingest_list(
    ctx: click.Context, paths: tuple[Path, ...], list_name: str | None, as_json: bool
) -> None:
    """Store a sanctions list: OFAC's sdn.csv or OpenSanctions/FollowTheMoney JSON (Lines).

    Each entry is tied to an entity (matched through the alias table, else created);
    re-ingesting changes nothing. Bad rows are named; the others go in (exit code 1).
    """
    report = project(ctx).ingest_lists(paths, list_name)
    if as_json:
        echo_json(report.to_dict())
    else:
        for error in report.errors:
            click.echo(f"failed     {error}", err=True)
        failed = len(report.errors)
        click.echo(f"{report.added} added, {report.unchanged} unchanged, {failed} failed")
    ctx.exit(1 if report.errors else 0)


@main.command()
@click.option("--name", help="Only the entries of the entity this name (any spelling) denotes.")
@limit_option
@json_option
@db_option
@click.pass_context
def listings(ctx: click.Context, name: str | None, limit: int | None, as_json: bool) -> None:
    """Stored sanctions-list entries with their programmes and entities."""
    rows = project(ctx).listings(name)[:limit]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        row["programs"] = ", ".join(row["programs"])
    echo_table(rows, ["list_name", "entry_id", "name", "kind", "programs", "entity_id"], width=40)
