"""`qpq demo`: the whole job on the bundled data, in a fresh SQLite file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.cli.common import echo_table
from quidproquo.cli.ledger import echo_ledger
from quidproquo.ingest import SourceMeta
from quidproquo.ledger.stats import chance_tests
from quidproquo.resolve.people import STATUSES
from quidproquo.resolve.views import format_incident_line, list_incidents

SEED_FILE = "seed-prisoners-for-potash.txt"
# Two dated versions of a hand-made list excerpt (data/lists/README.md).
DEMO_LIST = "OFAC SDN (demo excerpt)"
DEMO_LIST_VERSIONS = ("2025-09-10", "2025-11-04")
DEMO_REGISTRY = (
    "registry-demo.csv"  # two curated facts restated as a registry (data/lists/README.md)
)
DEMO_REGISTRY_DAY = "2026-03-19"
SEED_META = SourceMeta(
    publisher="Polish Radio English Section",
    published="2025-12-17T18:00:00",
    title="Prisoners for potash: Lukashenko's new trade practice",
    language="en",
)


def heading(text: str) -> None:
    click.echo(f"\n== {text} " + "=" * max(0, 70 - len(text)))


@main.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("qpq-demo"),
    show_default=True,
    help="Folder for the demo database and report (replaced if it exists).",
)
def demo(out: Path) -> None:
    """The whole job on the bundled data: ingest the seed article, load the curated facts,
    extract, resolve, and print the incidents and the ledger; write the HTML report."""
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "demo.db"
    for stale in out.glob("demo.db*"):
        stale.unlink()
    qpq = Quidproquo(str(db_path))
    seed = resources.files("quidproquo") / "data" / SEED_FILE
    with resources.as_file(seed) as seed_path:
        ingested = qpq.ingest([seed_path], SEED_META)
    for error in ingested.errors:
        raise click.ClickException(str(error))
    curated = qpq.load_curated()
    extracted = qpq.extract()
    lists = resources.files("quidproquo") / "data" / "lists"
    changes = []
    for version in DEMO_LIST_VERSIONS:
        with resources.as_file(lists / version) as folder:
            changes += qpq.ingest_lists([folder], DEMO_LIST, published=version).changes
    resolved = qpq.resolve()
    with resources.as_file(resources.files("quidproquo") / "data" / DEMO_REGISTRY) as path:
        registry, _ = qpq.ingest_registry(path, "demo registry", as_of=DEMO_REGISTRY_DAY)

    click.echo(f"Database: {db_path}")
    heading("Documents stored")
    echo_table(qpq.documents(), ["id", "status", "published", "publisher", "title"], width=50)
    click.echo(
        f"\nCurated facts: {curated.incidents} incidents, {curated.entities_added} entities, "
        f"{curated.held_counts_added} prisoner counts.\n"
        f"Extracted from the seed: {extracted.events} events, {extracted.quotes} quotes; "
        f"{resolved.attached} attached to known incidents, "
        f"{resolved.incidents_created} new incidents."
    )
    heading(f"Changes between two versions of the {DEMO_LIST} (data/lists/README.md)")
    for change in changes:
        click.echo(f"{change.change:<8} {change.sentence()}")
    click.echo("The removal joins the curated relief step of that day as one more source.")
    heading("People named in the facts, with their status today")
    everyone = qpq.people()
    for status in STATUSES:
        named = [p.name for p in everyone if p.status == status]
        if named:
            shown = ", ".join(named[:6]) + (f" and {len(named) - 6} more" if len(named) > 6 else "")
            click.echo(f"{status:<19} {len(named):>3}  {shown}")
    click.echo(
        f"The demo registry's {registry.entries} entries: {registry.matched} matched known people "
        f"by name (Mikalai = Mikola Statkevich), {registry.to_review} sent to review."
    )
    held = qpq.held_stock()
    latest = "; ".join(f"{c['count']} ({c['as_of']})" for c in held["latest_counts"])
    click.echo(
        f"Latest counted number held: {latest}; named people held here: {held['named_held']}."
    )
    heading("Incidents the seed article speaks of (claims with their sources)")
    for incident in list_incidents(qpq.store, document_id=ingested.added[0].id):
        click.echo(format_incident_line(incident))

    ledger = qpq.ledger()
    heading("Ledger: releases with the visits and concessions around them (±14 days)")
    echo_ledger(qpq.store, ledger, chance_tests(ledger))
    report = qpq.report(out / "report")
    heading("Report")
    click.echo(f"Report: {report}")
