"""`qpq load`: store the Parquet results of `qpq extract --corpus ... --parquet DIR`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from quidproquo.app import EXTRACT_BATCH
from quidproquo.cli import main
from quidproquo.cli.common import db_option, json_option, project
from quidproquo.cli.extract import echo_report


@main.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--again", is_flag=True, help="Replace the results of documents stored before.")
@click.option("--batch-size", type=click.IntRange(min=1), default=EXTRACT_BATCH, show_default=True,
              help="Documents committed together.")
@click.option("--progress/--no-progress", default=None,
              help="A progress bar on stderr (default: when it is a terminal).")
@json_option
@db_option
@click.pass_context
def load_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    again: bool,
    batch_size: int,
    progress: bool | None,
    as_json: bool,
) -> None:
    """Store Parquet result files (or folders of them): documents, events and quotes, in
    batches. Loading the same files twice changes nothing; a file that cannot be read is named
    and skipped, and the others go in."""
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(desc="load", unit="doc", file=sys.stderr, disable=not show) as bar:
        report = project(ctx, create=True).load(
            paths, again=again, batch_size=batch_size, progress=bar.update
        )
    echo_report(report, as_json)
    ctx.exit(1 if report.errors else 0)
