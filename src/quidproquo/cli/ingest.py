"""`qpq ingest` and `qpq documents`."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click
from tqdm import tqdm

from quidproquo.app import DOCUMENT_STATUSES
from quidproquo.cli import main
from quidproquo.cli.common import (
    db_option,
    echo_json,
    echo_table,
    iso_date,
    json_option,
    project,
)
from quidproquo.ingest import SourceMeta

PROGRESS_FROM_FILES = 6  # a progress bar for more than a handful of files


def _progress(files: Iterable[Path]) -> Iterable[Path]:
    files = list(files)
    if len(files) < PROGRESS_FROM_FILES:
        return files
    return tqdm(files, desc="ingest", unit="file", file=sys.stderr)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--publisher", help="Outlet name, for files that do not state it.")
@click.option("--published", metavar="DATE", help="Publication date (ISO), for files without one.")
@click.option("--url", help="Where the text was published, for files that do not state it.")
@click.option("--language", help="Language code (e.g. en), for files that do not state it.")
@click.option(
    "--override", is_flag=True, help="The values given here replace what the files state."
)
@json_option
@db_option
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    publisher: str | None,
    published: str | None,
    url: str | None,
    language: str | None,
    override: bool,
    as_json: bool,
) -> None:
    """Store articles: plain text, HTML, RSS/Atom feeds, FORMAT.md JSON Lines, or directories.

    Re-ingesting the same content changes nothing. Each file that fails is named with the reason;
    the others still go in, and the exit code is 1.
    """
    meta = SourceMeta(
        url=url, publisher=publisher, published=published, language=language, override=override
    )
    report = project(ctx, create=True).ingest(paths, meta, progress=_progress)
    if as_json:
        echo_json(report.to_dict())
    else:
        for doc in report.added:
            click.echo(f"added      {doc.id}  {doc.source_path}  {doc.title or ''}".rstrip())
        for doc in report.unchanged:
            click.echo(f"unchanged  {doc.id}  {doc.source_path}  (already stored)")
        for error in report.errors:
            click.echo(f"failed     {error}", err=True)
        click.echo(
            f"{len(report.added)} added, {len(report.unchanged)} unchanged, "
            f"{len(report.errors)} failed"
        )
    ctx.exit(0 if report.ok else 1)


@main.command()
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@click.option("--publisher", help="Only this publisher's (any letter case).")
@click.option(
    "--status", type=click.Choice(DOCUMENT_STATUSES), help="Only documents in this state."
)
@click.option("--since", callback=iso_date, metavar="DATE", help="Published on or after.")
@click.option("--until", callback=iso_date, metavar="DATE", help="Published on or before.")
@json_option
@db_option
@click.pass_context
def documents(
    ctx: click.Context,
    limit: int | None,
    publisher: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    as_json: bool,
) -> None:
    """List stored documents: id, source and status (failed ones with the reason), and how
    many extracted values were refused as implausible, and why (all reasons in --json)."""
    rows = project(ctx).documents(limit, publisher, status, since, until)
    if as_json:
        echo_json(rows)
        return
    columns = ["id", "status", "published", "publisher", "title", "source_path", "refused"]
    if any(r["refusals"] for r in rows):  # the fields refused; each reason in --json
        for row in rows:
            fields = [line.partition(":")[0] for line in (row["refusals"] or "").splitlines()]
            row["refused fields"] = ", ".join(dict.fromkeys(f for f in fields if " " not in f))
        columns.append("refused fields")
    echo_table(rows, columns + (["failure"] if status == "failed" else []), width=40)
