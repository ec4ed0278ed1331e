"""Batch extraction over many documents: in this process, or on Dask for a corpus.

Dask (dask.bag) is the distributed engine: each partition builds one Extractor and runs it on
its documents; the results come back to the caller, which stores them. With a scheduler
address, the same code runs on a dask.distributed cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from quidproquo.model import Extraction

# (document id, text, published) in, (document id, Extraction) out
Job = tuple[str, str, str | None]


def _extract_partition(jobs: Iterable[Job]) -> list[tuple[str, Extraction]]:
    from quidproquo.extract import Extractor

    extractor = Extractor()
    return [(doc_id, extractor.extract(text, published)) for doc_id, text, published in jobs]


def extract_batch(
    jobs: list[Job], workers: int = 1, scheduler: str | None = None
) -> Iterator[tuple[str, Extraction]]:
    """Extract every job; with workers > 1 (or a scheduler address) the work runs on Dask."""
    if workers <= 1 and scheduler is None:
        yield from _extract_partition(jobs)
        return
    import dask.bag as db

    partitions = max(workers * 4, 1)
    bag = db.from_sequence(jobs, npartitions=min(partitions, max(len(jobs), 1)))
    compute_options: dict[str, Any] = {"scheduler": "processes", "num_workers": workers}
    if scheduler is not None:
        from dask.distributed import Client

        with Client(scheduler) as client:
            yield from bag.map_partitions(_extract_partition).compute(scheduler=client.get)
        return
    yield from bag.map_partitions(_extract_partition).compute(**compute_options)
