"""FollowTheMoney exports: FtM entity JSON lines `{"id", "schema", "properties"}`.

Entities become Person / Organization / Company / PublicBody, incidents become Events, and
sanctions incidents Sanctions; which schema and property each field feeds is data
(`ftm_mapping.yaml`). Every value a source claims is kept (FtM properties are lists), and
each entity an incident refers to is written before the incident, so references resolve.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from quidproquo.datafile import read_yaml
from quidproquo.export import records
from quidproquo.export.jsonl import write_lines
from quidproquo.resolve.entities import EntityResolver, guess_kind, parse_name
from quidproquo.resolve.rows import short_hash
from quidproquo.resolve.views import SHOWN_PROPERTIES, format_claim_set, format_value
from quidproquo.store import Store

MAPPING_FILE = "ftm_mapping.yaml"
MAPPING_KEYS = (
    "id_prefix",
    "entity_schemata",
    "entity_properties",
    "incident_schemata",
    "event_roles",
    "sanction",
    "countries",
)
EVENT = "Event"
SANCTION = "Sanction"

Proxy = dict[str, Any]


class FtmMappingError(ValueError):
    """The mapping file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class FtmMapping:
    id_prefix: dict[str, str]
    entity_schemata: dict[str, str]
    entity_properties: dict[str, str]
    incident_schemata: dict[str, str]
    event_roles: dict[str, list[str]]
    sanction: dict[str, Any]
    countries: dict[str, str]

    def sanction_rule(self, incident_type: str, instrument: str | None) -> dict[str, str]:
        """{label, date, status}: the FtM properties a sanctions incident fills."""
        rule = dict(self.sanction["types"].get(incident_type) or {})
        rule.update(self.sanction.get("instruments", {}).get(instrument or "") or {})
        return rule


def load_mapping(path: str | Path | None = None) -> FtmMapping:
    """The bundled mapping, or the YAML file at `path`."""
    label, data = read_yaml(path, "quidproquo.export", MAPPING_FILE, FtmMappingError)
    if not isinstance(data, dict):
        raise FtmMappingError(f"{label}: expected a mapping")
    for key in MAPPING_KEYS:
        if not isinstance(data.get(key), dict):
            raise FtmMappingError(f"{label}: missing mapping {key!r}")
    for key in ("entity", "incident", "name"):
        if not data["id_prefix"].get(key):
            raise FtmMappingError(f"{label}: id_prefix needs {key!r}")
    if not isinstance(data["sanction"].get("types"), dict):
        raise FtmMappingError(f"{label}: sanction needs a 'types' mapping")
    return FtmMapping(**{key: data[key] for key in MAPPING_KEYS})


@lru_cache(maxsize=1)
def default_mapping() -> FtmMapping:
    return load_mapping()


def make_proxy(entity_id: str, schema: str, properties: Mapping[str, Iterable[Any]]) -> Proxy:
    """An FtM entity; property values become distinct non-empty strings, empty ones go."""
    props: dict[str, list[str]] = {}
    for name, values in properties.items():
        kept = list(dict.fromkeys(str(v) for v in values if v is not None and str(v) != ""))
        if kept:
            props[name] = kept
    return {"id": entity_id, "schema": schema, "properties": props}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# -- dates -------------------------------------------------------------------------------


def _prefix_date(low: str, high: str) -> str | None:
    """One day, or a whole month or year, as an FtM (prefix) date; else None."""
    if low == high:
        return low
    start, end = date.fromisoformat(low[:10]), date.fromisoformat(high[:10])
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    if not whole_months or start.year != end.year:
        return None
    if start.month == end.month:
        return low[:7]
    return low[:4] if (start.month, end.month) == (1, 12) else None


def interval_dates(low: str | None, high: str | None) -> dict[str, list[str]]:
    """FtM date properties for a day interval: a (prefix) `date`, else `startDate`/`endDate`.
    An interval open at one end gives its known bound only."""
    if not low or not high:
        return {"startDate": [low]} if low else ({"endDate": [high]} if high else {})
    single = _prefix_date(low, high)
    return {"date": [single]} if single else {"startDate": [low], "endDate": [high]}


def single_date(low: str | None, high: str | None) -> str | None:
    """One date for an interval: its (prefix) date, else the month or year enclosing it,
    else (spanning years) its earliest day."""
    if not low or not high:
        return low or high
    exact = _prefix_date(low, high)
    if exact:
        return exact
    if low[:7] == high[:7]:
        return low[:7]
    return low[:4] if low[:4] == high[:4] else low


# -- entities ----------------------------------------------------------------------------


class EntityRefs:
    """Entity proxies of a store, found by id or by a name as an incident writes it."""

    def __init__(self, store: Store, mapping: FtmMapping) -> None:
        self.mapping = mapping
        self.records = {r["id"]: r for r in records.entities(store)}
        with store.transaction() as conn:  # the resolver only reads once built
            self.resolver = EntityResolver(store, conn)

    def entity_proxy(self, record: dict[str, Any]) -> Proxy | None:
        """A stored entity as FtM; None for kinds FtM does not get (places, countries)."""
        schema = self.mapping.entity_schemata.get(record["kind"])
        if schema is None:
            return None
        props = {p: _as_list(record.get(f)) for p, f in self.mapping.entity_properties.items()}
        return make_proxy(self.mapping.id_prefix["entity"] + record["id"], schema, props)

    def named(self, raw: str) -> Proxy | None:
        """The entity a written name denotes; a name no entity covers gets its own."""
        name = parse_name(raw).name
        if not name:
            return None
        entity_id = self.resolver.find(name)
        if entity_id in self.records:
            return self.entity_proxy(self.records[entity_id])
        schema = self.mapping.entity_schemata.get(guess_kind(name))
        if schema is None:
            return None
        return make_proxy(
            self.mapping.id_prefix["name"] + short_hash(name), schema, {"name": [name]}
        )

    def refs(self, values: Iterable[Any]) -> list[Proxy]:
        """Entities of claimed values: names, lists of names, or "A; B" strings."""
        found: dict[str, Proxy] = {}
        for value in values:
            for item in _as_list(value):
                for part in str(item).split(";"):
                    proxy = self.named(part) if part.strip() else None
                    if proxy is not None:
                        found.setdefault(proxy["id"], proxy)
        return list(found.values())


# -- incidents ---------------------------------------------------------------------------


def claimed(incident: dict[str, Any], prop: str) -> list[Any]:
    """A reviewer's value of a property (the description keeps the sources' beside it), else
    every value the sources claim, else the incident's own value."""
    shown = incident["values"].get(prop)
    if shown is not None and shown["by_reviewer"]:
        return _as_list(shown["value"])
    values = [v["value"] for v in incident["claim_sets"].get(prop, [])]
    return values or _as_list(incident.get(prop))


def _claimed_dates(incident: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    dates = [(v.get("min"), v.get("max")) for v in claimed(incident, "date") if isinstance(v, dict)]
    return dates or [(incident["date_min"], incident["date_max"])]


def _description(incident: dict[str, Any]) -> list[str]:
    """Each claim set with its source counts, a reviewer's value marked as such ('count: 18
    (reviewer) [17×2]'); a contested incident says so."""
    values = incident["values"]
    lines = [
        format_claim_set(p, values[p])
        for p in SHOWN_PROPERTIES
        if p in values and (values[p]["claims"] or values[p]["by_reviewer"])
    ]
    return (["contested: sources disagree"] if incident["contested"] else []) + lines


def _name(incident: dict[str, Any]) -> str:
    dates = _claimed_dates(incident)
    when = " / ".join(format_value("date", {"min": lo, "max": hi}) for lo, hi in dates if lo)
    return f"{incident['type'].replace('_', ' ')} {when or 'undated'}"


def incident_proxies(
    incident: dict[str, Any], refs: EntityRefs, mapping: FtmMapping
) -> list[Proxy]:
    """The entities an incident refers to, then the incident (`views.incident_detail`)."""
    common = {
        "recordId": [incident["id"]],
        "summary": [incident["notes"]],
        "description": _description(incident),
        "sourceUrl": sorted({c["source_url"] for c in incident["claims"] if c["source_url"]}),
    }
    incident_id = mapping.id_prefix["incident"] + incident["id"]
    schema = mapping.incident_schemata.get(incident["type"], EVENT)
    if schema == SANCTION:
        targets = refs.refs(claimed(incident, mapping.sanction["entity_role"]))
        if targets:
            return [*targets, _sanction(incident_id, incident, targets, common, mapping)]
    linked: dict[str, list[str]] = {}
    entities: dict[str, Proxy] = {}
    for role, ref_props in mapping.event_roles.items():
        for proxy in refs.refs(claimed(incident, role)):
            entities.setdefault(proxy["id"], proxy)
            for prop in ref_props:
                linked.setdefault(prop, []).append(proxy["id"])
    places = [str(p) for p in claimed(incident, "destination")]
    props: dict[str, Iterable[Any]] = {"name": [_name(incident)], **common, **linked}
    for low, high in _claimed_dates(incident):
        for prop, values in interval_dates(low, high).items():
            props[prop] = [*props.get(prop, []), *values]
    props["location"] = places
    props["country"] = [mapping.countries[p] for p in places if p in mapping.countries]
    return [*entities.values(), make_proxy(incident_id, EVENT, props)]


def _sanction(
    proxy_id: str,
    incident: dict[str, Any],
    targets: list[Proxy],
    common: dict[str, list[Any]],
    mapping: FtmMapping,
) -> Proxy:
    rule = mapping.sanction_rule(incident["type"], incident["instrument"])
    props: dict[str, Iterable[Any]] = dict(common)
    props["entity"] = [t["id"] for t in targets]
    props["authority"] = claimed(incident, mapping.sanction["authority_role"])
    if rule.get("status"):
        props["status"] = [rule["status"]]
    if rule.get("label"):
        props[rule["label"]] = [incident["instrument_label"] or incident["instrument"]]
    if rule.get("date"):
        props[rule["date"]] = [single_date(lo, hi) for lo, hi in _claimed_dates(incident)]
    return make_proxy(proxy_id, SANCTION, props)


# -- writing -----------------------------------------------------------------------------


def ftm_entities(store: Store, mapping: FtmMapping | None = None) -> Iterator[Proxy]:
    """Every stored entity FtM has a schema for."""
    refs = EntityRefs(store, mapping or default_mapping())
    for record in refs.records.values():
        proxy = refs.entity_proxy(record)
        if proxy is not None:
            yield proxy


def ftm_incidents(
    store: Store, accepted_only: bool = False, mapping: FtmMapping | None = None
) -> Iterator[Proxy]:
    """Each incident as an Event or Sanction, preceded by the entities it refers to (once)."""
    mapping = mapping or default_mapping()
    refs = EntityRefs(store, mapping)
    written: set[str] = set()
    for incident in records.incident_details(store, accepted_only):
        for proxy in incident_proxies(incident, refs, mapping):
            if proxy["id"] not in written:
                written.add(proxy["id"])
                yield proxy


FTM_KINDS = ("incidents", "entities")


def write_ftm(store: Store, kind: str, out: TextIO, accepted_only: bool = False) -> int:
    """Write incidents (with their entities) or all entities as FtM lines; returns lines."""
    if kind == "incidents":
        return write_lines(ftm_incidents(store, accepted_only), out)
    if kind == "entities":
        return write_lines(ftm_entities(store), out)
    raise ValueError(f"FollowTheMoney export covers {' and '.join(FTM_KINDS)}, not {kind}")
