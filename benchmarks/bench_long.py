"""Extraction time and memory against the length of one document (issue 10, item 2).

    .venv/bin/python benchmarks/bench_long.py --mb 1 10 50

Each size runs in its own process: it builds one synthetic document of that many megabytes
(paragraphs of sentences written for this benchmark; one paragraph in `--every` is about
releases, visits or sanctions, the rest is general news), extracts it once with the
`Extractor` after loading the model, and prints wall and CPU seconds, characters per CPU
second, events found and the peak resident memory of that process. Linear means the rate stays
flat as the size grows and the memory does not grow with it (documents are read in chunks:
see extract/chunks.py).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

ON_TOPIC = [
    "Officials in Minsk released {n} prisoners on {d} March 2025, among them {p}.",
    "{p} was taken into custody in Homel, a monitoring group reported.",
    "A US envoy arrived in Minsk on {d} April 2025 for talks with the government.",
    "The Treasury eased restrictions on the state airline after the talks.",
    "Monitors counted {n} people still behind bars as of {d} May 2025.",
    '"We expect more to go home," {p} told reporters after the meeting.',
]
OFF_TOPIC = [
    "The city council approved a new budget for road repairs on the eastern side.",
    "Farmers reported a late harvest after weeks of rain across the region.",
    "A local football club signed two young players before the winter break.",
    "Museum visitors can see the restored paintings from next month, the curator said.",
    "Prices at the central market rose slightly, led by vegetables and dairy.",
    "The railway company plans to replace its oldest carriages within three years.",
]
FIRST = ["Anton", "Maryna", "Pavel", "Volha", "Ihar", "Nina", "Siarhei", "Vera", "Yury"]
LAST = ["Karpovich", "Lisouskaya", "Miadzvedz", "Haurylchyk", "Barysevich", "Shuba", "Rabchuk"]


def document(megabytes: float, every: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    total = 0
    while total < target:
        pool = ON_TOPIC if len(parts) % every == 0 else OFF_TOPIC
        sentences = [
            rng.choice(pool).format(
                n=rng.randint(2, 300),
                d=rng.randint(1, 28),
                p=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            )
            for _ in range(5)
        ]
        paragraph = " ".join(sentences)
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)


def one(megabytes: float, every: int) -> dict[str, float]:
    from quidproquo.extract import Extractor

    extractor = Extractor()
    extractor.extract("Officials released 3 prisoners on 2 May 2025.", "2025-05-03")
    text = document(megabytes, every)
    start, cpu = time.perf_counter(), time.process_time()
    found = extractor.extract(text, "2025-06-01")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "mb": megabytes,
        "characters": len(text),
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "chars_per_cpu_s": round(len(text) / cpu),
        "events": len(found.events),
        "quotes": len(found.quotes),
        "peak_mib": round(peak_kib / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 10, 50])
    parser.add_argument("--every", type=int, default=10, help="one on-topic paragraph in N")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one(args.mb[0], args.every)))
        return
    print("| MB | characters | wall s | CPU s | chars/CPU s | events | quotes | peak RSS (MiB) |")
    print("|---|---|---|---|---|---|---|---|")
    for size in args.mb:
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--mb", str(size), "--every", str(args.every)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {r['mb']:g} | {r['characters']:,} | {r['seconds']} | {r['cpu_seconds']} |"
            f" {r['chars_per_cpu_s']:,} |"
            f" {r['events']:,} | {r['quotes']:,} | {r['peak_mib']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
