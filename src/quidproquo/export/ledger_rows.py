"""Ledger rows as flat text: one CSV row per release (used by `qpq ledger` and `qpq export`)."""

from __future__ import annotations

from typing import Any

from quidproquo.ledger.links import IncidentView, LedgerRow, Link
from quidproquo.resolve.shown import reviewer_summary, reviewer_text, value_text

CSV_COLUMNS = [
    "date",
    "release_id",
    "count",
    "count_claims",
    "persons",
    "destination",
    "visits",
    "concessions",
    "denials",
    "sources",
    "reviewer_values",
]


def count_text(release: IncidentView) -> str:
    """The count with the sources' claims: '123 (×11)', '18 (reviewer) [17×2]', '?'."""
    value = release.values.get("count")
    return "?" if value is None else value_text("count", value)


def link_text(link: Link, what: str) -> str:
    incident = link.incident
    when = reviewer_text("date", incident.values, incident.date_label)
    offset = "" if link.offset_days is None else f"{link.offset_days:+d}d "
    return f"{when} {what} ({offset}{'+'.join(link.basis)})"


def visit_text(link: Link) -> str:
    incident = link.incident
    return link_text(link, reviewer_text("actor", incident.values, incident.actor or "visit"))


def concession_text(link: Link) -> str:
    incident = link.incident
    values = incident.values
    label = reviewer_text(
        "instrument", values, incident.instrument_label or incident.instrument or "relief"
    )
    target = reviewer_text("target", values, incident.target or "target not stated")
    return link_text(link, f"{label} → {target}")


def csv_row(row: LedgerRow) -> dict[str, Any]:
    rel = row.release
    return {
        "date": rel.date_label,
        "release_id": rel.id,
        "count": rel.count,
        "count_claims": count_text(rel),
        "persons": "; ".join(rel.persons),
        "destination": rel.destination or "",
        "visits": " | ".join(visit_text(v) for v in row.visits),
        "concessions": " | ".join(concession_text(c) for c in row.concessions),
        "denials": " | ".join(f"{d.incident.id}" for d in row.denials),
        "sources": " ".join(rel.sources),
        "reviewer_values": reviewer_summary(rel.values, skip=("count",)),
    }
