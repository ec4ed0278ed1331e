"""What each export kind reads from the store, as plain dict records (one per output row).

Incidents come from `resolve.views` (`incident_detail`, `claim_sets`) and the ledger from
`quidproquo.ledger.build_ledger`; nothing here re-derives what they compute.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from quidproquo.ledger import build_ledger
from quidproquo.ledger.links import SORT_DATE, LedgerRow, after_key, page_ids, status_filter
from quidproquo.ledger.summaries import facts_version, keep_csv_lines
from quidproquo.resolve.people import people_page
from quidproquo.resolve.views import incident_details as views_incident_details
from quidproquo.resolve.views import incidents_with_claims, raw_events
from quidproquo.store import Store, from_json

REVIEWED = ("accepted", "corrected")
DEFAULT_WINDOW_DAYS = 14  # as `qpq ledger`
EXPORT_PAGE = 1000  # incidents read together
LINES_PAGE = 5000  # stored export lines read together


def kept(status: str, accepted_only: bool) -> bool:
    """The Python twin of `status_filter`: reviewed facts only, or anything not rejected."""
    return status in REVIEWED if accepted_only else status != "rejected"


def incident_details(store: Store, accepted_only: bool = False) -> Iterator[dict[str, Any]]:
    """Incidents (oldest first) with every claim (source URL, document id, evidence), claim
    sets, contested flag and links, read a page of ids at a time (memory does not grow with
    the store). With `accepted_only`, unreviewed claims are left out and the claim sets and
    flag are those of the reviewed claims."""
    after = None
    keep = (lambda c: kept(c["status"], True)) if accepted_only else None
    while ids := page_ids(store, status_filter(accepted_only), {}, after, EXPORT_PAGE):
        after = ids[-1]
        yield from views_incident_details(store, ids, keep)


def incident_summaries(store: Store, accepted_only: bool = False) -> Iterator[dict[str, Any]]:
    """Incidents (oldest first) with their claim sets and contested flag, without the claims
    themselves: what a flat CSV row shows, read a page at a time."""
    after = None
    keep = (lambda c: kept(c["status"], True)) if accepted_only else None
    while ids := page_ids(store, status_filter(accepted_only), {}, after, EXPORT_PAGE):
        after = ids[-1]
        for row in incidents_with_claims(store, ids, keep):
            row["claim_sets"] = row.pop("claims")
            yield row


def stored_incident_lines(
    store: Store, render: Callable[[list[dict[str, Any]]], dict[str, str]]
) -> Iterator[list[str]]:
    """The lines of the incidents export (not rejected, oldest first) as stored (migration
    0070), a page at a time, read by keyset on the incidents' order.
    A missing line (new facts) is rendered by `render` from `incidents_with_claims` and
    stored, unless the facts changed meanwhile."""
    where, bound = status_filter(False), {"n": LINES_PAGE}
    while True:
        rows = store.query(
            f"SELECT id, {SORT_DATE} AS k, l.line AS csv_line FROM incidents"
            " LEFT JOIN incident_csv_lines l ON l.incident_id = id"
            f" WHERE {where} ORDER BY {SORT_DATE}, id LIMIT :n",
            bound,
        )
        missing = [r["id"] for r in rows if r["csv_line"] is None]
        if missing:
            version = facts_version(store)
            made = render(incidents_with_claims(store, missing))
            keep_csv_lines(store, made, version)
        yield [r["csv_line"] or made[r["id"]] for r in rows]
        if len(rows) < LINES_PAGE:
            return
        where = f"{status_filter(False)} AND {after_key((SORT_DATE, 'id'))}"
        bound |= {"k0": rows[-1]["k"], "k1": rows[-1]["id"]}


def claims(store: Store, accepted_only: bool = False) -> Iterator[dict[str, Any]]:
    """Every claim of every kept incident, with its source URL (or its document's)."""
    rows = store.query(
        "SELECT c.id, c.incident_id, i.type AS incident_type, i.date_min AS incident_date,"
        " c.property, c.value, c.qualifier, c.attributed_to, c.as_of,"
        " COALESCE(c.source_url, d.url) AS source_url, c.document_id, c.event_id, c.evidence,"
        " c.sentence_start, c.sentence_end, c.status, c.origin, c.note"
        " FROM claims c JOIN incidents i ON i.id = c.incident_id"
        " LEFT JOIN documents d ON d.id = c.document_id"
        f" WHERE {status_filter(accepted_only, 'c.status')}"
        f" AND {status_filter(accepted_only, 'i.status')}"
        " ORDER BY i.date_min, c.incident_id, c.property, c.id"
    )
    for row in rows:
        row["value"] = from_json(row["value"])
        yield row


def events(store: Store, accepted_only: bool = False) -> Iterator[dict[str, Any]]:
    """Extracted event mentions with their evidence sentence and document URL."""
    for row in raw_events(store):
        if kept(row["status"], accepted_only):
            yield row


def quotes(store: Store, accepted_only: bool = False) -> Iterator[dict[str, Any]]:
    """Extracted quotes with their document URL."""
    yield from store.query(
        "SELECT q.*, d.url AS source_url FROM quotes q JOIN documents d ON d.id = q.document_id"
        f" WHERE {status_filter(accepted_only, 'q.status')}"
        " ORDER BY d.published, q.document_id, q.quote_start, q.id"
    )


def entities(store: Store) -> Iterator[dict[str, Any]]:
    """Entities with their aliases, attributes and the incidents they take part in."""
    aliases: dict[str, list[str]] = {}
    for row in store.query("SELECT entity_id, alias FROM entity_aliases ORDER BY alias"):
        aliases.setdefault(row["entity_id"], []).append(row["alias"])
    incidents: dict[str, list[str]] = {}
    for row in store.query(
        "SELECT DISTINCT entity_id, incident_id FROM entity_mentions"
        " WHERE incident_id IS NOT NULL ORDER BY incident_id"
    ):
        incidents.setdefault(row["entity_id"], []).append(row["incident_id"])
    for row in store.query(
        "SELECT id, name, kind, role, attributes, origin FROM entities ORDER BY id"
    ):
        row["attributes"] = from_json(row["attributes"]) or {}
        row["aliases"] = [a for a in aliases.get(row["id"], []) if a != row["name"]]
        row["incidents"] = incidents.get(row["id"], [])
        yield row


def ledger_rows(
    store: Store, window_days: int = DEFAULT_WINDOW_DAYS, accepted_only: bool = False
) -> Iterator[LedgerRow]:
    """The rows of `build_ledger`: each release with its visits, concessions and denials."""
    yield from build_ledger(store, window_days, accepted_only).rows


def people(store: Store) -> Iterator[dict[str, Any]]:
    """The registry of named people: status today and every dated fact with its sources."""
    after = None
    while True:  # a page of the stored registry at a time, by keyset
        page, after = people_page(store, after=after, limit=EXPORT_PAGE)
        yield from (person.to_dict() for person in page)
        if after is None:
            return
