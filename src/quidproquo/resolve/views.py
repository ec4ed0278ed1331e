"""Read side: incidents with their claim sets, for the CLI, the web app and exports.

A property is never shown as one value: it is the list of distinct values, each with the
number of sources stating it, e.g. count: 123 (4 sources) | 122 (1 source). A value a
reviewer set is shown as the reviewer's, before the sources' (`shown.py`): each incident
carries `values` (property -> shown value, with `by_reviewer` and the claims) and
`by_reviewer` (the properties a reviewer set).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quidproquo.ledger.links import SORT_DATE, page_ids
from quidproquo.ledger.summaries import summaries
from quidproquo.resolve.shown import (
    PROPERTY_COLUMNS,
    claims_text,
    format_value,
    reviewer_set,
    shown_values,
    value_text,
)
from quidproquo.store import CHUNK, Store, from_json, in_list

__all__ = ["format_value"]  # re-exported: the web filters and exports import it from here

SHOWN_PROPERTIES = ("date", "count", "destination", "target", "instrument")


# Oldest first, undated last, the same on SQLite and PostgreSQL (an indexed expression).
INCIDENT_ORDER = f"{SORT_DATE}, id"


def _date_filter(
    where: list[str], params: dict[str, Any], since: str | None, until: str | None, table: str = ""
) -> None:
    """Keep rows whose date interval reaches into [since, until]."""
    if since:
        where.append(f"COALESCE({table}date_max, {table}date_min) >= :since")
        params["since"] = since
    if until:
        where.append(f"{table}date_min <= :until")
        params["until"] = until


def list_incidents(
    store: Store,
    *,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    contested: bool = False,
    include_rejected: bool = False,
    document_id: str | None = None,
    after: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Incidents (oldest first) with claim sets; `contested` is true if the incident was
    marked so or its sources disagree. `document_id` keeps those the document speaks of.
    With `limit`, one page: at most `limit` incidents following the incident `after`."""
    where, params = ["1 = 1"], {}
    if document_id:
        where.append("id IN (SELECT incident_id FROM claims WHERE document_id = :document_id)")
        params["document_id"] = document_id
    if type:
        where.append("type = :type")
        params["type"] = type
    _date_filter(where, params, since, until)
    if not include_rejected:
        where.append("status != 'rejected'")
    result: list[dict[str, Any]] = []
    while True:
        # `contested` is decided on the claims, so a filtered page may need several reads.
        want = None if limit is None else (CHUNK if contested else limit - len(result))
        ids = (
            page_ids(store, " AND ".join(where), params, after, want)
            if want is not None
            else [r["id"] for r in store.query(
                f"SELECT id FROM incidents WHERE {' AND '.join(where)} ORDER BY {INCIDENT_ORDER}",
                params)]
        )  # fmt: skip
        result += [
            i for i in incidents_with_claims(store, ids) if not contested or i["contested"]
        ]
        if want is None or len(ids) < want or (limit is not None and len(result) >= limit):
            return result[:limit]
        after = ids[-1]


def incidents_with_claims(
    store: Store, ids: list[str], keep: Callable[[dict[str, Any]], bool] | None = None
) -> list[dict[str, Any]]:
    """The incidents of `ids`, in that order, each with its claim sets (`claims`) and
    contested flag (from their stored summaries); with `keep`, on the claims it keeps only."""
    rows: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        names, params = in_list("i", ids[start : start + CHUNK])
        for row in store.query(f"SELECT * FROM incidents WHERE id IN ({names})", params):
            rows[row["id"]] = row
    summed = summaries(store, ids, keep, sets_only=True)
    result = []
    reviewed = reviewer_set(store, "incident")
    for incident_id in ids:
        row, summary = rows[incident_id], summed[incident_id]
        row["persons"] = from_json(row["persons"]) or []
        row["contested"] = bool(row["contested"]) or summary.contested
        row["claims"] = summary.claim_sets
        _add_values(row, row["claims"], reviewed.get(incident_id, {}))
        result.append(row)
    return result


def _add_values(
    row: dict[str, Any], sets: dict[str, list[dict[str, Any]]], reviewed: dict[str, Any]
) -> None:
    """`values` (each property shown, the reviewer's marked) and `by_reviewer` of a row."""
    row["values"] = shown_values(row, sets, reviewed)
    row["by_reviewer"] = sorted(reviewed)


def incident_detail(
    store: Store, incident_id: str, claims: tuple[int, int] | None = None
) -> dict[str, Any] | None:
    """One incident with every claim (source URL, document, evidence sentence) and links;
    with `claims` = (offset, limit), only that page of its claims is listed (`claim_count`
    counts them all, and its claim sets stand for them all)."""
    found = incident_details(store, [incident_id], claims=claims)
    return found[0] if found else None


def incident_details(
    store: Store,
    ids: list[str],
    keep: Callable[[dict[str, Any]], bool] | None = None,
    claims: tuple[int, int] | None = None,
) -> list[dict[str, Any]]:
    """`incident_detail` for many incidents at once (in the order of `ids`; unknown ones are
    left out), in three queries per chunk of ids whatever their number. With `keep`, only
    the claims it keeps are shown and counted in the claim sets and the contested flag.
    `claims` = (offset, limit) lists one page of the claims of a single incident."""
    details = []
    window, bound = "", {}
    if claims is not None:
        window, bound = " LIMIT :limit OFFSET :offset", {"offset": claims[0], "limit": claims[1]}
    reviewed = reviewer_set(store, "incident")
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        names, params = in_list("i", chunk)
        rows = {
            r["id"]: r
            for r in store.query(f"SELECT * FROM incidents WHERE id IN ({names})", params)
        }
        listed: dict[str, list[dict[str, Any]]] = {i: [] for i in chunk}
        for claim in store.query(
            "SELECT c.*, d.url AS document_url, d.title AS document_title FROM claims c"
            " LEFT JOIN documents d ON d.id = c.document_id"
            f" WHERE c.incident_id IN ({names}) ORDER BY c.property, c.value, c.id" + window,
            params | bound,
        ):
            if keep is None or keep(claim):
                listed[claim["incident_id"]].append(claim)
        summed = summaries(store, list(rows), keep, sets_only=True)
        links = _links(store, names, params)
        for incident_id in chunk:
            row = rows.get(incident_id)
            if row is None:
                continue
            own, summary = listed[incident_id], summed[incident_id]
            row["persons"] = from_json(row["persons"]) or []
            row["contested"] = bool(row["contested"]) or summary.contested
            row["claim_sets"] = summary.claim_sets
            row["claim_count"] = summary.claim_count
            _add_values(row, row["claim_sets"], reviewed.get(incident_id, {}))
            for claim in own:
                claim["value"] = from_json(claim["value"])
                claim["source_url"] = claim["source_url"] or claim.pop("document_url")
            row["claims"] = own
            row["links"] = sorted(links.get(incident_id, []), key=lambda k: (k["kind"], k["id"]))
            details.append(row)
    return details


def _links(
    store: Store, names: str, params: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """incident id -> its links, each seen from that incident (a denial it receives is
    `denied_by`)."""
    rows = store.query(
        "SELECT incident_id, other_id, kind, source FROM incident_links"
        f" WHERE incident_id IN ({names}) OR other_id IN ({names})",
        params,
    )
    wanted = set(params.values())
    links: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for outgoing in (True, False):
            own, other = (
                (row["incident_id"], row["other_id"])
                if outgoing
                else (row["other_id"], row["incident_id"])
            )
            if own not in wanted:
                continue
            kind = "denied_by" if row["kind"] == "denies" and not outgoing else row["kind"]
            links.setdefault(own, []).append({"kind": kind, "id": other, "source": row["source"]})
    return links


def raw_events(
    store: Store,
    *,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The extracted mentions themselves, with their document URL."""
    where, params = ["1 = 1"], {}
    if type:
        where.append("e.type = :type")
        params["type"] = type
    _date_filter(where, params, since, until, "e.")
    rows = store.query(
        "SELECT e.*, d.url AS source_url FROM events e JOIN documents d ON d.id = e.document_id"
        f" WHERE {' AND '.join(where)} ORDER BY e.date_min, e.id"
        + (" LIMIT :limit" if limit else ""),
        params | {"limit": limit},
    )
    add_event_values(store, rows)
    return rows


def add_event_values(store: Store, rows: list[dict[str, Any]]) -> None:
    """Give extracted events `persons` as a list, `values` and `by_reviewer`: an event is one
    source, so beside a reviewer's value stands what was extracted (×1)."""
    reviewed = reviewer_set(store, "event")
    for row in rows:
        row["persons"] = from_json(row["persons"]) or []
        mine = reviewed.get(row["id"], {})
        found = {
            prop: [{"value": value, "qualifier": qualifier, "sources": 1}]
            for prop, (value, qualifier) in mine.items()
            if value is not None
        }
        _add_values(row, found, mine)


def format_claim_set(prop: str, value: dict[str, Any]) -> str:
    """A shown value (one of an incident's `values`) with its property's name:
    count: 123 (4 sources) | 122 (1 source), or count: 18 (reviewer) [17×2]."""
    return f"{prop}: {claims_text(prop, value)}"


def format_incident_line(incident: dict[str, Any]) -> str:
    """2025-12-13 release  count: 123 (4 sources) | 122 (1 source)  CONTESTED; a value a
    reviewer set reads count: 18 (reviewer) [17×2]."""
    low, high = incident["date_min"] or "?", incident["date_max"]
    when = low if not high or high == low else f"{low}..{high}"
    if "date" in incident["by_reviewer"]:
        when += " (reviewer)"
    parts = [f"{when} {incident['type']}"]
    values = incident["values"]
    extra = [p for p in incident["by_reviewer"] if p not in SHOWN_PROPERTIES and p != "type"]
    for prop in [*SHOWN_PROPERTIES, *extra]:  # and whatever else a reviewer set
        if prop not in values or prop == "date":
            continue
        if values[prop]["claims"] or values[prop]["by_reviewer"]:
            parts.append(format_claim_set(prop, values[prop]))
    date = values.get("date")
    if date and (len(date["claims"]) > 1 or date["by_reviewer"]):
        parts.append(format_claim_set("date", date))
    line = "  ".join(parts)
    flags = [incident["id"]] + (["CONTESTED"] if incident["contested"] else [])
    if incident["status"] != "accepted":
        flags.append(incident["status"])
    return f"{line}  {'  '.join(flags)}"


def shown_row(row: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    """A row for a table: each column that is a shown property as its text (a reviewer's
    value as '18 (reviewer) [17×1]'), the other columns as they are."""
    values = row.get("values", {})
    return row | {
        c: value_text(c, values[c]) if c in values else row.get(c)
        for c in columns
        if c in PROPERTY_COLUMNS
    }
