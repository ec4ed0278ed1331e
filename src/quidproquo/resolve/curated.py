"""Load the curated facts dataset (belarus-2024-2026.yaml) as accepted incidents, claims,
links, held-prisoner counts and entities.

Every row gets a stable id and is inserted only if missing, so loading twice changes nothing
and a reviewer's later correction of a curated row is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from quidproquo.datafile import read_yaml
from quidproquo.model import EVENT_TYPES, QUALIFIERS
from quidproquo.resolve.names import name_key
from quidproquo.resolve.rows import (
    add_link,
    claim_id,
    date_interval,
    insert_claim,
    insert_incident,
    instrument_kind,
    iso,
    short_hash,
)
from quidproquo.store import Store, to_json
from quidproquo.validate import check_claim_value, check_fields

BUNDLED = "belarus-2024-2026.yaml"
CURATED = "curated"
ENTITY_KINDS = ("person", "organization", "company", "government_body", "place", "country")
# Event properties that carry one value each and become claims.
SCALAR_PROPERTIES = ("actor", "target", "destination", "instrument")
# Event fields checked against their ranges when the file is read.
CHECKED_FIELDS = (
    "count", "actor", "target", "destination", "persons", "instrument", "contested", "notes",
)  # fmt: skip
HELD_COUNT_FIELDS = ("count", "as_of", "as_of_min", "as_of_max", "qualifier")
# Denial incidents deny the trade behind these linked incident types.
DENIABLE_TYPES = ("release", "exchange", "sanctions_eased")


class CuratedDataError(ValueError):
    """The curated file is malformed; the message names the file and the entry."""


@dataclass
class CuratedSummary:
    path: str
    incidents: int = 0  # incidents in the file
    incidents_added: int = 0  # new in the store on this load
    claims_added: int = 0
    links_added: int = 0
    entities_added: int = 0
    aliases_added: int = 0
    held_counts_added: int = 0


def read_curated(path: str | Path | None = None) -> tuple[str, dict[str, Any]]:
    """(display path, parsed YAML) of the given file or the bundled copy."""
    label, data = read_yaml(path, "quidproquo.data", BUNDLED, CuratedDataError)
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise CuratedDataError(f"{label}: expected a mapping with an 'events' list")
    return label, data


def load_curated(store: Store, path: str | Path | None = None) -> CuratedSummary:
    """Validate the whole file first, then insert what is missing in one transaction."""
    label, data = read_curated(path)
    events = [_valid_event(label, i, e) for i, e in enumerate(data["events"])]
    ids: set[str] = set()
    for index, event in enumerate(events):
        if event["id"] in ids:
            raise CuratedDataError(f"{_where(label, 'events', index, event)}: id used twice")
        ids.add(event["id"])
    for section in ("entities", "prisoner_counts"):
        if not isinstance(data.get(section) or [], list):
            raise CuratedDataError(f"{label}: {section} must be a list")
    for event in events:
        for other in event.get("linked_to") or []:
            if other not in ids:
                raise CuratedDataError(
                    f"{label}: event {event['id']}: linked_to unknown id {other!r}"
                )
    entities = [_valid_entity(label, i, e) for i, e in enumerate(data.get("entities") or [])]
    counts = [_valid_count(label, i, c) for i, c in enumerate(data.get("prisoner_counts") or [])]

    summary = CuratedSummary(path=label, incidents=len(events))
    with store.transaction() as conn:
        by_id = {e["id"]: e for e in events}
        for event in events:
            _load_event(store, conn, event, summary)
        for event in events:
            for other in event.get("linked_to") or []:
                summary.links_added += add_link(store, conn, event["id"], other, "linked", label)
                if event["type"] == "denial" and by_id[other]["type"] in DENIABLE_TYPES:
                    summary.links_added += add_link(
                        store, conn, event["id"], other, "denies", label
                    )
        for entity in entities:
            _load_entity(store, conn, entity, summary)
        for count in counts:
            summary.held_counts_added += _load_count(store, conn, count)
    return summary


# -- validation ------------------------------------------------------------------------


def _where(label: str, section: str, index: int, entry: Any) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"{label}: {section}[{index}]" + (f" (id {ident})" if ident else "")


def _valid_event(label: str, index: int, entry: Any) -> dict[str, Any]:
    where = _where(label, "events", index, entry)
    if not isinstance(entry, dict):
        raise CuratedDataError(f"{where}: expected a mapping")
    for key in ("id", "type", "sources"):
        if not entry.get(key):
            raise CuratedDataError(f"{where}: missing {key!r}")
    if not isinstance(entry["id"], str):
        raise CuratedDataError(f"{where}: id must be text, got {entry['id']!r}")
    for key, kind in (("linked_to", str), ("claims", dict)):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
            what = "ids" if kind is str else "mappings"
            raise CuratedDataError(f"{where}: {key} must be a list of {what}, got {value!r}")
    if entry["type"] not in EVENT_TYPES:
        raise CuratedDataError(f"{where}: unknown type {entry['type']!r}")
    if not _urls(entry["sources"]):
        raise CuratedDataError(f"{where}: sources must be a list of URLs, got {entry['sources']!r}")
    if entry.get("count") is not None and not isinstance(entry["count"], int):
        raise CuratedDataError(f"{where}: count must be an integer, got {entry['count']!r}")
    if entry.get("count_qualifier") not in (None, *QUALIFIERS):
        raise CuratedDataError(f"{where}: unknown count_qualifier {entry['count_qualifier']!r}")
    try:  # each value against its field's range (validate.py)
        for key in ("date", "date_min", "date_max"):
            low, high = date_interval(entry.get(key))
            check_fields({"date_min": low, "date_max": high})
        if entry.get("date") is None:  # a range given by its two ends: in order?
            check_fields({"date_min": date_interval(entry.get("date_min"))[0],
                          "date_max": date_interval(entry.get("date_max"))[1]})  # fmt: skip
        check_fields({k: entry[k] for k in CHECKED_FIELDS if k in entry})
        for claim in entry.get("claims") or []:
            if claim.get("field") == "date":
                low, high = date_interval(claim.get("value"))
                check_claim_value("date", {"min": low, "max": high})
            elif claim.get("field") in CHECKED_FIELDS:
                check_claim_value(claim["field"], claim.get("value"))
    except ValueError as exc:
        raise CuratedDataError(f"{where}: {exc}") from exc
    if (
        entry.get("date") is None
        and entry.get("date_min") is None
        and entry.get("date_max") is None
    ):
        raise CuratedDataError(f"{where}: no date, date_min or date_max")
    for i, claim in enumerate(entry.get("claims") or []):
        if not isinstance(claim, dict) or "field" not in claim or "value" not in claim:
            raise CuratedDataError(f"{where}: claims[{i}] needs 'field' and 'value'")
        if not claim.get("sources") or not _urls(claim["sources"]):
            raise CuratedDataError(f"{where}: claims[{i}] needs sources, a list of URLs")
    return entry


def _urls(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _valid_entity(label: str, index: int, entry: Any) -> dict[str, Any]:
    where = _where(label, "entities", index, entry)
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
        raise CuratedDataError(f"{where}: needs 'id' and 'name'")
    if entry.get("kind") not in ENTITY_KINDS:
        raise CuratedDataError(f"{where}: unknown kind {entry.get('kind')!r}")
    return entry


def _valid_count(label: str, index: int, entry: Any) -> dict[str, Any]:
    where = _where(label, "prisoner_counts", index, entry)
    if not isinstance(entry, dict) or not isinstance(entry.get("count"), int):
        raise CuratedDataError(f"{where}: needs an integer 'count'")
    try:
        check_fields({k: entry[k] for k in HELD_COUNT_FIELDS if k in entry})
    except ValueError as exc:
        raise CuratedDataError(f"{where}: {exc}") from exc
    if not entry.get("sources") or not _urls(entry["sources"]):
        raise CuratedDataError(f"{where}: needs sources, a list of URLs")
    return entry


# -- loading ---------------------------------------------------------------------------


def _load_event(
    store: Store, conn: Connection, event: dict[str, Any], summary: CuratedSummary
) -> None:
    inc_id = event["id"]
    if event.get("date") is not None:
        date_min, date_max = date_interval(event["date"])
    else:
        date_min, date_max = iso(event.get("date_min")), iso(event.get("date_max"))
    label = event.get("instrument")
    row = {
        "id": inc_id,
        "type": event["type"],
        "date_min": date_min,
        "date_max": date_max,
        "count": event.get("count"),
        "count_qualifier": event.get("count_qualifier"),
        "instrument": instrument_kind(label),
        "instrument_label": label,
        "actor": event.get("actor"),
        "target": event.get("target"),
        "destination": event.get("destination"),
        "persons": event.get("persons") or [],
        "contested": bool(event.get("contested")),
        "status": "accepted",
        "origin": CURATED,
        "notes": event.get("notes"),
    }
    summary.incidents_added += insert_incident(store, conn, row)

    contested_fields = {c["field"] for c in event.get("claims") or []}
    base = {"incident_id": inc_id, "status": "accepted", "origin": CURATED}
    claims: list[dict[str, Any]] = []
    # Each source supports the event's date and count unless those are contested.
    for url in event["sources"]:
        if "date" not in contested_fields and date_min is not None:
            claims.append(
                {"property": "date", "value": {"min": date_min, "max": date_max}, "source_url": url}
            )
        if "count" not in contested_fields and row["count"] is not None:
            claims.append(
                {
                    "property": "count",
                    "value": row["count"],
                    "qualifier": row["count_qualifier"],
                    "source_url": url,
                }
            )
    # Other properties are stated once by the dataset itself.
    for prop in SCALAR_PROPERTIES:
        value = label if prop == "instrument" else row[prop]
        if value is not None and prop not in contested_fields:
            claims.append({"property": prop, "value": value, "attributed_to": summary.path})
    if row["persons"]:
        claims.append(
            {"property": "persons", "value": row["persons"], "attributed_to": summary.path}
        )
    for claim in event.get("claims") or []:
        claims.extend(_contested_claims(claim))

    for claim in claims:
        claim_row = base | claim
        claim_row["id"] = claim_id(
            inc_id,
            claim_row["property"],
            claim_row["value"],
            claim_row.get("source_url"),
            claim_row.get("attributed_to"),
        )
        summary.claims_added += insert_claim(store, conn, claim_row)


def _contested_claims(claim: dict[str, Any]) -> list[dict[str, Any]]:
    """One claim per source of a contested value."""
    prop, value = claim["field"], claim["value"]
    note = claim.get("note")
    if prop == "date":
        date_min, date_max = date_interval(value)
        rest = str(value)[10:].strip() if not hasattr(value, "isoformat") else ""
        note = "; ".join(x for x in (rest, note) if x) or None
        value = {"min": date_min, "max": date_max}
    elif hasattr(value, "isoformat"):
        value = iso(value)
    return [
        {
            "property": prop,
            "value": value,
            "qualifier": claim.get("qualifier"),
            "attributed_to": claim.get("attributed_to"),
            "source_url": url,
            "as_of": iso(claim.get("as_of")),
            "note": note,
        }
        for url in claim["sources"]
    ]


def _load_entity(
    store: Store, conn: Connection, entity: dict[str, Any], summary: CuratedSummary
) -> None:
    sql = (
        "INSERT INTO entities (id, name, kind, role, attributes, origin)"
        " VALUES (:id, :name, :kind, :role, :attributes, :origin) ON CONFLICT DO NOTHING"
    )
    params = {
        "id": entity["id"],
        "name": entity["name"],
        "kind": entity["kind"],
        "role": entity.get("role"),
        "attributes": to_json({"role": entity["role"]} if entity.get("role") else {}),
        "origin": CURATED,
    }
    summary.entities_added += store.execute(sql, params, conn=conn)
    for alias in dict.fromkeys([entity["name"], *(entity.get("aliases") or [])]):
        summary.aliases_added += add_alias(store, conn, entity["id"], str(alias))


def add_alias(store: Store, conn: Connection, entity_id: str, alias: str) -> int:
    sql = (
        "INSERT INTO entity_aliases (entity_id, alias, alias_key) VALUES (:e, :a, :k)"
        " ON CONFLICT DO NOTHING"
    )
    return store.execute(sql, {"e": entity_id, "a": alias, "k": name_key(alias)}, conn=conn)


def _load_count(store: Store, conn: Connection, count: dict[str, Any]) -> int:
    as_of = iso(count.get("as_of"))
    as_of_min = as_of or iso(count.get("as_of_min"))
    as_of_max = as_of or iso(count.get("as_of_max"))
    params = {
        "id": "held-"
        + short_hash(as_of_min, as_of_max, count["count"], count.get("attributed_to")),
        "as_of_min": as_of_min,
        "as_of_max": as_of_max,
        "count": count["count"],
        "qualifier": count.get("qualifier"),
        "attributed_to": count.get("attributed_to"),
        "sources": to_json(list(count["sources"])),
        "notes": count.get("notes"),
        "origin": CURATED,
        "status": "accepted",
    }
    sql = (
        "INSERT INTO held_counts (id, as_of_min, as_of_max, count, qualifier, attributed_to,"
        " sources, notes, origin, status) VALUES (:id, :as_of_min, :as_of_max, :count, :qualifier,"
        " :attributed_to, :sources, :notes, :origin, :status) ON CONFLICT DO NOTHING"
    )
    return store.execute(sql, params, conn=conn)
