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

Instead of coming back to be stored, a corpus partition's results can be written by the worker
as one Parquet file (`write_part`: one row per document, its FORMAT.md events and quotes with
their offsets, or its failure), which `qpq load` stores later (`read_results`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quidproquo.ingest import IngestError, SourceMeta, expand_paths
from quidproquo.ingest.jsonl import read_jsonl
from quidproquo.model import Document, Event, Extraction, Quote

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


# -- results as Parquet partitions ---------------------------------------------------------
def _schema() -> Any:
    """One row per document: the document, its failure (or the unreadable record's place),
    and its FORMAT.md events and quotes with their character offsets."""
    import pyarrow as pa

    def typed(cls: type) -> list[Any]:
        kinds = {"int | None": pa.int64(), "list[str]": pa.list_(pa.string())}
        return [pa.field(f.name, kinds.get(str(f.type), pa.string())) for f in fields(cls)]

    return pa.schema(
        typed(Document)
        + [pa.field("error", pa.string()), pa.field("where", pa.string()),
           pa.field("events", pa.list_(pa.struct(typed(Event)))),
           pa.field("quotes", pa.list_(pa.struct(typed(Quote))))]
    )  # fmt: skip


@dataclass
class Written:
    """What a partition written as Parquet holds (the driver's whole share of it)."""

    path: str
    documents: int
    events: int
    quotes: int
    failed: int
    errors: list[str]


def part_name(part: FilePart) -> str:
    """The same name for the same partition, so a rerun replaces its file."""
    digest = hashlib.sha256(f"{part.path}|{part.start}|{part.stop}".encode()).hexdigest()[:12]
    return f"{Path(part.path).stem}-{part.start:012d}-{digest}.parquet"


def write_part(part: FilePart, out_dir: str) -> Written:
    """Extract one corpus partition and write its results as one Parquet file (written whole
    under a temporary name, then renamed: a stopped run leaves no half file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    outcomes = run_partition(part)
    rows = []
    for o in outcomes:
        doc = asdict(o.document) if o.document else {"id": o.document_id}
        found = o.extraction
        rows.append(doc | {
            "error": o.error, "where": o.where,
            "events": [e.to_dict() for e in found.events] if found else [],
            "quotes": [q.to_dict() for q in found.quotes] if found else [],
        })  # fmt: skip
    path = Path(out_dir) / part_name(part)
    partial = path.with_suffix(".parquet.part")
    pq.write_table(pa.Table.from_pylist(rows, schema=_schema()), partial)
    os.replace(partial, path)
    return Written(
        str(path),
        documents=sum(1 for o in outcomes if o.extraction),
        events=sum(len(o.extraction.events) for o in outcomes if o.extraction),
        quotes=sum(len(o.extraction.quotes) for o in outcomes if o.extraction),
        failed=sum(1 for o in outcomes if o.document_id and o.error),
        errors=[f"{o.where}: {o.error}" for o in outcomes if not o.document_id],
    )


def result_files(paths: Iterable[Path]) -> list[Path]:
    """The Parquet result files of folders (sorted) or given files."""
    return expand_paths(list(paths), (".parquet",))


def read_results(path: Path, batch_rows: int) -> Iterator[list[Outcome]]:
    """A result file's outcomes, `batch_rows` at a time. A file that is not one (unreadable,
    or without the columns `write_part` writes) raises ValueError naming the problem."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
        wanted = _schema()
        missing = [n for n in wanted.names if n not in handle.schema_arrow.names]
        if missing:
            raise ValueError(f"not a results file: no column {', '.join(missing)}")
        for batch in handle.iter_batches(batch_size=batch_rows, columns=wanted.names):
            yield [_outcome(row) for row in batch.to_pylist()]
    except (pa.ArrowException, OSError, TypeError, KeyError) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from exc


def _outcome(row: dict[str, Any]) -> Outcome:
    doc_fields = {f.name for f in fields(Document)}
    doc = {k: v for k, v in row.items() if k in doc_fields}
    if not doc["id"]:
        return Outcome("", None, row["error"], where=row["where"])
    document = Document(**doc) if doc.get("content_hash") else None
    if row["error"]:
        return Outcome(doc["id"], None, row["error"], document=document)
    found = Extraction([Event(**e) for e in row["events"] or []],
                       [Quote(**q) for q in row["quotes"] or []])  # fmt: skip
    return Outcome(doc["id"], found, document=document)


# -- the driver ----------------------------------------------------------------------------
def stream(
    parts: Iterable[Part],
    workers: int = 1,
    scheduler: str | None = None,
    task: Callable[[Any], Any] = run_partition,
) -> Iterator[Any]:
    """Each partition's result (by default its outcomes), as they finish. In this process when
    workers is 1 and no scheduler is given; otherwise on Dask, with at most a few partitions
    per worker queued. `task` runs one partition (a module-level function, or a partial of one,
    so that Dask can send it)."""
    if workers <= 1 and scheduler is None:
        for part in parts:
            yield task(part)
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
                [client.submit(task, p, pure=False) for p in islice(pending, slots)]
            )
            for future in running:
                result = future.result()
                future.release()
                for part in islice(pending, 1):
                    running.add(client.submit(task, part, pure=False))
                yield result
    finally:
        if cluster is not None:
            cluster.close()


def _worker_count(client: Any) -> int:
    return len(client.scheduler_info().get("workers", {}))
