"""`qpq extract`: events and quotes from stored documents, or from files to predictions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click
from tqdm import tqdm

from quidproquo.app import EXTRACT_BATCH, ExtractReport, extract_corpus_to_parquet
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
@click.option("--corpus", "corpus", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Ingest and extract a partitioned corpus: a folder (or file) of JSON Lines"
              " or Parquet records, read by the workers a partition at a time.")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False, path_type=Path),
              help="With --corpus: write each partition's results as a Parquet file in this"
              " folder instead of storing them (no database); `qpq load` stores them.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Run on a local Dask cluster with this many processes.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on the Dask cluster at this scheduler address (tcp://host:8786).")
@click.option("--batch-size", type=click.IntRange(min=1), default=EXTRACT_BATCH, show_default=True,
              help="Stored documents read, extracted and committed together.")
@click.option("--limit", type=click.IntRange(min=1), help="Stored documents: at most this many.")
@click.option("--progress/--no-progress", default=None,
              help="A progress bar in documents/s on stderr (default: when it is a terminal).")
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
    corpus: tuple[Path, ...],
    parquet_dir: Path | None,
    workers: int,
    scheduler: str | None,
    all_documents: bool,
    batch_size: int,
    limit: int | None,
    progress: bool | None,
    as_json: bool,
) -> None:
    """Extract events and quotes.

    With INPUTS (FORMAT.md JSON Lines, .txt, .html, or folders of them): write one prediction
    line per document, keyed by its id (a JSON Lines id, else the file name). Without INPUTS:
    extract the stored documents not yet extracted and store the results as candidates, in
    batches: a killed run resumes where it stopped, and a document that fails is marked failed
    with its reason (`qpq documents --status failed`) while the others go on. With --corpus:
    ingest and extract a folder of JSON Lines or Parquet files on Dask, a partition at a time
    (with --parquet, into Parquet result files for `qpq load`).
    """
    show = sys.stderr.isatty() if progress is None else progress
    if parquet_dir and not corpus:
        raise click.UsageError("--parquet needs --corpus")
    try:
        if inputs:  # files to predictions: no database involved
            failed = _predict_files(inputs, SourceMeta(published=published), out, all_documents)
            ctx.exit(1 if failed else 0)
        if parquet_dir:  # corpus to result files: no database involved either
            with tqdm(desc="extract", unit="doc", file=sys.stderr, disable=not show) as bar:
                written = extract_corpus_to_parquet(
                    corpus, parquet_dir, workers, scheduler, progress=bar.update
                )
            echo_report(written, as_json, f"written to {parquet_dir} (qpq load {parquet_dir})")
            ctx.exit(1 if written.errors else 0)
        qpq = project(ctx, create=bool(corpus))  # a corpus run stores what it reads
        ids = list(document_ids) or None
        total = None if corpus else qpq.extract_pending(ids, again)
        bar = tqdm(total=total if limit is None else min(total or 0, limit), desc="extract",
                   unit="doc", file=sys.stderr, disable=not show)  # fmt: skip
        with bar:
            if corpus:
                report = qpq.extract_corpus(
                    corpus, workers, scheduler, again=again, progress=bar.update
                )
            else:
                report = qpq.extract(
                    ids, again, workers, scheduler,
                    batch_size=batch_size, limit=limit, progress=bar.update,
                )  # fmt: skip
    except ModelMissing as exc:
        raise click.ClickException(str(exc)) from exc
    echo_report(report, as_json)
    ctx.exit(1 if report.errors else 0)


def echo_report(report: ExtractReport, as_json: bool, where: str = "") -> None:
    """The counts of a run (and each unreadable record or file on stderr)."""
    if as_json:
        echo_json(report.to_dict())
        return
    for error in report.errors:
        click.echo(f"failed  {error}", err=True)
    click.echo(
        f"{report.documents} documents: {report.events} events and {report.quotes} quotes"
        + (f" {where}" if where else
           f" stored as candidates ({report.kept_reviewed} reviewed facts kept as they were)")
        + (f"; {report.failed} failed (qpq documents --status failed)" if report.failed else "")
        + (f"; {report.unchanged} already extracted" if report.unchanged else "")
        + (f"; {report.refused} extracted values refused as implausible (qpq documents)"
           if report.refused else "")
    )  # fmt: skip


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
