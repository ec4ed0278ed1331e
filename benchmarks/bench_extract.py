"""Words per second: our extraction cascade vs spaCy's full en_core_web_sm pipeline.

Run from the repository root:

    .venv/bin/python benchmarks/bench_extract.py [--words 6000]

Three corpora, each replicated to at least --words words:
- "on-topic": the texts of the seed and dev gold sets (every sentence is about the trades);
- "general news": original off-topic paragraphs written for this benchmark, with one
  on-topic dev text for every eight of them, so that few sentences pass the prefilter;
- "off-topic only": those paragraphs alone, what most of a general news stream looks like.
Peak resident memory of the process is printed at the end.
Both systems see the same texts in one process; the model is loaded before timing.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from quidproquo.extract import Extractor
from quidproquo.extract.nlp import load_nlp

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
GOLD_FILES = ("seed.gold.jsonl", "dev.gold.jsonl")

# Original off-topic news paragraphs (written for this benchmark).
GENERAL_NEWS = [
    "The city council approved a plan on Tuesday to repave forty streets before winter. "
    "Engineers said the work would start in the northern districts, where potholes are worst.",
    "Shares in the regional grocery chain rose 4 percent after it reported higher sales of "
    "fresh produce. Analysts expect the company to open twelve new stores next year.",
    "A late frost damaged apple orchards across the valley, and growers warned that prices "
    "could climb in the autumn. Some farmers have started covering young trees at night.",
    "The national football team drew 1-1 in a friendly match, with the equaliser coming in "
    "the final minute. The coach said he was pleased with the younger players.",
    "Researchers at the university published a study on sleep and memory in teenagers. "
    "Students who slept more than eight hours scored better on recall tests.",
    "Heavy rain flooded several underpasses in the capital, and commuters faced delays of "
    "up to an hour. The weather service expects drier conditions by the weekend.",
    "The museum reopened its east wing after a two-year renovation that restored the original "
    "ceilings. Visitors can now see the textile collection in brighter galleries.",
    "A new ferry line will connect the two island towns from June, cutting the crossing time "
    "to forty minutes. Tickets go on sale next month.",
]


def gold_texts() -> list[str]:
    texts = []
    for name in GOLD_FILES:
        with (EVAL / name).open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return texts


def replicate(texts: list[str], words: int) -> list[str]:
    out: list[str] = []
    while sum(len(t.split()) for t in out) < words:
        out.extend(texts)
    return out


def general_mix(on_topic: list[str]) -> list[str]:
    mix = []
    for i, text in enumerate(on_topic):
        mix.extend(GENERAL_NEWS)
        mix.append(text)
        if i >= 3:
            break
    return mix


def rate(run, texts: list[str]) -> float:
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    run(texts)
    return words / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=6000, help="minimum words per corpus")
    args = parser.parse_args()
    extractor = Extractor()
    events_only = Extractor(with_quotes=False)
    nlp = load_nlp()
    warm = 'Belarus freed two prisoners on Monday. "We are glad," said Anna Petrova.'
    extractor.extract(warm, "2025-01-06")
    list(nlp.pipe(["Warm-up sentence."]))
    corpora = {
        "on-topic (seed+dev)": replicate(gold_texts(), args.words),
        "general news mix": replicate(general_mix(gold_texts()), args.words),
        "off-topic only": replicate(GENERAL_NEWS, args.words),
    }
    header = ("corpus", "words", "events w/s", "+quotes w/s", "spaCy full w/s", "ratio", "ratio+q")
    print("{:22} {:>7} {:>11} {:>12} {:>15} {:>6} {:>8}".format(*header))
    for name, texts in corpora.items():

        def cascade(ts: list[str], ex: Extractor) -> None:
            list(ex.extract_many((t, "2025-12-17") for t in ts))

        events = rate(lambda ts: cascade(ts, events_only), texts)
        both = rate(lambda ts: cascade(ts, extractor), texts)
        full = rate(lambda ts: list(nlp.pipe(ts, batch_size=64)), texts)
        words = sum(len(t.split()) for t in texts)
        print(
            f"{name:22} {words:7d} {events:11,.0f} {both:12,.0f} {full:15,.0f}"
            f" {events / full:6.2f} {both / full:8.2f}"
        )


    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
