"""`qpq extract`: events and quotes from FORMAT-style JSON Lines, .txt or .html files."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from quidproquo.cli import main
from quidproquo.extract.pipeline import Extractor


def _jsonl_documents(path: Path) -> Iterator[tuple[str, str, str | None]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"{where}: not valid JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise click.ClickException(f"{where}: expected a JSON object")
            text, doc_id, published = record.get("text"), record.get("id"), record.get("published")
            if not isinstance(text, str):
                raise click.ClickException(f"{where}: 'text' must be a string")
            if not isinstance(doc_id, str):
                raise click.ClickException(f"{where}: 'id' must be a string")
            if published is not None and not isinstance(published, str):
                raise click.ClickException(f"{where}: 'published' must be a string or null")
            yield doc_id, text, published


def _file_text(path: Path) -> str:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path}: not UTF-8 text") from exc
    if path.suffix.lower() not in (".html", ".htm"):
        return raw
    from trafilatura import extract as extract_article

    text: str | None = extract_article(raw)
    if not text:
        raise click.ClickException(f"{path}: no article text found in the HTML")
    return str(text)


def read_documents(
    paths: tuple[Path, ...], published: str | None
) -> Iterator[tuple[str, str, str | None]]:
    """(id, text, published) for every document in the inputs."""
    for path in paths:
        if not path.is_file():
            raise click.ClickException(f"{path}: no such file")
        if path.suffix.lower() in (".jsonl", ".json"):
            yield from _jsonl_documents(path)
        elif path.suffix.lower() in (".txt", ".html", ".htm"):
            yield path.stem, _file_text(path), published
        else:
            raise click.ClickException(
                f"{path}: unsupported input (expected .jsonl, .txt or .html)"
            )


@main.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl", show_default=True
)
@click.option(
    "--out", type=click.Path(path_type=Path), help="Write predictions here instead of stdout."
)
@click.option("--published", metavar="DATE", help="Publication date (ISO) for .txt/.html inputs.")
def extract_command(
    inputs: tuple[Path, ...], output_format: str, out: Path | None, published: str | None
) -> None:
    """Extract events and quotes; one FORMAT.md prediction line per document."""
    extractor = Extractor()
    documents = read_documents(inputs, published)
    if out is None:
        _write_predictions(sys.stdout, documents, extractor)
        return
    with open(out, "w", encoding="utf-8") as handle:
        _write_predictions(handle, documents, extractor)


def _write_predictions(
    handle: IO[str], documents: Iterator[tuple[str, str, str | None]], extractor: Extractor
) -> None:
    for doc_id, text, doc_published in documents:
        try:
            extraction = extractor.extract(text, doc_published)
        except ValueError as exc:
            raise click.ClickException(f"{doc_id}: {exc}") from exc
        handle.write(json.dumps(extraction.to_prediction(doc_id), ensure_ascii=False) + "\n")
