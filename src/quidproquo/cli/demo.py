"""`qpq demo`: the whole job on the bundled data, in a fresh SQLite file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.cli.common import echo_table
from quidproquo.ingest import SourceMeta

SEED_FILE = "seed-prisoners-for-potash.txt"
SEED_META = SourceMeta(
    publisher="Polish Radio English Section",
    published="2025-12-17T18:00:00",
    title="Prisoners for potash: Lukashenko's new trade practice",
    language="en",
)


@main.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("qpq-demo"),
    show_default=True,
    help="Folder for the demo database and report (replaced if it exists).",
)
def demo(out: Path) -> None:
    """Ingest the bundled seed article into a fresh SQLite file and show what is stored."""
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "demo.db"
    for stale in out.glob("demo.db*"):
        stale.unlink()
    qpq = Quidproquo(str(db_path))
    seed = resources.files("quidproquo") / "data" / SEED_FILE
    with resources.as_file(seed) as seed_path:
        report = qpq.ingest([seed_path], SEED_META)
    for error in report.errors:
        raise click.ClickException(str(error))
    click.echo(f"Database: {db_path}\n\nDocuments stored:")
    echo_table(qpq.documents(), ["id", "status", "published", "publisher", "title"], width=50)
