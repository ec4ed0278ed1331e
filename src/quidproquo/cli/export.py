"""`qpq export`: incidents, claims, events, quotes, entities or the ledger as CSV, JSONL or FtM."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO, cast

import click

from quidproquo.cli import main
from quidproquo.cli.common import CountingOut, db_option, project
from quidproquo.export import FORMATS, KINDS, ExportError, check_request, export
from quidproquo.store import Store


@main.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="Output format.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file (replaced only once the export is complete); default stdout.",
)
@click.option("--accepted-only", is_flag=True, help="Reviewed (accepted or corrected) facts only.")
@click.option(
    "--window",
    "window_days",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="Ledger only: link visits and concessions within this many days (default 14).",
)
@db_option
@click.pass_context
def export_command(
    ctx: click.Context,
    kind: str,
    fmt: str,
    out: Path | None,
    accepted_only: bool,
    window_days: int | None,
) -> None:
    """Stream one kind of record (ftm: incidents and entities) to stdout or a file.

    CSV incident rows show each property's consensus beside every claimed value and its
    number of sources; JSONL incident lines carry every claim with its source.
    """
    try:
        check_request(kind, fmt, accepted_only, window_days)
    except ExportError as exc:
        raise click.UsageError(str(exc)) from exc
    store = project(ctx).store
    if out is None:
        _export(store, kind, fmt, sys.stdout, accepted_only, window_days)
        return
    partial = out.with_name(out.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            rows = _export(store, kind, fmt, stream, accepted_only, window_days)
        os.replace(partial, out)
    except OSError as exc:
        raise click.ClickException(f"{out}: cannot write: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)  # left only by a failed export
    click.echo(f"{rows} {kind} rows written to {out}", err=True)


def _export(
    store: Store, kind: str, fmt: str, out: TextIO, accepted_only: bool, window_days: int | None
) -> int:
    """`export`, with a progress bar in rows on stderr when it is a terminal."""
    counted = CountingOut(out, f"export {kind}")
    try:
        return export(store, kind, fmt, cast(TextIO, counted), accepted_only=accepted_only,
                      window_days=window_days)  # fmt: skip
    finally:
        counted.close()
