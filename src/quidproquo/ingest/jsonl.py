"""JSON Lines in the shape of the eval FORMAT.md: id, text, published, url, publisher, title."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from quidproquo.ingest.base import IngestError, SourceMeta, make_document
from quidproquo.ingest.text import decode
from quidproquo.model import Document


def read_jsonl(path: Path, raw: bytes, meta: SourceMeta) -> Iterator[Document | IngestError]:
    try:
        content = decode(path, raw)
    except ValueError as exc:
        yield IngestError(str(path), str(exc))
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(str(path), f"invalid JSON: {exc.msg}", line=number)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield IngestError(str(path), "each line needs an object with a string 'text'", number)
            continue
        found = {k: record.get(k) for k in ("url", "publisher", "published", "title", "language")}
        wrong = [k for k, v in found.items() if v is not None and not isinstance(v, str)]
        if wrong:
            kinds = ", ".join(f"{k!r} is {type(found[k]).__name__}" for k in wrong)
            yield IngestError(str(path), f"{kinds}: must be a string", number)
            continue
        try:
            source_id = record.get("id")
            source_id = str(source_id) if source_id is not None else None
            yield make_document(
                record["text"], "jsonl", meta.merged(**found), str(path), source_id
            )
        except ValueError as exc:
            yield IngestError(str(path), str(exc), line=number)
