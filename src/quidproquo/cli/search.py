"""`qpq search`: documents, claims, quotes, incidents and entities, ranked."""

from __future__ import annotations

import click

from quidproquo.cli import main
from quidproquo.cli.common import db_option, echo_json, json_option, project
from quidproquo.search import KINDS


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only hits of this kind."
)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
@db_option
@click.pass_context
def search(
    ctx: click.Context, query: tuple[str, ...], kinds: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """Find every word of QUERY in documents (sentence by sentence), claims' evidence,
    quotes, incidents and entities, best first. Names fold across spellings: Kolesnikova
    finds Kalesnikava. Each hit shows the matching sentence and the page that shows it."""
    hits = project(ctx).search(" ".join(query), kinds or None, limit)
    if as_json:
        echo_json([h.to_dict() for h in hits])
        return
    if not hits:
        click.echo("No match.")
    for hit in hits:
        click.echo(f"{hit.kind:<9} {hit.id}  {hit.label}")
        click.echo(f"          {hit.snippet}")
        click.echo(f"          {hit.link}")
