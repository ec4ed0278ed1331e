"""Fill a store with N synthetic events and everything around them, fast, for query benchmarks.

    .venv/bin/python benchmarks/generate.py --db /tmp/qpq-1m.db --events 1000000
    .venv/bin/python benchmarks/generate.py --db postgresql://postgres@127.0.0.1/qpq1m \
        --events 100000

Proportions (per 1,000 events): 200 documents, about 340 incidents, 1,500 claims (a date claim
per event, a count claim for about half), 100 quotes, 5 entities with 3 spellings each, 600
entity mentions, 10 source links and denials, and 20 review decisions (accepted, rejected,
corrected) with their hash-chained audit-log rows; 2% of events and claims and 5% of
incidents are reviewed. Incident sizes follow a heavy tail: most incidents are told by 1 to 5
events, about one in 300 by 150 to 600. Dates run from 2000 to mid-2026.
Rows go in with executemany (SQLite) or COPY (PostgreSQL), 20,000 at a time, into a fresh
store (the target must be empty), with the secondary indexes made after the load; then every
incident's summary is computed and stored (`ledger.summaries.fill`), and its row of the CSV
export by a first export. The text is synthetic and says nothing true.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from quidproquo.export import export
from quidproquo.ledger.summaries import fill
from quidproquo.resolve.review import GENESIS_HASH, row_hash
from quidproquo.store import Store

CHUNK = 20_000
START, DAYS = date(2000, 1, 1), 9_700  # to mid-2026
# Event types and their share of all events.
TYPES = (
    ("release", 30), ("detention", 18), ("visit", 10), ("sanctions_eased", 8),
    ("deportation", 8), ("prisoner_count", 10), ("sanctions_imposed", 6), ("exchange", 5),
    ("denial", 5),
)  # fmt: skip
PLACES = ("Vilnius", "Warsaw", "Riga", "the Lithuanian border", "Kyiv")
PUBLISHERS = ("Example Wire", "Harbour Post", "Lakeside Daily", "Northern Ledger", "The Courier")
REVIEWERS = ("ana", "boris", "chen", "dana")
FIRST = ("Aleh", "Maryia", "Ihar", "Volha", "Siarhei", "Nasta", "Pavel", "Yulia", "Dzmitry")
LAST = ("Kavalenka", "Novik", "Sidarenka", "Lukina", "Barysau", "Zhuk", "Malash", "Hrytsuk")


def hexid(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:20]


def day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


class Generator:
    """Rows of every table for `events` events, drawn from one seeded random stream."""

    def __init__(self, events: int, seed: int) -> None:
        self.n = events
        self.rng = random.Random(seed)
        self.documents = max(events // 5, 1)
        self.entities = max(events // 200, 10)
        self.stamp = "2026-06-30T12:00:00+00:00"
        # incidents: sizes from a heavy tail until every event has one
        self.sizes: list[int] = []
        left = events
        while left > 0:
            r = self.rng.random()
            size = self.rng.randint(150, 600) if r < 0.003 else int(self.rng.paretovariate(1.6))
            size = max(1, min(size, left))
            self.sizes.append(size)
            left -= size
        self.types = self.rng.choices([t for t, _ in TYPES], [w for _, w in TYPES],
                                      k=len(self.sizes))  # fmt: skip
        self.days = [self.rng.randrange(DAYS) for _ in self.sizes]

    # -- documents ---------------------------------------------------------------------
    def document_text(self, d: int) -> str:
        n = 10 + d % 300
        place = PLACES[d % len(PLACES)]
        return (
            f"Report {d}. The authorities let {n} detainees go, a monitoring group said. "
            f"Most of them were driven to {place}. An envoy was in the capital that week. "
            f"Relatives said the releases came in small groups over several days."
        )

    def document_rows(self) -> Iterator[tuple[Any, ...]]:
        for d in range(self.documents):
            text = self.document_text(d)
            digest = hashlib.sha256(text.encode()).hexdigest()
            yield (
                digest[:16], digest, "jsonl", f"https://news.example/{d}",
                PUBLISHERS[d % len(PUBLISHERS)], f"Report {d}", day(d * DAYS // self.documents),
                self.stamp, "en", "synthetic.jsonl", f"s{d}", text, "extracted", self.stamp,
            )  # fmt: skip

    def doc_id(self, d: int) -> str:
        text = self.document_text(d)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    # -- events, incidents, claims -------------------------------------------------------
    def incident_id(self, i: int) -> str:
        return f"inc-{hexid('incident', i)[:12]}"

    def facts(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """('events' | 'incidents' | 'claims' | 'quotes' | 'entity_mentions', row) in order."""
        rng, e = self.rng, 0
        for i, size in enumerate(self.sizes):
            kind, first = self.types[i], self.days[i]
            width = 0 if rng.random() < 0.8 else rng.randint(1, 30)
            count = rng.randint(1, 300) if kind in ("release", "detention", "deportation") else None
            inc = self.incident_id(i)
            contested = int(size > 1 and rng.random() < 0.15)
            status = "accepted" if rng.random() < 0.05 else "candidate"
            yield "incidents", (
                inc, kind, day(first), day(first + width), count, "exact" if count else None,
                "general_license" if kind == "sanctions_eased" else None, None,
                "US Treasury" if kind == "sanctions_eased" else None,
                "Belavia" if kind.startswith("sanctions") else None,
                PLACES[i % len(PLACES)] if kind == "release" else None, "[]", contested, status,
                "extracted", None, self.stamp, self.stamp,
            )  # fmt: skip
            for _ in range(size):
                d = self.reporting_document(first)
                doc, text = self.doc_id(d), self.document_text(d)
                end = text.index(".", 10) + 1
                said = count if count is None or rng.random() > 0.1 else count + rng.randint(1, 5)
                ev = hexid("event", e)
                ev_status = rng.choices(("candidate", "accepted", "rejected"), (98, 1.5, 0.5))[0]
                yield "events", (
                    ev, doc, kind, day(first), day(first + width), said,
                    "exact" if said else None, None, None, "[]",
                    PLACES[e % len(PLACES)] if kind == "release" else None, "asserted", None,
                    text[:end], 0, end, ev_status, self.stamp,
                )  # fmt: skip
                date_value = json.dumps({"max": day(first + width), "min": day(first)})
                yield "claims", self.claim(inc, "date", date_value, doc, ev, text[:end], e)
                if said is not None:
                    yield "claims", self.claim(inc, "count", json.dumps(said), doc, ev,
                                               text[:end], e)  # fmt: skip
                if rng.random() < 0.5:
                    yield "entity_mentions", (
                        f"ent-{rng.randrange(self.entities)}", inc, ev, None, "person", None
                    )
                if rng.random() < 0.1:
                    q = hexid("quote", e)
                    yield "quotes", (
                        q, doc, None, "We are relieved to see them home", 0, 33, 0, end,
                        "candidate", self.stamp,
                    )
                    yield "entity_mentions", (
                        f"ent-{rng.randrange(self.entities)}", None, None, q, "speaker", None
                    )
                e += 1

    def reporting_document(self, first: int) -> int:
        """A document published within about 60 days after the day `first` (documents are
        spread evenly over the days), so that events are reported after they happen."""
        start = -(-first * self.documents // DAYS)  # the first document on or after that day
        spread = max(self.documents * 60 // DAYS, 1)
        return min(start + self.rng.randrange(spread), self.documents - 1)

    def claim(
        self, inc: str, prop: str, value: str, doc: str, ev: str, evidence: str, e: int
    ) -> tuple[Any, ...]:
        status = "candidate" if self.rng.random() < 0.98 else "accepted"
        return (
            f"clm-{hexid(inc, prop, e)[:12]}", inc, prop, value, None, None, doc, ev,
            None, evidence, 0, len(evidence), status, "extracted", None, None, self.stamp,
            self.stamp,
        )  # fmt: skip

    def link_rows(self) -> Iterator[tuple[Any, ...]]:
        """Source links between nearby incidents and denials, about one per 100 events."""
        seen = set()
        for _ in range(max(self.n // 100, 1)):
            a = self.rng.randrange(len(self.sizes))
            b = min(a + self.rng.randint(1, 50), len(self.sizes) - 1)
            kind = "denies" if self.types[a] == "denial" else "linked"
            x, y = self.incident_id(a), self.incident_id(b)
            if kind == "linked":
                x, y = sorted((x, y))
            if x != y and (x, y, kind) not in seen:
                seen.add((x, y, kind))
                yield (x, y, kind, "synthetic", self.stamp)

    def entity_rows(self) -> Iterator[tuple[Any, ...]]:
        for k in range(self.entities):
            name = f"{FIRST[k % len(FIRST)]} {LAST[(k // len(FIRST)) % len(LAST)]} {k}"
            yield ("entities", (f"ent-{k}", name, "person", None, "{}", "extracted"))
            for spelling in (name, name.upper(), name.replace(" ", "  ")):
                yield ("entity_aliases", (f"ent-{k}", spelling, f"key {k} {spelling[:2]}"))

    def audit_rows(self) -> Iterator[tuple[Any, ...]]:
        """Review decisions (2% of events) as a valid hash chain."""
        prev = GENESIS_HASH
        for seq in range(1, max(self.n // 50, 1) + 1):
            action = self.rng.choice(("accept", "reject", "correct"))
            row: dict[str, Any] = {
                "seq": seq, "id": hexid("audit", seq), "at": self.stamp,
                "reviewer": REVIEWERS[seq % len(REVIEWERS)], "object_type": "event",
                "object_id": hexid("event", self.rng.randrange(self.n)), "action": action,
                "before": json.dumps({"status": "candidate"}),
                "after": json.dumps({"status": action + "ed"}), "note": None, "prev_hash": prev,
            }  # fmt: skip
            row["hash"] = prev = row_hash(row)
            yield tuple(row[c] for c in COLUMNS["audit_log"])


# In the order rows may refer to each other.
COLUMNS: dict[str, Sequence[str]] = {
    "documents": ("id", "content_hash", "kind", "url", "publisher", "title", "published",
                  "retrieved", "language", "source_path", "source_id", "text", "status",
                  "extracted_at"),
    "incidents": ("id", "type", "date_min", "date_max", "count", "count_qualifier", "instrument",
                  "instrument_label", "actor", "target", "destination", "persons", "contested",
                  "status", "origin", "notes", "created_at", "updated_at"),
    "events": ("id", "document_id", "type", "date_min", "date_max", "count", "count_qualifier",
               "actor", "target", "persons", "destination", "modality", "instrument",
               "evidence", "sentence_start", "sentence_end", "status", "created_at"),
    "claims": ("id", "incident_id", "property", "value", "qualifier", "attributed_to",
               "document_id", "event_id", "source_url", "evidence", "sentence_start",
               "sentence_end", "status", "origin", "as_of", "note", "first_seen", "last_seen"),
    "quotes": ("id", "document_id", "speaker", "text", "quote_start", "quote_end",
               "sentence_start", "sentence_end", "status", "created_at"),
    "incident_links": ("incident_id", "other_id", "kind", "source", "created_at"),
    "entities": ("id", "name", "kind", "role", "attributes", "origin"),
    "entity_aliases": ("entity_id", "alias", "alias_key"),
    "entity_mentions": ("entity_id", "incident_id", "event_id", "quote_id", "role", "mention"),
    "audit_log": ("seq", "id", "at", "reviewer", "object_type", "object_id", "action", "before",
                  "after", "note", "prev_hash", "hash"),
}  # fmt: skip


class Writer:
    """Buffered bulk inserts: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.engine.raw_connection()
        self.buffers: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLUMNS}
        self.counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= CHUNK:
            self.flush_all()

    def flush_all(self) -> None:
        """Every buffer, those referred to first (rows are made before their referrers)."""
        for table in COLUMNS:
            self.flush(table)

    def flush(self, table: str) -> None:
        rows, columns = self.buffers[table], COLUMNS[table]
        if not rows:
            return
        cursor = self.conn.cursor()
        if self.store.dialect == "postgresql":
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
            )
        self.counts[table] += len(rows)
        rows.clear()

    def close(self) -> None:
        self.flush_all()
        self.conn.commit()
        self.conn.close()


def secondary_indexes(store: Store) -> dict[str, str]:
    """name -> CREATE statement of every index that is not a primary key or unique."""
    if store.dialect == "sqlite":
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        rows = store.query(sql)
        return {r["name"]: r["sql"] for r in rows if "UNIQUE" not in r["sql"].upper()}
    rows = store.query(
        "SELECT indexname AS name, indexdef AS sql FROM pg_indexes"
        " WHERE schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE%'"
    )
    return {r["name"]: r["sql"] for r in rows}


def version_triggers(store: Store) -> dict[str, str]:
    """SQLite's row-level facts-version triggers (PostgreSQL's fire once per statement)."""
    if store.dialect != "sqlite":
        return {}
    rows = store.query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_version'"
    )
    return {r["name"]: r["sql"] for r in rows}


def row_triggers(store: Store) -> list[tuple[str, str]]:
    """(table, trigger) of PostgreSQL's row triggers that drop stored ledger rows (0072): each
    reads the incidents for every row loaded, and a fresh store has no stored rows to drop."""
    if store.dialect != "postgresql":
        return []
    rows = store.query(
        "SELECT c.relname AS tab, t.tgname AS name FROM pg_trigger t"
        " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND NOT t.tgisinternal"
        " AND t.tgname LIKE '%rows_version'"
    )
    return [(r["tab"], r["name"]) for r in rows]


def generate(db: str, events: int, seed: int = 1) -> dict[str, int]:
    """Bulk-load a fresh store: secondary indexes and row triggers are dropped (or disabled)
    during the load and made again after it (as their migrations define them), then the
    version is bumped."""
    store = Store(db)
    if store.query_one("SELECT id FROM documents LIMIT 1"):
        raise SystemExit(f"{db}: not empty; generate into a fresh store")
    indexes, triggers = secondary_indexes(store), version_triggers(store)
    disabled = row_triggers(store)
    with store.transaction() as conn:
        for name in indexes:
            conn.exec_driver_sql(f"DROP INDEX {name}")
        for name in triggers:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        for table, name in disabled:
            conn.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
    gen = Generator(events, seed)
    writer = Writer(store)
    if store.dialect == "sqlite":
        writer.conn.cursor().execute("PRAGMA synchronous = OFF")
        writer.conn.cursor().execute("PRAGMA cache_size = -1000000")  # 1 GB while loading
    for row in gen.document_rows():
        writer.add("documents", row)
    for table, row in gen.entity_rows():
        writer.add(table, row)
    writer.flush_all()
    for table, row in gen.facts():
        writer.add(table, row)
    writer.flush_all()
    for row in gen.link_rows():
        writer.add("incident_links", row)
    for row in gen.audit_rows():
        writer.add("audit_log", row)
    writer.close()
    with store.transaction() as conn:
        for statement in [*indexes.values(), *triggers.values()]:
            conn.exec_driver_sql(statement)
        for table, name in disabled:
            conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
        conn.exec_driver_sql("UPDATE facts_version SET version = version + 1 WHERE id = 1")
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    # Each incident's claims summed up, as a first read would (ledger/summaries.py).
    writer.counts["incident_summaries"] = fill(store)
    # ... and each incident's row of the CSV export, as a first export would (migration 0070).
    with open(os.devnull, "w") as nowhere:
        writer.counts["incident_csv_lines"] = export(store, "incidents", "csv", nowhere)
    store.engine.dispose()
    return writer.counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file or postgresql:// URL (empty)")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    counts = generate(args.db, args.events, args.seed)
    took = time.perf_counter() - began
    print(json.dumps({"events": args.events, "seconds": round(took, 1), "rows": counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
