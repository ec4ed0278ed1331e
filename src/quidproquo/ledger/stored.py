"""Results computed from all the facts, stored until the facts change.

The chance test reads every release and marker; a page must not recompute it on each request.
Its result is stored in `ledger_results` with the facts version it was computed on
(`facts_version`, bumped by triggers whenever incidents, claims or links change) and reused
while that version holds. After a change, a page of a large store does not wait for it:
a separate process recomputes it while the page shows the last result. The ledger page's rows
are stored when a page first shows them (`ledger_rows`, migration 0071), each with the span of
days its window sees; a change drops only the stored rows that can show what changed
(triggers of migration 0072), so the other rows stay stored across changes.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from datetime import date
from multiprocessing.process import BaseProcess
from typing import Any, Literal

from sqlalchemy.exc import SQLAlchemyError

from quidproquo.ledger.links import CONCESSION, RELEASE, VISIT, Ledger, load_incidents
from quidproquo.ledger.stats import DEFAULT_PERIOD, chance_tests
from quidproquo.ledger.summaries import facts_version, share_lock
from quidproquo.store import CHUNK, Store, from_json, in_list, now_iso

CHANCE_TESTS = "chance_tests"  # stored as chance_tests:<period>:<day>
INLINE_INCIDENTS = 500  # up to this many incidents a page computes the test itself (~60 ms)
LISTED = 50  # facts left out (implausible dates, outside the period) listed; all are counted
State = Literal["current", "stale", "computing"]
_RUNNING: dict[tuple[str, int, bool, str], BaseProcess] = {}
_LOCK = threading.Lock()


def stored_chance_tests(
    store: Store, window_days: int = 14, accepted_only: bool = False, period: str = DEFAULT_PERIOD
) -> dict[str, Any] | None:
    """The chance tests of the whole ledger (as `LedgerTests.to_dict()`, None when there is
    nothing to test), computed once per facts version (and day: plausible dates end a year
    after today). A bad `period` raises ValueError."""
    version = facts_version(store)
    row = _stored(store, window_days, accepted_only, period)
    if row is None or row["version"] != version:
        _compute(store, window_days, accepted_only, period, version)
        row = _stored(store, window_days, accepted_only, period)
    return _result(row)


def _result(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored result; a stored error (a period that cannot be used) raises ValueError."""
    result: dict[str, Any] | None = from_json(row["result"]) if row else None
    if result is not None and "error" in result:
        raise ValueError(result["error"])
    return result


def chance_tests_for_page(
    store: Store, window_days: int = 14, accepted_only: bool = False, period: str = DEFAULT_PERIOD
) -> tuple[dict[str, Any] | None, State]:
    """What a page shows without waiting long: the stored result if it is current; else, in
    a small store, the result computed now; else a recomputation starts in a background
    process (one per database and setting; a process, so that it does not hold the web
    server's interpreter) and the page, without waiting for it, shows the last stored result
    ('stale') or none yet ('computing')."""
    version = facts_version(store)
    row = _stored(store, window_days, accepted_only, period)
    if row is not None and row["version"] == version:
        return _result(row), "current"
    key = (store.url, window_days, accepted_only, period)
    with _LOCK:
        process = _RUNNING.get(key)
        started = process is None or not process.is_alive()
    if started and _incident_count(store) <= INLINE_INCIDENTS:  # small: compute right away
        return stored_chance_tests(store, window_days, accepted_only, period), "current"
    with _LOCK:
        process = _RUNNING.get(key)
        if process is None or not process.is_alive():
            process = multiprocessing.get_context("spawn").Process(
                target=_compute_in_child,
                args=(store.url, window_days, accepted_only, period, version),
                daemon=True,
            )
            _RUNNING[key] = process
            process.start()
    if row is not None:
        return _result(row), "stale"
    return None, "computing"


def _incident_count(store: Store) -> int:
    row = store.query_one("SELECT COUNT(*) AS n FROM incidents")
    return int(row["n"]) if row else 0


def _name(period: str) -> str:
    return f"{CHANCE_TESTS}:{period}:{date.today().isoformat()}"


def _stored(
    store: Store, window_days: int, accepted_only: bool, period: str
) -> dict[str, Any] | None:
    return store.query_one(
        "SELECT version, result FROM ledger_results"
        " WHERE name = :name AND window_days = :w AND accepted_only = :a",
        {"name": _name(period), "w": window_days, "a": int(accepted_only)},
    )


def _compute_in_child(
    url: str, window_days: int, accepted_only: bool, period: str, version: int
) -> None:
    _compute(Store(url, migrate=False), window_days, accepted_only, period, version)


def _listed(result: dict[str, Any]) -> dict[str, Any]:
    """The result with its lists of left-out facts cut to their first LISTED (a large store
    can leave out tens of thousands: a page would read and show them all), and their totals."""
    for name in ("excluded", "outside_period"):
        result[f"{name}_total"] = len(result[name])
        result[name] = result[name][:LISTED]
    return result


def tested_facts(store: Store, window_days: int, accepted_only: bool) -> Ledger:
    """What the chance test reads: the releases, visits and relief steps, without the rows of
    the ledger (attaching its markers to every release costs more than the test itself)."""
    incidents = load_incidents(store, accepted_only, types=(RELEASE, VISIT, CONCESSION))
    return Ledger(window_days, accepted_only, [], incidents)


def _compute(
    store: Store, window_days: int, accepted_only: bool, period: str, version: int
) -> None:
    key = {"name": _name(period), "w": window_days, "a": int(accepted_only)}
    try:
        tests = chance_tests(tested_facts(store, window_days, accepted_only), period)
        result: dict[str, Any] | None = _listed(tests.to_dict()) if tests else None
    except ValueError as exc:  # an unknown rule or a start after the last fact
        result = {"error": str(exc)}
    # Stored under the version read *before* computing: a change meanwhile makes it stale.
    store.execute(
        "INSERT INTO ledger_results (name, window_days, accepted_only, version, result,"
        " computed_at) VALUES (:name, :w, :a, :v, :r, :t)"
        " ON CONFLICT (name, window_days, accepted_only) DO UPDATE SET version = :v,"
        " result = :r, computed_at = :t",
        key | {"v": version, "r": json.dumps(result, default=str), "t": now_iso()},
    )


# -- ledger rows as a page shows them ------------------------------------------------------

RowFormat = Literal["html", "json"]  # a column of ledger_rows


def stored_rows(
    store: Store,
    ids: list[str],
    window_days: int,
    accepted_only: bool,
    form: RowFormat,
) -> dict[str, str]:
    """release id -> its stored row in `form`. A stored row is current: triggers drop it when
    something it can show changes (migration 0072)."""
    column = _column(form)
    found: dict[str, str] = {}
    for start in range(0, len(ids), CHUNK):
        names, params = in_list("r", ids[start : start + CHUNK])
        for row in store.query(
            f"SELECT release_id, {column} AS row FROM ledger_rows WHERE release_id IN ({names})"
            f" AND window_days = :w AND accepted_only = :a"
            f" AND {column} IS NOT NULL",
            params | {"w": window_days, "a": int(accepted_only)},
        ):
            found[row["release_id"]] = row["row"]
    return found


def keep_rows(
    store: Store,
    rows: dict[str, str],
    spans: dict[str, tuple[str, str] | None],
    window_days: int,
    accepted_only: bool,
    version: int,
    form: RowFormat,
) -> None:
    """Store rows in `form` made on facts `version`, unless the facts changed since, each
    with the span of days (first, last) its release's window sees (`spans`, None for a
    release without dates). The row's other form, if stored, is current too and kept."""
    column = _column(form)
    try:
        store.execute(
            "INSERT INTO ledger_rows (release_id, window_days, accepted_only, version,"
            f" {column}, computed_at, span_low, span_high)"
            " SELECT :id, :w, :a, :v, :row, :at, :low, :high FROM facts_version"
            f" WHERE id = 1 AND version = :v{share_lock(store)}"
            " ON CONFLICT (release_id, window_days, accepted_only) DO UPDATE SET"
            f" {column} = excluded.{column},"
            " version = excluded.version, computed_at = excluded.computed_at,"
            " span_low = excluded.span_low, span_high = excluded.span_high",
            [{"id": release_id, "w": window_days, "a": int(accepted_only), "v": version,
              "row": row, "at": now_iso(), "low": (spans.get(release_id) or (None, None))[0],
              "high": (spans.get(release_id) or (None, None))[1]}
             for release_id, row in rows.items()],
        )  # fmt: skip
    except SQLAlchemyError:  # a read-only or busy database: the next page makes them again
        return


def _column(form: str) -> str:
    if form not in ("html", "json"):
        raise ValueError(f"a ledger row is stored as html or json, not {form!r}")
    return form
