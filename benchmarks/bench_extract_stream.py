"""Memory of `qpq extract` as the number of documents grows: flat, since it streams.

    .venv/bin/python benchmarks/bench_extract_stream.py stored 1000 20000
    .venv/bin/python benchmarks/bench_extract_stream.py corpus 10000 100000 --workers 2

`stored`: N synthetic documents are stored in a fresh SQLite file, then extracted in this
process in batches of 100 (`Quidproquo.extract`, what `qpq extract` runs). `corpus`: N
documents are written as JSON Lines files of 5,000 records, then ingested and extracted on a
local Dask cluster (`Quidproquo.extract_corpus`, what `qpq extract --corpus` runs). Each size
runs in a fresh child process that reports its own peak resident memory (VmHWM: the driver
only; Dask workers are separate processes) and its documents/s. One document in 50 reports a
release; the others are about other things. The texts are synthetic.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ON_TOPIC = (
    "The authorities in Minsk freed {n} political prisoners on Tuesday, a rights group said. "
    "They were driven to the border with Lithuania."
)
OFF_TOPIC = "The city council approved {n} million for road repairs on Tuesday."
FILE_RECORDS = 5_000


def records(count: int) -> list[dict[str, str]]:
    return [
        {"id": f"b{n}", "published": "2026-03-03",
         "text": (ON_TOPIC if n % 50 == 0 else OFF_TOPIC).format(n=n)}
        for n in range(count)
    ]  # fmt: skip


def peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(mode: str, count: int, workers: int, folder: Path) -> dict[str, object]:
    from quidproquo.app import Quidproquo
    from quidproquo.ingest import make_document
    from quidproquo.ingest.base import SourceMeta

    qpq = Quidproquo(str(folder / "bench.db"))
    if mode == "stored":
        docs = [
            make_document(r["text"], "jsonl", SourceMeta(published=r["published"]), None, r["id"])
            for r in records(count)
        ]
        columns = list(docs[0].__dict__)
        qpq.store.execute(
            f"INSERT INTO documents ({', '.join(columns)})"
            f" VALUES ({', '.join(':' + c for c in columns)})",
            [d.__dict__ for d in docs],
        )
        del docs
        began = time.perf_counter()
        report = qpq.extract(workers=workers)
    else:
        corpus = folder / "corpus"
        corpus.mkdir()
        rows = records(count)
        for start in range(0, count, FILE_RECORDS):
            with (corpus / f"part-{start:08d}.jsonl").open("w", encoding="utf-8") as handle:
                for row in rows[start : start + FILE_RECORDS]:
                    handle.write(json.dumps(row) + "\n")
        del rows
        began = time.perf_counter()
        report = qpq.extract_corpus([corpus], workers=workers)
    took = time.perf_counter() - began
    return {
        "mode": mode, "documents": report.documents, "events": report.events,
        "workers": workers, "seconds": round(took, 1),
        "documents_per_s": round(report.documents / took), "peak_rss_mib": round(peak_mib()),
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("stored", "corpus"))
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        with tempfile.TemporaryDirectory() as tmp:
            result = child(args.mode, args.sizes[0], args.workers, Path(tmp))
        print(json.dumps(result))
        return 0
    for size in args.sizes:
        command = [sys.executable, __file__, args.mode, str(size), "--workers",
                   str(args.workers), "--child"]  # fmt: skip
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        print(out.strip().splitlines()[-1], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
