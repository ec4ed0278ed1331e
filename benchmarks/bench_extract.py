"""Words per second: the extraction cascade vs spaCy's full en_core_web_sm pipeline.

Run from the repository root:

    .venv/bin/python benchmarks/bench_extract.py [--on-topic 20] [--processes 1 2]

Corpora (no text is parsed twice within one timing, and nothing is cached between texts):
- "on-topic": the texts of the seed, dev, dev2 and train gold sets (/work/shared/eval);
- "1:10 stream" and "1:50 stream": each on-topic text followed by 10 (or 50) paragraphs
  of benchmarks/corpus/offtopic.jsonl, 300 original off-topic news paragraphs in six
  sections that share the trigger words (cycled when more are needed).
The streams use the first --on-topic texts, the on-topic row the first --alone. For
each corpus, from one run: words/s of the cascade with events only, with events and
quotes, and of spaCy's full pipeline (`nlp.pipe`, the model as packaged), and the ratios;
in 1 and 2 processes. The three systems are timed in turn, --repeat times, and each keeps
its best round (the machine may be shared: the ratios of one run are what compare); in
one process the corpus is timed in --slices parts (each at least one batch of 64 texts)
so that all three see the same load. `--clock cpu` times CPU seconds (this process and
its finished workers) instead of wall time: steadier on a loaded machine, and with 2
processes a measure of the work done, not of the wait. Then the events the off-topic
corpus yields (with and without the subject gate) and the peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from quidproquo.extract import Extractor
from quidproquo.extract.nlp import load_nlp

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
GOLD_FILES = ("seed.gold.jsonl", "dev.gold.jsonl", "dev2.gold.jsonl", "train.gold.jsonl")
OFFTOPIC = Path(__file__).resolve().parent / "corpus" / "offtopic.jsonl"
PUBLISHED = "2025-12-17"
BATCH = 64  # texts per batch, for both systems

CORPORA = ("on-topic", "1:10 stream", "1:50 stream")
_EXTRACTORS: dict[str, Extractor] = {}  # set before forking, used by the pool workers


def read_jsonl(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def gold_texts() -> list[str]:
    texts = [d["text"] for name in GOLD_FILES for d in read_jsonl(EVAL / name)]
    random.Random(8).shuffle(texts)  # all sets represented in the first N
    return texts


def stream(on_topic: list[str], off_topic: list[str], per_text: int) -> list[str]:
    """Each on-topic text followed by `per_text` off-topic paragraphs."""
    out: list[str] = []
    cursor = 0
    for text in on_topic:
        out.append(text)
        for _ in range(per_text):
            out.append(off_topic[cursor % len(off_topic)])
            cursor += 1
    return out


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (pool workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": cpu_seconds}


def best_rates(
    runs: list[Callable[[list[str]], object]],
    texts: list[str],
    repeat: int,
    slices: int,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    """Words/s of each run on `texts`, robust to a shared machine's changing load.

    The texts are cut into `slices` consecutive parts; on each part the runs take turns
    `repeat` times and each keeps its fastest time; a run's time is the sum over parts.
    """
    size = -(-len(texts) // slices)
    total = [0.0] * len(runs)
    for first in range(0, len(texts), size):
        part = texts[first : first + size]
        best = [float("inf")] * len(runs)
        for _ in range(repeat):
            for i, run in enumerate(runs):
                start = clock()
                run(part)
                best[i] = min(best[i], clock() - start)
        total = [t + b for t, b in zip(total, best, strict=True)]
    return [words(texts) / seconds for seconds in total]


def _cascade_part(args: tuple[str, list[str]]) -> int:
    name, texts = args
    items = ((t, PUBLISHED) for t in texts)
    return sum(1 for _ in _EXTRACTORS[name].extract_many(items, batch_size=BATCH))


def cascade(name: str, processes: int) -> Callable[[list[str]], object]:
    def run(texts: list[str]) -> object:
        if processes == 1:
            return _cascade_part((name, texts))
        parts = [(name, texts[i::processes]) for i in range(processes)]
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return pool.map(_cascade_part, parts)

    return run


def spacy_full(processes: int) -> Callable[[list[str]], object]:
    nlp = load_nlp(stock=True)
    return lambda texts: sum(1 for _ in nlp.pipe(texts, batch_size=BATCH, n_process=processes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--on-topic", type=int, default=40, help="on-topic texts per stream")
    parser.add_argument("--alone", type=int, default=128, help="on-topic texts timed alone")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best one counts")
    parser.add_argument("--slices", type=int, default=10, help="parts timed apart (1 process)")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall", help="what is timed")
    parser.add_argument("--corpora", nargs="+", choices=CORPORA, default=list(CORPORA))
    parser.add_argument("--no-extras", action="store_true", help="only the timings")
    args = parser.parse_args()
    _EXTRACTORS["events"] = Extractor(with_quotes=False)
    _EXTRACTORS["quotes"] = Extractor()
    nlp = load_nlp(stock=True)
    warm = 'Belarus freed two prisoners on Monday. "We are glad," said Anna Petrova.'
    for extractor in _EXTRACTORS.values():
        extractor.extract(warm, "2025-01-06")
    list(nlp.pipe(["Warm-up sentence."]))

    off_docs = read_jsonl(OFFTOPIC)
    off_topic = [d["text"] for d in off_docs]
    on_topic = gold_texts()[: args.on_topic]
    corpora = {
        "on-topic": gold_texts()[: args.alone],
        "1:10 stream": stream(on_topic, off_topic, 10),
        "1:50 stream": stream(on_topic, off_topic, 50),
    }
    print(f"clock: {args.clock}")
    header = ("corpus", "procs", "texts", "words", "events w/s", "+quotes w/s", "spaCy w/s")
    print(
        "{:12} {:>5} {:>6} {:>7} {:>11} {:>12} {:>10} {:>7} {:>8}".format(
            *header, "ratio", "ratio+q"
        )
    )
    for name in args.corpora:
        texts = corpora[name]
        for procs in args.processes:
            runs = [cascade("events", procs), cascade("quotes", procs), spacy_full(procs)]
            # parts of at least one extraction batch; 2 processes: workers start per timing
            slices = max(1, min(args.slices, len(texts) // BATCH)) if procs == 1 else 1
            events, both, full = best_rates(runs, texts, args.repeat, slices, CLOCKS[args.clock])
            print(
                f"{name:12} {procs:5d} {len(texts):6d} {words(texts):7d} {events:11,.0f}"
                f" {both:12,.0f} {full:10,.0f} {events / full:7.2f} {both / full:8.2f}"
            )

    if args.no_extras:
        return
    print(f"\noff-topic corpus: {len(off_docs)} paragraphs, {words(off_topic)} words")
    for gated in (True, False):
        extractor = Extractor(subject_gate=gated)
        found: Counter[str] = Counter()
        for doc, result in zip(
            off_docs, extractor.extract_many((t, PUBLISHED) for t in off_topic), strict=True
        ):
            found.update(f"{doc['section']}:{e.type}" for e in result.events)
        label = "with the subject gate" if gated else "without the subject gate"
        print(f"  events {label}: {sum(found.values())} {dict(sorted(found.items()))}")
    passed = sum(_EXTRACTORS["events"].gate.on_subject(t) for t in off_topic)
    print(f"  paragraphs passing the subject gate: {passed}")

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MiB (largest worker process: {children:,.0f} MiB)")


if __name__ == "__main__":
    main()
