"""The registry of people on a generated store: the people page, `qpq people` and the people
export, read from the stored registry (migration 0075), beside building it whole.

    .venv/bin/python benchmarks/generate.py --db /tmp/qpq-100k.db --events 100000
    .venv/bin/python benchmarks/bench_people.py --db /tmp/qpq-100k.db --name-people

The generator names nobody; `--name-people` first gives each detention, release, deportation
and exchange one to three invented names (seeded, from a pool of about a third as many people
as such incidents; one pooled name in ten is also an alias of one of the generated entities),
once. Then, each timed through the real web app in this process (median of `--runs` after one
warm-up; wall ms and this process's CPU ms): building the registry whole (what every people
page cost before it was stored), the first people page after a change of the names (the
registry built whole and stored again), the first people page after a change of one named
incident or a reviewer's date on one (only its people rebuilt), stored pages (first, deep
by keyset, by status, JSON), `qpq people --limit 100`,
and the CSV export of the whole registry.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from click.testing import CliRunner
from starlette.testclient import TestClient

from quidproquo.app import Quidproquo
from quidproquo.cli import main as cli
from quidproquo.export import export
from quidproquo.resolve import review
from quidproquo.resolve.names import name_key
from quidproquo.resolve.people import PEOPLE_TYPES, build_registry
from quidproquo.store import Store
from quidproquo.web import create_app

SYLLABLES = ("ka", "lo", "vi", "ran", "sto", "mi", "ul", "da", "ber", "sha", "no", "tik", "za",
             "mer", "po", "hel", "ru", "vas", "ni", "gor")  # fmt: skip


def invented_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct names of two invented words each."""
    names: set[str] = set()
    while len(names) < count:
        first = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        last = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        names.add(f"{first} {last}")
    return sorted(names)


def name_people(store: Store, seed: int = 1) -> dict[str, int]:
    """Give each people incident one to three invented names; a tenth of the pooled names
    become aliases of generated entities."""
    rng = random.Random(seed)
    kinds = ", ".join(f"'{t}'" for t in PEOPLE_TYPES)
    ids = [r["id"] for r in store.query(f"SELECT id FROM incidents WHERE type IN ({kinds})"
                                        " ORDER BY id")]  # fmt: skip
    pool = invented_names(max(len(ids) // 3, 1), rng)
    rows = [{"p": json.dumps(rng.sample(pool, rng.randint(1, 3))), "i": i} for i in ids]
    entities = [r["id"] for r in store.query("SELECT id FROM entities WHERE kind = 'person'"
                                             " ORDER BY id")]  # fmt: skip
    aliases = [{"e": rng.choice(entities), "a": name, "k": name_key(name)}
               for name in pool[::10]] if entities else []  # fmt: skip
    with store.transaction() as conn:
        store.execute("UPDATE incidents SET persons = :p WHERE id = :i", rows, conn)
        if aliases:
            store.execute("INSERT INTO entity_aliases (entity_id, alias, alias_key)"
                          " VALUES (:e, :a, :k) ON CONFLICT DO NOTHING", aliases, conn)  # fmt: skip
    return {"people incidents named": len(rows), "names pooled": len(pool),
            "aliases added": len(aliases)}  # fmt: skip


def timed(runs: int, work: Callable[[], object], before_each: Callable[[], object] | None = None,
          warm: int = 1) -> dict[str, float]:  # fmt: skip
    """Median wall and CPU ms of `work` (after `warm` untimed runs), and the slowest wall."""
    wall, cpu = [], []
    for n in range(runs + warm):
        if before_each is not None:
            before_each()
        began, began_cpu = time.perf_counter(), time.process_time()
        work()
        if n >= warm:
            wall.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
    return {"median_ms": round(statistics.median(wall), 1), "max_ms": round(max(wall), 1),
            "cpu_median_ms": round(statistics.median(cpu), 1)}  # fmt: skip


def run(db: str, runs: int, name: bool) -> dict[str, Any]:
    qpq = Quidproquo(db)
    store = qpq.store
    results: dict[str, Any] = {"store": store.dialect, "load average at start": os.getloadavg()}
    if name:
        results["named"] = name_people(store)
    client = TestClient(create_app(project=qpq), base_url="http://localhost")

    def get(url: str) -> Callable[[], object]:
        def request() -> object:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
            return response
        return request

    today = date.today().isoformat()
    results["registry built whole (each page before)"] = timed(
        max(runs // 2, 1), lambda: build_registry(store, today), warm=0
    )
    edits = iter(range(10**9))

    def alias_change() -> None:  # an alias of a name nobody bears: every stored result stale
        alias = f"Nobody Benchmark {time.time_ns()} {next(edits)}"
        store.execute("INSERT INTO entity_aliases (entity_id, alias, alias_key) SELECT id,"
                      " :a, :k FROM entities ORDER BY id LIMIT 1",
                      {"a": alias, "k": name_key(alias)})  # fmt: skip

    results["people page, first view after a change (registry built and stored)"] = timed(
        max(runs // 2, 1), get("/people"), alias_change, warm=0
    )
    people_incidents = [r["id"] for r in store.query(
        "SELECT id FROM incidents WHERE persons <> '[]' AND status <> 'rejected' ORDER BY id")]
    chosen = iter(random.Random(2).sample(people_incidents, min(len(people_incidents), 100)))

    def fact_change() -> None:  # one named incident's notes: its people are rebuilt
        store.execute("UPDATE incidents SET notes = :n WHERE id = :i",
                      {"n": f"benchmark note {next(edits)}", "i": next(chosen)})  # fmt: skip

    def review_change() -> None:  # a reviewer corrects one named incident's date
        incident = next(chosen)
        row = store.query_one("SELECT date_min FROM incidents WHERE id = :i", {"i": incident})
        day = (row or {}).get("date_min") or "2015-01-01"
        review.correct(store, "incident", incident, {"date": day[:8] + "15"}, "benchmark")

    results["people page, first view after a change of one named incident (its people)"] = timed(
        runs, get("/people"), fact_change, warm=1
    )
    results["people page, first view after a reviewer's date (its people)"] = timed(
        runs, get("/people"), review_change, warm=1
    )
    state = store.query_one("SELECT people_updated FROM people_registry_state WHERE id = 1")
    results["people rewritten by the last change"] = state["people_updated"] if state else None
    everyone = store.query_one("SELECT COUNT(*) AS n FROM people_registry")
    middle = (everyone or {"n": 0})["n"] // 2
    deep = store.query_one("SELECT person_key FROM people_registry"
                           " ORDER BY rank, sort_name, person_key"
                           " LIMIT 1 OFFSET :o", {"o": middle})  # fmt: skip
    results["people in the registry"] = everyone["n"] if everyone else 0
    pages = {"people page, first (100)": "/people",
             "people page, deep by keyset (100)": f"/people?after={deep['person_key']}"
             if deep else "/people",
             "people page, status held (100)": "/people?status=held",
             "people JSON, first (100)": "/people.json"}  # fmt: skip
    for label, url in pages.items():
        results[label] = timed(runs, get(url))
    runner = CliRunner()
    results["qpq people --limit 100 --json"] = timed(
        runs, lambda: runner.invoke(cli, ["people", "--limit", "100", "--json", "--db", db])
    )
    out = io.StringIO()
    began, began_cpu = time.perf_counter(), time.process_time()
    written = export(store, "people", "csv", out)
    results["people CSV export"] = {
        "rows": written, "seconds": round(time.perf_counter() - began, 2),
        "cpu_s": round(time.process_time() - began_cpu, 2),
    }  # fmt: skip
    results["load average at end"] = os.getloadavg()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a store made by benchmarks/generate.py")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--name-people", action="store_true",
                        help="First give the people incidents invented names (once).")  # fmt: skip
    args = parser.parse_args(argv)
    print(json.dumps(run(args.db, args.runs, args.name_people), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
