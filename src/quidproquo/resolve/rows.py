"""Writing incidents, claims and links: row shapes shared by the curated loader and resolve()."""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

from quidproquo.store import Store, now_iso, to_json

INCIDENT_COLUMNS = (
    "id", "type", "date_min", "date_max", "count", "count_qualifier", "instrument",
    "instrument_label", "actor", "target", "destination", "persons", "contested", "status",
    "origin", "notes", "created_at", "updated_at",
)  # fmt: skip
CLAIM_COLUMNS = (
    "id", "incident_id", "property", "value", "qualifier", "attributed_to", "document_id",
    "event_id", "source_url", "evidence", "sentence_start", "sentence_end", "status", "origin",
    "as_of", "note", "first_seen", "last_seen",
)  # fmt: skip

# Instrument labels as sources word them -> the instrument kind.
_INSTRUMENT_KINDS = (
    (re.compile(r"general\s+licen[cs]e|\bGL\s*\d", re.I), "general_license"),
    (re.compile(r"\bSDN\b.*\b(removal|delist)|delist", re.I), "sdn_removal"),
    (re.compile(r"\bSDN\b.*\bdesignat|designat", re.I), "sdn_designation"),
    (re.compile(r"permit|licen[cs]e", re.I), "permit"),
    (re.compile(r"announce", re.I), "announcement"),
)
_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def short_hash(*parts: object) -> str:
    """A stable 12-hex-digit key for a tuple of values."""
    return hashlib.sha256(to_json([str(p) for p in parts]).encode()).hexdigest()[:12]


def instrument_kind(label: str | None) -> str | None:
    """'General License 13' -> 'general_license'; known kinds pass through; unknown -> None."""
    if not label:
        return None
    kinds = {kind for _, kind in _INSTRUMENT_KINDS}
    if label in kinds:
        return label
    for pattern, kind in _INSTRUMENT_KINDS:
        if pattern.search(label):
            return kind
    return None


def date_interval(value: object) -> tuple[str | None, str | None]:
    """A date, 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD ...' as an ISO (min, max) interval."""
    if value is None:
        return None, None
    if isinstance(value, date):
        return value.isoformat(), value.isoformat()
    match = _ISO_PREFIX.match(str(value))
    if not match:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return (f"{year:04d}-{month:02d}-{day:02d}",) * 2


def iso(value: object) -> str | None:
    """YAML dates come as date objects; keep text as is."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _insert(
    store: Store, conn: Connection, table: str, columns: tuple[str, ...], row: dict[str, Any]
) -> bool:
    """Insert one row unless its id exists; True if it was new."""
    names = ", ".join(columns)
    params = ", ".join(f":{c}" for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({params}) ON CONFLICT DO NOTHING"
    return store.execute(sql, {c: row.get(c) for c in columns}, conn=conn) > 0


def insert_incident(store: Store, conn: Connection, row: dict[str, Any]) -> bool:
    stamp = now_iso()
    full = {"created_at": stamp, "updated_at": stamp, "contested": 0, "status": "candidate"} | row
    full["persons"] = to_json(list(full.get("persons") or []))
    full["contested"] = int(bool(full["contested"]))
    return _insert(store, conn, "incidents", INCIDENT_COLUMNS, full)


def claim_id(
    incident_id: str, prop: str, value: Any, source: str | None, extra: object = ""
) -> str:
    return "clm-" + short_hash(incident_id, prop, to_json(value), source or "", extra)


def insert_claim(store: Store, conn: Connection, row: dict[str, Any]) -> bool:
    """row['value'] is the Python value; it is stored JSON-encoded."""
    stamp = now_iso()
    full = {"first_seen": stamp, "last_seen": stamp, "status": "candidate"} | row
    full["value"] = to_json(row.get("value"))
    return _insert(store, conn, "claims", CLAIM_COLUMNS, full)


def add_link(
    store: Store, conn: Connection, a: str, b: str, kind: str, source: str | None = None
) -> bool:
    """Store a link; symmetric kinds (linked, reviewer) are stored once, in sorted order."""
    if kind != "denies":
        a, b = sorted((a, b))
    sql = (
        "INSERT INTO incident_links (incident_id, other_id, kind, source, created_at)"
        " VALUES (:a, :b, :kind, :source, :at) ON CONFLICT DO NOTHING"
    )
    params = {"a": a, "b": b, "kind": kind, "source": source, "at": now_iso()}
    return store.execute(sql, params, conn=conn) > 0
