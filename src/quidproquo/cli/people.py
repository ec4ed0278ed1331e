"""`qpq people` and `qpq ingest-registry`: the registry of named people and their status."""

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
    project,
    steps_bar,
)
from quidproquo.resolve.people import STATUSES


@main.command()
@click.option("--status", type=click.Choice(STATUSES), help="Only people with this status.")
@click.option("--as-of", callback=iso_date, metavar="DATE", help="Status on this day (today).")
@click.option("--since", callback=iso_date, metavar="DATE", help="With a fact on or after.")
@click.option("--until", callback=iso_date, metavar="DATE", help="With a fact on or before.")
@click.option("--name", help="Only the person this name (any spelling) denotes.")
@click.option("--facts", "show_facts", is_flag=True, help="Print each person's dated facts.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many people.")
@click.option("--after", metavar="KEY", help="Only those listed after this key (a page's next).")
@json_option
@db_option
@click.pass_context
def people(
    ctx: click.Context,
    status: str | None,
    as_of: str | None,
    since: str | None,
    until: str | None,
    name: str | None,
    show_facts: bool,
    limit: int | None,
    after: str | None,
    as_json: bool,
) -> None:
    """Everyone named in a detention, release, deportation or exchange, or in an imported
    registry, with their status (held, freed, freed and expelled, re-imprisoned, unknown)
    and, beside the list, the latest counted number held."""
    qpq = project(ctx)
    try:
        found, last = qpq.people_page(as_of, status, since, until, name, after, limit)
    except ValueError as exc:  # an --after that keys no person listed
        raise click.BadParameter(str(exc), param_hint="--after") from exc
    held = qpq.held_stock(as_of)
    if as_json:
        echo_json({"people": [p.to_dict() for p in found], "stock": held, "next": last})
        return
    rows = [
        p.to_dict() | {"facts": len(p.facts), "registries": ", ".join(p.registries)} for p in found
    ]
    echo_table(rows, ["name", "status", "status_since", "facts", "registries"], width=40)
    if show_facts:
        for person in found:
            click.echo(f"\n{person.name} ({person.status})")
            for fact in person.facts:
                detail = f": {fact.detail}" if fact.detail else ""
                click.echo(f"  {fact.date:<24} {fact.kind}{detail}  [{'; '.join(fact.sources)}]")
    counts = "; ".join(
        f"{c['count']} ({c['qualifier'] or 'exact'}, {c['as_of']}, {c['attributed_to'] or '?'})"
        for c in held["latest_counts"]
    )
    click.echo(
        f"\nLatest counted number held: {counts or 'none stored'}; "
        f"named people held or re-imprisoned here: {held['named_held']}."
    )
    if last:
        click.echo(f"More follow: --after {last}")


@main.command("ingest-registry")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--registry", help="The registry's name (default: the file name).")
@click.option("--layout", default="plain", show_default=True, help="A bundled column layout.")
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A YAML column layout of your own (fields -> header names).",
)
@click.option("--as-of", callback=iso_date, metavar="DATE", help="Day the list holds (today).")
@click.option("--url", help="Where the registry was published.")
@json_option
@db_option
@click.pass_context
def ingest_registry(
    ctx: click.Context,
    path: Path,
    registry: str | None,
    layout: str,
    mapping: Path | None,
    as_of: str | None,
    url: str | None,
    as_json: bool,
) -> None:
    """Import a rights group's registry of political prisoners (CSV with a header row).

    Names are reconciled with the known people (spelling, transliteration and aliases
    folded); an uncertain match goes to the review queue instead of being merged. Bad rows
    are named with their line; the others go in (exit code 1)."""
    from quidproquo.ingest.registry import RegistryLayoutError

    try:
        qpq = project(ctx, create=True)
        with steps_bar("ingest-registry", 1) as step:
            step("reading and reconciling the entries")
            summary, errors = qpq.ingest_registry(path, registry, layout, mapping, as_of, url)
    except RegistryLayoutError as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        errs = [{"path": e.path, "line": e.line, "reason": e.reason} for e in errors]
        echo_json(summary.__dict__ | {"errors": errs})
    else:
        for error in errors:
            click.echo(f"failed     {error}", err=True)
        click.echo(
            f"{summary.entries} entries: {summary.matched} matched known people, "
            f"{summary.new_people} new, {summary.to_review} sent to review; {len(errors)} failed"
        )
    ctx.exit(1 if errors else 0)
