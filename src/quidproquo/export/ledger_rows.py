"""Ledger rows as flat text: one CSV row per release (used by `qpq ledger` and `qpq export`)."""

from __future__ import annotations

from typing import Any

from quidproquo.ledger.links import ClaimValue, LedgerRow, Link
from quidproquo.ledger.report import qualified

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
]


def claims_text(
    claims: list[ClaimValue], consensus: int | None, by_reviewer: bool = False
) -> str:
    """'123 (×11)'; when sources disagree '14 [14×5 / 16×1]'; a reviewer's correction
    '18 (reviewer) [17×2]', never as if the sources had said it."""
    head = "?" if consensus is None else f"{consensus}"
    if by_reviewer:
        head += " (reviewer)"
    if not claims:
        return head
    if len(claims) == 1 and claims[0].value == consensus and not by_reviewer:
        return f"{head} (×{claims[0].n_sources})"
    values = " / ".join(f"{qualified(c.value, c.qualifier)}×{c.n_sources}" for c in claims)
    return f"{head} [{values}]"


def link_text(link: Link, what: str) -> str:
    offset = "" if link.offset_days is None else f"{link.offset_days:+d}d "
    return f"{link.incident.date_label} {what} ({offset}{'+'.join(link.basis)})"


def visit_text(link: Link) -> str:
    return link_text(link, link.incident.actor or "visit")


def concession_text(link: Link) -> str:
    incident = link.incident
    label = incident.instrument_label or incident.instrument or "relief"
    return link_text(link, f"{label} → {incident.target or 'target not stated'}")


def csv_row(row: LedgerRow) -> dict[str, Any]:
    rel = row.release
    return {
        "date": rel.date_label,
        "release_id": rel.id,
        "count": rel.count,
        "count_claims": claims_text(rel.count_claims, rel.count, rel.count_by_reviewer),
        "persons": "; ".join(rel.persons),
        "destination": rel.destination or "",
        "visits": " | ".join(visit_text(v) for v in row.visits),
        "concessions": " | ".join(concession_text(c) for c in row.concessions),
        "denials": " | ".join(f"{d.incident.id}" for d in row.denials),
        "sources": " ".join(rel.sources),
    }
