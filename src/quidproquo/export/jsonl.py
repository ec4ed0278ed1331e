"""JSON Lines exports: one JSON object per line, written as it is read.

An incident line carries its full claim list (each claim with its source URL, document id
and evidence sentence), its claim sets and its links; a ledger line is `LedgerRow.to_dict()`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from quidproquo.export import records
from quidproquo.store import Store


def write_lines(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Each item as one line of JSON; returns the number of lines."""
    written = 0
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False, sort_keys=True, default=str) + "\n")
        written += 1
    return written


def write_jsonl(
    store: Store,
    kind: str,
    out: TextIO,
    accepted_only: bool = False,
    window_days: int = records.DEFAULT_WINDOW_DAYS,
) -> int:
    """Write one export kind as JSON Lines; returns the number of lines."""
    sources: dict[str, Callable[[], Iterable[dict[str, Any]]]] = {
        "incidents": lambda: records.incident_details(store, accepted_only),
        "claims": lambda: records.claims(store, accepted_only),
        "events": lambda: records.events(store, accepted_only),
        "quotes": lambda: records.quotes(store, accepted_only),
        "entities": lambda: records.entities(store),
        "people": lambda: records.people(store),
        "ledger": lambda: (
            r.to_dict() for r in records.ledger_rows(store, window_days, accepted_only)
        ),
    }
    return write_lines(sources[kind](), out)
