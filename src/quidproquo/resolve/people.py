"""The registry of people: everyone named in a detention, release, deportation or exchange,
with their story as dated, sourced facts and a status on a given day.

Facts come from incidents (curated, extracted, reviewed; rejected ones are left out) and
from imported registries. A registry entry joins a known entity when its name settles it
(spelling and transliteration folded, aliases applied); when only a looser match exists
(a surname alone, several candidates, a birth year that disagrees) a `registry_match` waits
in the review queue and the entry stands alone until a reviewer accepts it.

Status on a day, from the facts up to it in date order: held (arrested, sentenced, listed by
a registry), freed, freed and expelled (freed abroad, deported, exchanged), re-imprisoned
(held again after being freed), or unknown (no dated fact yet).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from quidproquo.ingest.registry import RegistryEntry
from quidproquo.ledger.terms import latest_held
from quidproquo.resolve.entities import EntityResolver
from quidproquo.resolve.names import fold
from quidproquo.resolve.rows import date_interval, short_hash
from quidproquo.resolve.shown import reviewer_set, shown, value_text
from quidproquo.store import CHUNK, Store, from_json, in_list, now_iso
from quidproquo.validate import stored_json

PEOPLE_TYPES = ("detention", "release", "deportation", "exchange")
STATUSES = ("held", "freed", "freed and expelled", "re-imprisoned", "unknown")
HELD = ("held", "re-imprisoned")
REGISTRY_ORIGIN = "registry"
HOME_COUNTRY = "belarus"  # a release "to" here is not an expulsion
# Order of facts on the same day: arrest before sentence, release before expulsion.
FACT_ORDER = {
    "arrested": 0, "sentenced": 1, "listed": 2, "freed": 3, "exchanged": 4, "expelled": 5,
    "returned to prison": 6,
}  # fmt: skip
SENTENCE = re.compile(
    r"sentenc\w*\s+(?:[\w.,-]+\s+){0,6}?to\s+(?P<term>(?:\d+|[a-z]+)(?:[\s-]+and[\s-]+a[\s-]+half)?"
    r"[\s-]+(?:years?|months?)(?:\s+(?:in|of)\s+(?:a\s+)?[\w\s-]{0,30}?(?:colony|prison|jail))?)",
    re.IGNORECASE,
)


@dataclass
class PersonFact:
    kind: str  # arrested, sentenced, listed, freed, exchanged, expelled, returned to prison
    date_min: str | None
    date_max: str | None
    detail: str | None
    sources: list[str]
    incident_id: str | None = None
    reviewed_date: str | None = None  # a reviewer set the date: '2025-02-13 (reviewer) [...]'

    @property
    def date(self) -> str:
        if self.reviewed_date:
            return self.reviewed_date
        if not self.date_min:
            return "undated"
        same = self.date_max in (None, self.date_min)
        return self.date_min if same else f"{self.date_min} – {self.date_max}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"date": self.date}


@dataclass
class Person:
    key: str  # the entity id, or 'name:' + folded name for a name no entity holds
    name: str
    facts: list[PersonFact] = field(default_factory=list)
    registries: list[str] = field(default_factory=list)
    status: str = "unknown"
    status_since: str | None = None
    doubts: list[str] = field(default_factory=list)  # facts that disagree with the status

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "status": self.status,
            "status_since": self.status_since,
            "registries": self.registries,
            "doubts": self.doubts,
            "facts": [f.to_dict() for f in self.facts],
        }


@dataclass
class RegistryImport:
    entries: int = 0
    matched: int = 0  # joined a known entity by name
    to_review: int = 0  # uncertain matches sent to the review queue
    new_people: int = 0


# -- importing a registry -------------------------------------------------------------------


def import_registry(
    store: Store,
    registry: str,
    entries: list[RegistryEntry],
    as_of: str,
    source_path: str | None,
    source_url: str | None,
) -> RegistryImport:
    """Store the entries (an entry seen before is updated), each tied to an entity or sent
    to review; a reviewer's earlier decision on a match stands."""
    summary = RegistryImport()
    with store.transaction() as conn:
        resolver = EntityResolver(store, conn)
        for entry in entries:
            summary.entries += 1
            entry_id = "reg-" + short_hash(registry, fold(entry.name), entry.birth_year)
            ids, settled = resolver.candidates(entry.name)
            birth_conflict = {i for i in ids if _birth_year(store, conn, i) not in
                              (None, entry.birth_year) and entry.birth_year}  # fmt: skip
            entity_id: str | None = None
            if settled and len(ids) == 1 and not birth_conflict:
                entity_id = next(iter(ids))
                summary.matched += 1
            elif not ids:
                entity_id = resolver.resolve(entry.name, REGISTRY_ORIGIN, "person")
                summary.new_people += 1
            row = asdict(entry) | {
                "id": entry_id, "registry": registry, "entity_id": entity_id, "as_of": as_of,
                "source_path": source_path, "source_url": source_url, "retrieved": now_iso(),
            }  # fmt: skip
            row.pop("line")
            columns = ", ".join(row)
            updates = ", ".join(f"{c} = :{c}" for c in row if c != "id")
            store.execute(
                f"INSERT INTO registry_entries ({columns})"
                f" VALUES ({', '.join(':' + c for c in row)})"
                f" ON CONFLICT (id) DO UPDATE SET {updates}",
                row,
                conn,
            )
            if entity_id is None:
                summary.to_review += 1
                for candidate in sorted(ids):
                    reason = _reason(settled, len(ids), candidate in birth_conflict)
                    store.execute(
                        "INSERT INTO registry_matches (id, entry_id, entity_id, reason, status,"
                        " created_at) VALUES (:id, :e, :c, :r, 'candidate', :t)"
                        " ON CONFLICT DO NOTHING",
                        {"id": "rm-" + short_hash(entry_id, candidate), "e": entry_id,
                         "c": candidate, "r": reason, "t": now_iso()},
                    conn)  # fmt: skip
    return summary


def _birth_year(store: Store, conn: Any, entity_id: str) -> int | None:
    row = store.query_one("SELECT attributes FROM entities WHERE id = :i", {"i": entity_id}, conn)
    year = (from_json(row["attributes"]) or {}).get("birth_year") if row else None
    return int(year) if isinstance(year, int | str) and str(year).isdigit() else None


def _reason(settled: bool, count: int, birth_conflict: bool) -> str:
    if birth_conflict:
        return "same name, different birth year"
    if count > 1:
        return f"the name fits {count} known people"
    return "the names match only loosely (a surname alone, or initials)" if not settled else ""


# -- building the registry ----------------------------------------------------------------------


def _incident_facts(store: Store, ids: Sequence[str] | None = None) -> list[tuple[str, PersonFact]]:
    """(name as written, fact) for every person named in a people incident (of those with
    `ids` when given), the incidents in the order of their ids."""
    kinds = ", ".join(repr(t) for t in PEOPLE_TYPES)
    rows = _by_ids(
        store,
        "SELECT id, type, date_min, date_max, destination, persons, notes FROM incidents"
        f" WHERE status <> 'rejected' AND type IN ({kinds})",
        "id",
        ids,
    )
    incidents = {r["id"]: r for r in sorted(rows, key=lambda r: str(r["id"]))}
    names: dict[str, set[str]] = {
        i: set(from_json(r["persons"]) or []) for i, r in incidents.items()
    }
    texts: dict[str, list[str]] = {i: [r["notes"] or ""] for i, r in incidents.items()}
    sources: dict[str, list[str]] = {i: [] for i in incidents}
    # Only the claims of these incidents, with only the values and texts read below (a
    # detention's texts name its sentence; the persons claimed are added to its names).
    for claim in _by_ids(
        store,
        f"SELECT c.incident_id, c.property, CASE WHEN c.property = 'persons' THEN c.value END"
        " AS value, CASE WHEN i.type = 'detention' THEN c.evidence END AS evidence,"
        f" {CLAIM_SOURCE} FROM claims c JOIN incidents i ON i.id = c.incident_id"
        " LEFT JOIN documents d ON d.id = c.document_id"
        f" WHERE c.status <> 'rejected' AND i.status <> 'rejected' AND i.type IN ({kinds})",
        "c.incident_id",
        ids,
        " ORDER BY c.incident_id, c.id",  # the same order on every database
    ):
        incident_id = claim["incident_id"]
        source = _source(claim)
        if source and source not in sources[incident_id]:
            sources[incident_id].append(source)
        texts[incident_id].append(claim["evidence"] or "")
        if claim["property"] == "persons":
            value = from_json(claim["value"])
            names[incident_id] |= set(value if isinstance(value, list) else [value])
    reviewed = reviewer_set(store, "incident")
    dates = _claimed_dates(store, [i for i in incidents if "date" in reviewed.get(i, {})])
    destinations = _linked_destinations(store, incidents, ids is not None)
    found = []
    for incident_id, row in incidents.items():
        destination = row["destination"] or destinations.get(incident_id)
        kind, detail = _fact_kind(row["type"], destination, " ".join(texts[incident_id]))
        reviewed_day = _reviewed_date(row, dates.get(incident_id, {}), reviewed)
        for name in sorted(n for n in names[incident_id] if isinstance(n, str) and n.strip()):
            fact = PersonFact(kind, row["date_min"], row["date_max"], detail,
                              sources[incident_id], incident_id, reviewed_day)  # fmt: skip
            found.append((name, fact))
    return found


CLAIM_SOURCE = "c.source_url, c.document_id, d.url"  # a claim's source, read by `_source`


def _by_ids(
    store: Store, sql: str, column: str, ids: Sequence[str] | None, order: str = ""
) -> list[dict[str, Any]]:
    """The rows of `sql` (which ends in a WHERE clause), of every id when `ids` is None, else
    of those whose `column` is one of `ids` (read a chunk at a time)."""
    if ids is None:
        return list(store.query(sql + order))
    found: list[dict[str, Any]] = []
    for start in range(0, len(ids), CHUNK):
        names, params = in_list("b", list(ids[start : start + CHUNK]))
        found += store.query(f"{sql} AND {column} IN ({names}){order}", params)
    return found


def _source(claim: dict[str, Any]) -> str | None:
    return (
        claim["source_url"]
        or claim["url"]
        or (f"document {claim['document_id']}" if claim["document_id"] else None)
    )


def _claimed_dates(store: Store, ids: list[str]) -> dict[str, dict[str, set[str]]]:
    """incident id -> each date its sources claim -> those sources (only the incidents
    whose date a reviewer set show the sources' dates beside it)."""
    dates: dict[str, dict[str, set[str]]] = {}
    for start in range(0, len(ids), CHUNK):
        names, params = in_list("i", ids[start : start + CHUNK])
        for claim in store.query(
            f"SELECT c.incident_id, c.value, {CLAIM_SOURCE} FROM claims c"
            " LEFT JOIN documents d ON d.id = c.document_id WHERE c.property = 'date'"
            f" AND c.status <> 'rejected' AND c.incident_id IN ({names})", params):  # fmt: skip
            claimed = dates.setdefault(claim["incident_id"], {})
            claimed.setdefault(claim["value"], set()).add(_source(claim) or "")
    return dates


def _reviewed_date(
    row: dict[str, Any], claimed: dict[str, set[str]], reviewed: dict[str, dict[str, Any]]
) -> str | None:
    """The incident's date as the reviewer's beside the sources' ones, if a reviewer set it."""
    if "date" not in reviewed.get(row["id"], {}):
        return None
    claims = [{"value": stored_json(v), "sources": len(s)} for v, s in claimed.items()]
    claims.sort(key=lambda c: -c["sources"])
    return value_text("date", shown("date", row, claims, by_reviewer=True))


def _linked_destinations(
    store: Store, incidents: dict[str, dict[str, Any]], only_these: bool = False
) -> dict[str, str]:
    """A release's destination where a linked deportation states it (the links of
    `incidents` only when `only_these`, else every link read at once)."""
    releases = [i for i, r in incidents.items() if r["type"] == "release"]
    links = (
        _by_ids(store, "SELECT incident_id, other_id FROM incident_links WHERE 1 = 1",
                "incident_id", releases)
        + _by_ids(store, "SELECT incident_id, other_id FROM incident_links WHERE 1 = 1",
                  "other_id", releases)
        if only_these
        else store.query("SELECT incident_id, other_id FROM incident_links")
    )  # fmt: skip
    others = sorted({link[end] for link in links for end in ("incident_id", "other_id")})
    deportations = {
        r["id"]: r["destination"]
        for r in _by_ids(
            store,
            "SELECT id, destination FROM incidents WHERE type = 'deportation'"
            " AND destination IS NOT NULL AND status <> 'rejected'",
            "id",
            others if only_these else None,
        )
    }
    found: dict[str, str] = {}
    # In one order on every database and however the links were read.
    for link in sorted({(r["incident_id"], r["other_id"]): r for r in links}.values(),
                       key=lambda r: (r["incident_id"], r["other_id"])):  # fmt: skip
        for a, b in (
            (link["incident_id"], link["other_id"]),
            (link["other_id"], link["incident_id"]),
        ):
            if a in incidents and incidents[a]["type"] == "release" and b in deportations:
                found.setdefault(a, deportations[b])
    return found


def _fact_kind(kind: str, destination: str | None, text: str) -> tuple[str, str | None]:
    abroad = destination and fold(destination) != HOME_COUNTRY
    if kind == "detention":
        term = SENTENCE.search(text)
        if term:
            return "sentenced", term.group("term")
        return "arrested", "refused to leave" if re.search(r"\brefus", text, re.I) else None
    if kind == "release":
        return ("expelled", f"freed, sent to {destination}") if abroad else ("freed", None)
    if kind == "deportation":
        return "expelled", f"sent to {destination}" if destination else None
    return "exchanged", f"to {destination}" if destination else None


def _registry_facts(store: Store) -> list[tuple[str | None, str, str, PersonFact]]:
    """(entity id or None, name, registry, fact) for every imported registry entry."""
    accepted = {
        r["entry_id"]: r["entity_id"]
        for r in store.query(
            "SELECT entry_id, entity_id FROM registry_matches"
            " WHERE status IN ('accepted', 'corrected')"
        )  # fmt: skip
    }
    found = []
    for entry in store.query("SELECT * FROM registry_entries ORDER BY registry, name"):
        entity_id = entry["entity_id"] or accepted.get(entry["id"])
        source = [entry["url"] or entry["source_url"] or entry["source_path"] or entry["registry"]]
        listed = f"listed by {entry['registry']}" + (
            f" as {entry['status']}" if entry["status"] else ""
        )
        facts = [PersonFact("listed", entry["as_of"], entry["as_of"], listed, source)]
        if entry["arrest_date"]:
            low, high = _partial_interval(entry["arrest_date"])
            facts.append(PersonFact("arrested", low, high, entry["charges"], source))
        if entry["sentence"]:
            detail = entry["sentence"] + (f" ({entry['charges']})" if entry["charges"] else "")
            facts.append(PersonFact("sentenced", None, None, detail, source))
        found += [(entity_id, entry["name"], entry["registry"], f) for f in facts]
    return found


def _partial_interval(text: str) -> tuple[str, str]:
    low, high = date_interval(text)
    assert low is not None and high is not None
    return low, high


def _status(facts: list[PersonFact], day: str) -> tuple[str, str | None, list[str]]:
    """Status on `day`, the day it began, and the doubts met on the way: a registry listing
    sets `held` only for someone of unknown status (a list can be older than the news)."""
    status, since, doubts = "unknown", None, []
    for fact in facts:
        if not fact.date_min or (fact.date_max or fact.date_min) > day:
            continue
        free = status in ("freed", "freed and expelled")
        if fact.kind == "listed":
            if free:
                doubts.append(f"{fact.detail} on {fact.date}, after being {status} on {since}")
                continue
            new = status if status != "unknown" else "held"
        elif fact.kind in ("arrested", "sentenced", "returned to prison"):
            new = "re-imprisoned" if free or status == "re-imprisoned" else "held"
            if fact.kind == "returned to prison":
                new = "re-imprisoned"
        elif fact.kind == "expelled":
            new = "freed and expelled"
        else:
            new = "freed"
        if new != status:
            status, since = new, fact.date_min
    return status, since, doubts


class _Gathered:
    """People gathered from their facts; each name as written resolved once."""

    def __init__(self, resolver: EntityResolver) -> None:
        self.resolver = resolver
        self.found: dict[str, Person] = {}
        self.resolved: dict[str, tuple[str, str]] = {}  # a name as written -> (key, name shown)

    def key_of(self, entity_id: str | None, written: str) -> tuple[str, str]:
        """The person's key and the name shown for them."""
        if entity_id is None and written in self.resolved:
            return self.resolved[written]
        found_id = entity_id or self.resolver.find(written)
        known = self.resolver.known.get(found_id or "")
        key_shown = found_id or "name:" + fold(written), known.name if known else written
        if entity_id is None:
            self.resolved[written] = key_shown
        return key_shown

    def person(self, entity_id: str | None, written: str) -> Person:
        key, shown = self.key_of(entity_id, written)
        return self.found.setdefault(key, Person(key, shown))


def _settled(who: Person) -> Person:
    """Facts in date order (arrest before sentence, release before expulsion on a day)."""
    who.facts.sort(key=lambda f: (f.date_max or f.date_min or "9999", f.date_min or "",
                                  FACT_ORDER[f.kind]))  # fmt: skip
    _with_returns(who.facts)
    return who


def build_registry(store: Store, day: str) -> list[Person]:
    """Every named person with their facts and status on `day`, in page order."""
    with store.transaction() as conn:
        gathered = _Gathered(EntityResolver(store, conn))
        for written, fact in _incident_facts(store):
            gathered.person(None, written).facts.append(fact)
        for entity_id, written, registry, fact in _registry_facts(store):
            who = (
                gathered.person(entity_id, written)
                if entity_id
                else gathered.found.setdefault(
                    "name:" + fold(written) + ":" + registry,
                    Person("name:" + fold(written), written),
                )
            )  # an unsettled entry stands alone until reviewed
            who.facts.append(fact)
            if registry not in who.registries:
                who.registries.append(registry)
    everyone = [_settled(who) for who in gathered.found.values()]
    return _in_order(_on_day(everyone, day))


# The names known (entities and their aliases), kept per store while the people version holds
# (any change of an entity or alias moves it): reading and keying them all is most of an update.
_RESOLVERS: dict[str, tuple[int, EntityResolver]] = {}


def _names_known(store: Store, people_version: int) -> EntityResolver:
    kept = _RESOLVERS.get(store.url)
    if kept is None or kept[0] != people_version:
        with store.transaction() as conn:  # used only to find names: no entity is made
            kept = people_version, EntityResolver(store, conn)
        _RESOLVERS[store.url] = kept
    return kept[1]


def _rebuilt(
    store: Store, dirty: Sequence[str], day: str, people_version: int
) -> tuple[set[str], list[Person]] | None:
    """The people the `dirty` incidents named or name now, rebuilt from all their facts: their
    keys and who they are now (a key named no more is gone). The names and registries are as
    when the stored registry was built (the people version has not moved): a person's registry
    facts are taken from it. None when only a whole build can tell (an unsettled registry
    entry shares its key with a name no entity holds)."""
    changed = sorted(set(dirty) | _linked(store, dirty))
    keys = {r["person_key"] for r in _by_ids(
        store, "SELECT person_key FROM people_incidents WHERE 1 = 1", "incident_id", changed)}
    gathered = _Gathered(_names_known(store, people_version))
    named_now = _incident_facts(store, changed)
    keys |= {gathered.key_of(None, written)[0] for written, _ in named_now}
    ordered = sorted(keys)
    incidents = set(changed) | {r["incident_id"] for r in _by_ids(
        store, "SELECT incident_id FROM people_incidents WHERE 1 = 1", "person_key", ordered)}
    for written, fact in _incident_facts(store, sorted(incidents)):
        if gathered.key_of(None, written)[0] in keys:
            gathered.person(None, written).facts.append(fact)
    for old in _stored_people(store, ordered):
        listed = [f for f in old.facts if f.incident_id is None]
        if not listed:
            continue
        if old.key.startswith("name:"):
            return None
        who = gathered.found.setdefault(old.key, Person(old.key, old.name))
        who.facts += listed
        who.registries = list(old.registries)
    everyone = [_settled(who) for who in gathered.found.values()]
    return keys, _on_day(everyone, day)


def _linked(store: Store, ids: Sequence[str]) -> set[str]:
    """The incidents linked to these (a deportation's destination is its release's too)."""
    ordered = sorted(set(ids))
    links = _by_ids(store, "SELECT incident_id, other_id FROM incident_links WHERE 1 = 1",
                    "incident_id", ordered) + _by_ids(
        store, "SELECT incident_id, other_id FROM incident_links WHERE 1 = 1", "other_id", ordered)
    return {r[end] for r in links for end in ("incident_id", "other_id")}


def _on_day(everyone: list[Person], day: str) -> list[Person]:
    """The same people with their status on `day`."""
    for who in everyone:
        who.status, who.status_since, who.doubts = _status(who.facts, day)
    return everyone


def _order(person: Person) -> tuple[int, str, str]:
    """Page order: by status, then name; the key settles ties (a keyset needs a total order)."""
    return STATUSES.index(person.status), fold(person.name), person.key


def _in_order(everyone: list[Person]) -> list[Person]:
    return sorted(everyone, key=_order)


def people(
    store: Store,
    as_of: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    name: str | None = None,
) -> list[Person]:
    """Every named person with their facts and status on `as_of` (default today); filtered
    by status, by a fact dated within [since, until], or by a name (any spelling)."""
    return people_page(store, as_of, status, since, until, name)[0]


def people_page(
    store: Store,
    as_of: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    name: str | None = None,
    after: str | None = None,
    limit: int | None = None,
) -> tuple[list[Person], str | None]:
    """One page of `people` (all of it without `limit`): the people that follow the person
    keyed `after`, and the key to continue after when more follow (else None). Read from the
    stored registry (built again first if what it rests on changed); today's registry without
    filters other than a status is read a page at a time by keyset. An `after` that keys no
    listed person raises ValueError."""
    today = date.today().isoformat()
    day = as_of or today
    built = stored_registry(store)
    if built is None and day == today and not (since or until or name):
        return _stored_page(store, status, after, limit)
    everyone = built if built is not None else _stored_people(store)
    if day != today:
        everyone = _in_order(_on_day(everyone, day))
    wanted = _named(store, name) if name else None
    shown = [
        who for who in everyone
        if (not status or who.status == status)
        and (not (since or until) or _dated_within(who, since, until))
        and (wanted is None or who.key in wanted)
    ]  # fmt: skip
    if after is not None:
        keys = [who.key for who in shown]
        if after not in keys:
            raise ValueError(f"no person {after!r} to continue after")
        shown = shown[keys.index(after) + 1 :]
    if limit is None or len(shown) <= limit:
        return shown, None
    return shown[:limit], shown[limit - 1].key


def _dated_within(who: Person, since: str | None, until: str | None) -> bool:
    return any(
        f.date_min and (not since or (f.date_max or f.date_min) >= since)
        and (not until or f.date_min <= until) for f in who.facts
    )  # fmt: skip


def _named(store: Store, name: str) -> set[str]:
    """Keys of the people a name (any spelling) denotes."""
    with store.transaction() as conn:
        return set(EntityResolver(store, conn).candidates(name)[0])


def named_held(store: Store, as_of: str | None = None) -> int:
    """How many named people are held or re-imprisoned on `as_of` (default today)."""
    if (as_of or date.today().isoformat()) == date.today().isoformat():
        built = stored_registry(store)
        if built is None:
            ranks = ", ".join(str(STATUSES.index(s)) for s in HELD)  # through the order index
            row = store.query_one(
                f"SELECT COUNT(*) AS n FROM people_registry WHERE rank IN ({ranks})"
            )
            return int(row["n"]) if row else 0
    return sum(p.status in HELD for p in people(store, as_of))


# -- the stored registry (migration 0075) ----------------------------------------------------


def _versions(store: Store) -> tuple[int, int]:
    row = store.query_one(
        "SELECT f.version AS facts, p.version AS people FROM facts_version f, people_version p"
        " WHERE f.id = 1 AND p.id = 1"
    )
    return (int(row["facts"]), int(row["people"])) if row else (0, 0)


WHOLE_BUILD_ABOVE = 2000  # incidents changed since the last update: more are built whole


def stored_registry(store: Store) -> list[Person] | None:
    """Make sure the stored registry holds for today's facts, names and day: if only facts
    changed, rebuild the people of the changed incidents; else build it whole and store it.
    Returns None when the stored one can be read, else (a read-only or busy database) the
    registry built now."""
    today = date.today().isoformat()
    versions = _versions(store)  # read before building: a change meanwhile makes it stale
    state = store.query_one(
        "SELECT facts_version, people_version, day FROM people_registry_state WHERE id = 1"
    )
    if state and (state["facts_version"], state["people_version"], state["day"]) == (
        *versions, today
    ):
        return None
    top = store.query_one("SELECT MAX(seq) AS seq FROM people_dirty")
    last = int(top["seq"]) if top and top["seq"] is not None else 0
    state_row = {"f": versions[0], "v": versions[1], "d": today, "t": now_iso(), "last": last}
    if state and (state["people_version"], state["day"]) == (versions[1], today):
        dirty = [r["incident_id"] for r in store.query(  # read no more than can be used
            "SELECT DISTINCT incident_id FROM people_dirty WHERE seq <= :last LIMIT :over",
            state_row | {"over": WHOLE_BUILD_ABOVE + 1})]  # fmt: skip
        update = _rebuilt(store, dirty, today, versions[1]) if "*" not in dirty and len(
            dirty) <= WHOLE_BUILD_ABOVE else None  # fmt: skip
        if update is not None and _stored(store, *update, state_row | {"n": len(update[0])}):
            return None
    _RESOLVERS.pop(store.url, None)  # names read again after a whole build
    everyone = build_registry(store, today)
    keys = {who.key for who in everyone}
    if len(keys) == len(everyone) and _stored(store, None, everyone, state_row | {"n": len(keys)}):
        return None
    return everyone  # read-only, busy, or two people under one key (never stored)


def _stored(
    store: Store, keys: set[str] | None, everyone: list[Person], state_row: dict[str, Any]
) -> bool:
    """Store these people in place of those keyed `keys` (of everyone when None) and the state
    they hold on; False when the database refused (read-only, or another request stored them
    meanwhile)."""
    rows = [{"k": who.key, "r": STATUSES.index(who.status), "n": fold(who.name),
             "s": who.status, "j": json.dumps(asdict(who), default=str)}
            for who in everyone]  # fmt: skip
    named = [{"i": i, "k": who.key} for who in everyone
             for i in sorted({f.incident_id for f in who.facts if f.incident_id})]  # fmt: skip
    try:
        with store.transaction() as conn:
            if keys is None:
                store.execute("DELETE FROM people_registry", conn=conn)
                store.execute("DELETE FROM people_incidents", conn=conn)
            ordered = sorted(keys or ())
            for start in range(0, len(ordered), CHUNK):
                names, params = in_list("k", ordered[start : start + CHUNK])
                for table in ("people_registry", "people_incidents"):
                    store.execute(f"DELETE FROM {table} WHERE person_key IN ({names})",
                                  params, conn)  # fmt: skip
            if rows:
                store.execute(
                    "INSERT INTO people_registry (person_key, rank, sort_name, status, person)"
                    " VALUES (:k, :r, :n, :s, :j)", rows, conn)  # fmt: skip
            if named:
                store.execute("INSERT INTO people_incidents (incident_id, person_key)"
                              " VALUES (:i, :k)", named, conn)  # fmt: skip
            store.execute("DELETE FROM people_dirty WHERE seq <= :last", state_row, conn)
            store.execute(
                "INSERT INTO people_registry_state (id, facts_version, people_version, day,"
                " built_at, people_updated) VALUES (1, :f, :v, :d, :t, :n) ON CONFLICT (id)"
                " DO UPDATE SET facts_version = :f, people_version = :v, day = :d,"
                " built_at = :t, people_updated = :n",
                state_row, conn)  # fmt: skip
    except SQLAlchemyError:
        return False
    return True


def _person(stored: str) -> Person:
    data = json.loads(stored)
    data["facts"] = [PersonFact(**f) for f in data["facts"]]
    return Person(**data)


PAGE_ORDER = "ORDER BY rank, sort_name, person_key"


def _stored_people(store: Store, keys: Sequence[str] | None = None) -> list[Person]:
    """The stored people (those keyed `keys` when given), in page order when all are read."""
    order = PAGE_ORDER if keys is None else ""
    rows = _by_ids(store, "SELECT person FROM people_registry WHERE 1 = 1", "person_key", keys,
                   f" {order}")  # fmt: skip
    return [_person(r["person"]) for r in rows]


def _stored_page(
    store: Store, status: str | None, after: str | None, limit: int | None
) -> tuple[list[Person], str | None]:
    where, bound = ["1 = 1"], dict[str, Any]()
    if status:
        where.append("rank = :r")
        bound["r"] = STATUSES.index(status) if status in STATUSES else -1
    if after is not None:
        row = store.query_one(
            "SELECT rank, sort_name FROM people_registry WHERE person_key = :k", {"k": after}
        )
        if row is None or (status and row["rank"] != bound["r"]):
            raise ValueError(f"no person {after!r} to continue after")
        where.append("(rank, sort_name, person_key) > (:ar, :an, :ak)")
        bound |= {"ar": row["rank"], "an": row["sort_name"], "ak": after}
    sql = f"SELECT person FROM people_registry WHERE {' AND '.join(where)} {PAGE_ORDER}"
    if limit is not None:
        sql += " LIMIT :n"
        bound["n"] = limit + 1
    shown = [_person(r["person"]) for r in store.query(sql, bound)]
    if limit is None or len(shown) <= limit:
        return shown, None
    return shown[:limit], shown[limit - 1].key


def _with_returns(facts: list[PersonFact]) -> list[PersonFact]:
    """A detention after a release reads as a return to prison."""
    freed = False
    for fact in facts:
        if fact.kind in ("freed", "expelled", "exchanged") and fact.date_min:
            freed = True
        elif freed and fact.kind in ("arrested", "sentenced") and fact.incident_id:
            fact.kind = "returned to prison"
    return facts


def stock(store: Store, as_of: str | None = None) -> dict[str, Any]:
    """The latest counted number held beside the number of named people held on `as_of`."""
    counts = latest_held(store)
    named = named_held(store, as_of)
    return {
        "latest_counts": [
            {
                "count": c.count,
                "qualifier": c.qualifier,
                "as_of": c.as_of,
                "attributed_to": c.attributed_to,
                "sources": c.sources,
            }
            for c in counts
        ],  # fmt: skip
        "named_held": named,
    }


def registry_name(path: Path, given: str | None) -> str:
    return given or path.stem
