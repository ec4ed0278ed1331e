"""Read side: incidents with their claim sets, for the CLI, the web app and exports.

A property is never shown as one value: it is the list of distinct values, each with the
number of sources stating it, e.g. count: 123 (4 sources) | 122 (1 source).
"""

from __future__ import annotations

from typing import Any

from quidproquo.resolve.incidents import claim_support, is_contested
from quidproquo.store import Store, from_json

SHOWN_PROPERTIES = ("date", "count", "destination", "target", "instrument")


def _claims_by_incident(store: Store, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return grouped
    names = ", ".join(f":i{n}" for n in range(len(ids)))
    rows = store.query(
        f"SELECT * FROM claims WHERE incident_id IN ({names}) ORDER BY property, id",
        {f"i{n}": i for n, i in enumerate(ids)},
    )
    for row in rows:
        grouped[row["incident_id"]].append(row)
    return grouped


def claim_sets(claims: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """property -> [{"value": v, "sources": n}, ...], best supported first."""
    props = dict.fromkeys(c["property"] for c in claims)
    return {p: [{"value": v, "sources": n} for v, n in claim_support(claims, p)] for p in props}


def _links(store: Store, incident_id: str) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT incident_id, other_id, kind, source FROM incident_links"
        " WHERE incident_id = :id OR other_id = :id ORDER BY kind, other_id",
        {"id": incident_id},
    )
    links = []
    for row in rows:
        outgoing = row["incident_id"] == incident_id
        kind = row["kind"]
        if kind == "denies" and not outgoing:
            kind = "denied_by"
        other = row["other_id"] if outgoing else row["incident_id"]
        links.append({"kind": kind, "id": other, "source": row["source"]})
    return sorted(links, key=lambda link: (link["kind"], link["id"]))


# Oldest first, undated last, the same on SQLite and PostgreSQL.
INCIDENT_ORDER = "CASE WHEN date_min IS NULL THEN 1 ELSE 0 END, date_min, id"


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
) -> list[dict[str, Any]]:
    """Incidents (oldest first) with claim sets; `contested` is true if the incident was
    marked so or its sources disagree. `document_id` keeps those the document speaks of."""
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
    rows = store.query(
        f"SELECT * FROM incidents WHERE {' AND '.join(where)}"
        f" ORDER BY {INCIDENT_ORDER}",
        params,
    )
    claims = _claims_by_incident(store, [r["id"] for r in rows])
    result = []
    for row in rows:
        row["persons"] = from_json(row["persons"]) or []
        own = claims[row["id"]]
        row["contested"] = bool(row["contested"]) or is_contested(own)
        row["claims"] = claim_sets(own)
        if not contested or row["contested"]:
            result.append(row)
    return result


def incident_detail(store: Store, incident_id: str) -> dict[str, Any] | None:
    """One incident with every claim (source URL, document, evidence sentence) and links."""
    row = store.query_one("SELECT * FROM incidents WHERE id = :id", {"id": incident_id})
    if row is None:
        return None
    claims = store.query(
        "SELECT c.*, d.url AS document_url, d.title AS document_title FROM claims c"
        " LEFT JOIN documents d ON d.id = c.document_id"
        " WHERE c.incident_id = :id ORDER BY c.property, c.value, c.id",
        {"id": incident_id},
    )
    row["persons"] = from_json(row["persons"]) or []
    row["contested"] = bool(row["contested"]) or is_contested(claims)
    row["claim_sets"] = claim_sets(claims)
    for claim in claims:
        claim["value"] = from_json(claim["value"])
        claim["source_url"] = claim["source_url"] or claim.pop("document_url")
    row["claims"] = claims
    row["links"] = _links(store, incident_id)
    return row


def raw_events(
    store: Store, *, type: str | None = None, since: str | None = None, until: str | None = None
) -> list[dict[str, Any]]:
    """The extracted mentions themselves, with their document URL."""
    where, params = ["1 = 1"], {}
    if type:
        where.append("e.type = :type")
        params["type"] = type
    _date_filter(where, params, since, until, "e.")
    rows = store.query(
        "SELECT e.*, d.url AS source_url FROM events e JOIN documents d ON d.id = e.document_id"
        f" WHERE {' AND '.join(where)} ORDER BY e.date_min, e.id",
        params,
    )
    for row in rows:
        row["persons"] = from_json(row["persons"]) or []
    return rows


def format_value(prop: str, value: Any) -> str:
    if prop == "date" and isinstance(value, dict):
        low, high = value.get("min"), value.get("max")
        return str(low) if low == high or not high else f"{low}..{high}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _sources(n: int) -> str:
    return f"{n} source" if n == 1 else f"{n} sources"


def format_claim_set(prop: str, values: list[dict[str, Any]]) -> str:
    """count: 123 (4 sources) | 122 (1 source)"""
    parts = [f"{format_value(prop, v['value'])} ({_sources(v['sources'])})" for v in values]
    return f"{prop}: " + " | ".join(parts)


def format_incident_line(incident: dict[str, Any]) -> str:
    """2025-12-13 release  count: 123 (4 sources) | 122 (1 source)  CONTESTED"""
    low, high = incident["date_min"] or "?", incident["date_max"]
    when = low if not high or high == low else f"{low}..{high}"
    parts = [f"{when} {incident['type']}"]
    for prop in SHOWN_PROPERTIES:
        if prop in incident["claims"] and prop != "date":
            parts.append(format_claim_set(prop, incident["claims"][prop]))
    dates = incident["claims"].get("date") or []
    if len(dates) > 1:
        parts.append(format_claim_set("date", dates))
    line = "  ".join(parts)
    flags = [incident["id"]] + (["CONTESTED"] if incident["contested"] else [])
    if incident["status"] != "accepted":
        flags.append(incident["status"])
    return f"{line}  {'  '.join(flags)}"
