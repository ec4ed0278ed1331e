"""Batch extraction that streams: partitions go out, results come back, the corpus never
sits in the driver.

A partition only *names* its documents: ids in a store, a byte range of a JSON Lines file, or a
row group of a Parquet file. Whoever runs it (this process, or a Dask worker) reads those
documents itself, extracts each one (a document that raises is returned as failed, with the
reason, and the others go on) and returns the outcomes. The driver keeps a bounded number of
partitions in flight and hands each result back as soon as it is ready, so memory depends on
the partition size, not on the corpus size.

Dask runs the partitions on a local `dask.distributed` cluster (`workers` processes) or on the
cluster at a scheduler address; the workers need quidproquo installed and, for stored
documents, access to the same database (a PostgreSQL URL, or an SQLite file on a shared disk).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quidproquo.ingest import IngestError, SourceMeta, expand_paths
from quidproquo.ingest.jsonl import read_jsonl
from quidproquo.model import Document, Extraction

if TYPE_CHECKING:
    from quidproquo.extract import Extractor
    from quidproquo.store import Store

CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".parquet")
PART_BYTES = 1 << 20  # a JSON Lines partition: about 1 MB of records
INFLIGHT_PER_WORKER = 2  # partitions queued per worker: keeps workers busy, memory bounded


@dataclass(frozen=True)
class StoredPart:
    """Stored documents, by id."""

    db: str  # the store's URL
    ids: tuple[str, ...]


@dataclass(frozen=True)
class FilePart:
    """Records of one corpus file: bytes [start, stop) of JSON Lines (a record belongs to the
    part its line starts in), or row groups [start, stop) of a Parquet file."""

    path: str
    start: int
    stop: int


Part = StoredPart | FilePart


@dataclass
class Outcome:
    """One document's result: an Extraction, or the reason it failed."""

    document_id: str
    extraction: Extraction | None
    error: str | None = None
    document: Document | None = None  # read from a corpus file (stored parts leave it None)
    where: str | None = None  # the file and record an unreadable corpus record came from


# -- partitions -------------------------------------------------------------------------
def corpus_files(paths: Iterable[Path]) -> list[Path]:
    """The JSON Lines and Parquet files of a corpus (folders walked, sorted, hidden skipped)."""
    return expand_paths(list(paths), CORPUS_SUFFIXES)


def file_parts(files: Iterable[Path], part_bytes: int = PART_BYTES) -> Iterator[FilePart]:
    """Partitions of corpus files, made lazily: JSON Lines by byte range, Parquet by row group."""
    for path in files:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            groups = pq.ParquetFile(path).num_row_groups
            for group in range(groups):
                yield FilePart(str(path), group, group + 1)
            continue
        size = path.stat().st_size
        for start in range(0, max(size, 1), part_bytes):
            yield FilePart(str(path), start, min(start + part_bytes, size))


# -- running one partition (in a worker) ---------------------------------------------------
_EXTRACTORS: dict[str, Extractor] = {}
_STORES: dict[str, Store] = {}


def _extractor() -> Extractor:
    """One Extractor per process: the spaCy model loads once per worker, not per partition."""
    if "default" not in _EXTRACTORS:
        from quidproquo.extract import Extractor

        _EXTRACTORS["default"] = Extractor()
    return _EXTRACTORS["default"]


def _store(url: str) -> Store:
    if url not in _STORES:
        from quidproquo.store import Store

        _STORES[url] = Store(url, migrate=False)
    return _STORES[url]


def _stored_documents(part: StoredPart) -> Iterator[Document | IngestError]:
    names = ", ".join(f":i{n}" for n in range(len(part.ids)))
    rows = _store(part.db).query(
        f"SELECT id, text, published FROM documents WHERE id IN ({names}) ORDER BY id",
        {f"i{n}": i for n, i in enumerate(part.ids)},
    )
    for row in rows:
        yield Document(id=row["id"], text=row["text"], content_hash="", kind="",
                       published=row["published"])  # fmt: skip


def _jsonl_bytes(part: FilePart) -> bytes:
    """The lines that start in [start, stop): a line under way at `start` is the last part's."""
    with open(part.path, "rb") as handle:
        if part.start:
            handle.seek(part.start - 1)
            handle.readline()
        lines = []
        while handle.tell() < part.stop:
            line = handle.readline()
            if not line:
                break
            lines.append(line)
    return b"".join(lines)


def _file_documents(part: FilePart) -> Iterator[Document | IngestError]:
    """Records read with the JSON Lines reader (a Parquet row becomes one JSON line)."""
    path = Path(part.path)
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        table = pq.ParquetFile(path).read_row_groups(list(range(part.start, part.stop)))
        lines = (json.dumps(row, default=str) for row in table.to_pylist())
        raw = "\n".join(lines).encode("utf-8")
        where = f"row group {part.start}"
    else:
        raw = _jsonl_bytes(part)
        where = f"byte {part.start}"
    for item in read_jsonl(path, raw, SourceMeta()):
        if isinstance(item, IngestError):  # its line number counts from the partition's start
            yield IngestError(item.path, f"{item.reason} (record {item.line} from {where})")
        else:
            yield item


def run_partition(part: Part) -> list[Outcome]:
    """Read and extract one partition's documents; a failing document does not stop the rest."""
    extractor = _extractor()
    is_file = isinstance(part, FilePart)
    items = _file_documents(part) if isinstance(part, FilePart) else _stored_documents(part)
    outcomes = []
    for item in items:
        if isinstance(item, IngestError):
            outcomes.append(Outcome("", None, item.reason, where=item.path))
            continue
        try:
            found = extractor.extract(item.text, item.published)
        except Exception as exc:  # noqa: BLE001 - isolate the document, keep its reason
            outcomes.append(_failed(item, exc, is_file))
            continue
        outcomes.append(Outcome(item.id, found, document=item if is_file else None))
    return outcomes


def _failed(doc: Document, exc: BaseException, keep_document: bool) -> Outcome:
    reason = f"{type(exc).__name__}: {exc}"[:500]
    return Outcome(doc.id, None, reason, document=doc if keep_document else None)


# -- the driver ----------------------------------------------------------------------------
def stream(
    parts: Iterable[Part], workers: int = 1, scheduler: str | None = None
) -> Iterator[list[Outcome]]:
    """Each partition's outcomes, as they finish. In this process when workers is 1 and no
    scheduler is given; otherwise on Dask, with at most a few partitions per worker queued."""
    if workers <= 1 and scheduler is None:
        for part in parts:
            yield run_partition(part)
        return
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    try:
        with Client(scheduler or cluster) as client:
            slots = INFLIGHT_PER_WORKER * max(workers, _worker_count(client))
            pending = iter(parts)
            running = as_completed(
                [client.submit(run_partition, p, pure=False) for p in islice(pending, slots)]
            )
            for future in running:
                outcomes: list[Outcome] = future.result()
                future.release()
                for part in islice(pending, 1):
                    running.add(client.submit(run_partition, part, pure=False))
                yield outcomes
    finally:
        if cluster is not None:
            cluster.close()


def _worker_count(client: Any) -> int:
    return len(client.scheduler_info().get("workers", {}))
