"""`qpq extract`: events and quotes from stored documents, or from files to predictions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from quidproquo.cli import main
from quidproquo.cli.common import db_option, echo_json, json_option, project
from quidproquo.extract.nlp import ModelMissing
from quidproquo.ingest import IngestError, SourceMeta, expand_paths, read_path
from quidproquo.model import Document

if TYPE_CHECKING:
    from quidproquo.extract import Extractor

FILE_KINDS = (".jsonl", ".ndjson", ".txt", ".text", ".md", ".html", ".htm")


@main.command("extract")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="Prediction format for INPUTS (FORMAT.md JSON Lines).",
)
@click.option("--out", type=click.Path(path_type=Path), help="Write predictions here, not stdout.")
@click.option("--published", metavar="DATE", help="Publication date (ISO) for .txt/.html inputs.")
@click.option("--again", is_flag=True, help="Stored documents: re-extract those done before.")
@click.option("--document", "document_ids", multiple=True, metavar="ID", help="Only this document.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Stored documents: run on Dask with this many processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Stored documents: a Dask scheduler address.")
@click.option(
    "--all-documents",
    is_flag=True,
    help="INPUTS: parse documents with nothing on the subject too (lexicons/subject.yaml); "
    "slower, and by default such documents yield no events and no quotes.",
)
@json_option
@db_option
@click.pass_context
def extract_command(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    output_format: str,
    out: Path | None,
    published: str | None,
    again: bool,
    document_ids: tuple[str, ...],
    workers: int,
    scheduler: str | None,
    all_documents: bool,
    as_json: bool,
) -> None:
    """Extract events and quotes.

    With INPUTS (FORMAT.md JSON Lines, .txt, .html, or folders of them): write one prediction
    line per document, keyed by its id (a JSON Lines id, else the file name). Without INPUTS:
    extract the stored documents not yet extracted and store the results as candidates.
    """
    try:
        if inputs:
            failed = _predict_files(inputs, SourceMeta(published=published), out, all_documents)
            ctx.exit(1 if failed else 0)
        report = project(ctx).extract(list(document_ids) or None, again, workers, scheduler)
    except ModelMissing as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        echo_json(report.to_dict())
    else:
        click.echo(
            f"{report.documents} documents: {report.events} events and {report.quotes} quotes"
            f" stored as candidates ({report.kept_reviewed} reviewed facts kept as they were)"
        )


def _predict_files(
    inputs: tuple[Path, ...], meta: SourceMeta, out: Path | None, all_documents: bool = False
) -> int:
    """Write predictions for every readable document; name each failure; count them."""
    from quidproquo.extract import Extractor  # loads spaCy: only when needed

    extractor = Extractor(subject_gate=not all_documents)
    failed = 0
    handle: IO[str] = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        for path in expand_paths(list(inputs)):
            if path.suffix.lower() not in FILE_KINDS or not path.is_file():
                click.echo(f"failed  {path}: not a .jsonl, .txt or .html file", err=True)
                failed += 1
                continue
            for item in read_path(path, meta):
                if isinstance(item, IngestError):
                    click.echo(f"failed  {item}", err=True)
                    failed += 1
                    continue
                handle.write(json.dumps(_prediction(extractor, item), ensure_ascii=False) + "\n")
    finally:
        if out:
            handle.close()
    return failed


def _prediction(extractor: Extractor, doc: Document) -> dict[str, object]:
    return extractor.extract(doc.text, doc.published).to_prediction(doc.source_id or doc.id)
