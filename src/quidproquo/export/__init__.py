"""Exports of the store as CSV, JSON Lines or FollowTheMoney entities, streamed row by row.

- `export(store, kind, fmt, out, *, accepted_only=False, window_days=None) -> int`
  kinds: incidents, claims, events, quotes, entities, people, ledger; formats: csv, jsonl, ftm
  (ftm: incidents and entities). Returns the number of rows (lines) written.
"""

from __future__ import annotations

from typing import TextIO

from quidproquo.export.csv import write_csv
from quidproquo.export.ftm import FTM_KINDS, write_ftm
from quidproquo.export.jsonl import write_jsonl
from quidproquo.export.records import DEFAULT_WINDOW_DAYS
from quidproquo.store import Store

KINDS = ("incidents", "claims", "events", "quotes", "entities", "people", "ledger")
FORMATS = ("csv", "jsonl", "ftm")


class ExportError(ValueError):
    """The export asked for cannot be made; the message says why."""


def check_request(
    kind: str, fmt: str, accepted_only: bool = False, window_days: int | None = None
) -> None:
    """Raise ExportError for an unknown kind or format, or options the kind does not take."""
    if kind not in KINDS:
        raise ExportError(f"unknown export {kind!r}; choose from {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "ftm" and kind not in FTM_KINDS:
        raise ExportError(f"format ftm exports {' and '.join(FTM_KINDS)} only, not {kind}")
    if window_days is not None and kind != "ledger":
        raise ExportError(f"--window applies to the ledger export, not {kind}")
    if window_days is not None and window_days < 0:
        raise ExportError(f"window must be 0 days or more, got {window_days}")
    if accepted_only and kind in ("entities", "people"):
        raise ExportError(f"{kind} carry no review status: --accepted-only does not apply")


def export(
    store: Store,
    kind: str,
    fmt: str,
    out: TextIO,
    *,
    accepted_only: bool = False,
    window_days: int | None = None,
) -> int:
    """Write one kind of record to `out` in one format; returns the rows written."""
    check_request(kind, fmt, accepted_only, window_days)
    window = DEFAULT_WINDOW_DAYS if window_days is None else window_days
    if fmt == "csv":
        return write_csv(store, kind, out, accepted_only, window)
    if fmt == "jsonl":
        return write_jsonl(store, kind, out, accepted_only, window)
    return write_ftm(store, kind, out, accepted_only)


__all__ = ["DEFAULT_WINDOW_DAYS", "FORMATS", "KINDS", "ExportError", "check_request", "export"]
