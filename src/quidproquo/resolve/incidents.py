"""Incident resolution: extracted events from many documents that tell of one happening
become one incident whose every property is a set of per-source claims.

Two mentions are the same happening when they have the same type and modality class,
compatible dates, no conflicting target/destination/instrument (nor actor, for the types
where the actor is the happening), and some positive evidence when both give counts:
compatible counts or a shared person/target/destination. Mentions that fit a curated (or
reviewed) incident attach to it as extra claims; the rest form machine-made incidents.

`resolve(store)` is idempotent: it deletes what it made last time (candidate incidents and
candidate claims, its `denies` links, extracted entities) and rebuilds, leaving curated
incidents and everything a reviewer touched as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from quidproquo.resolve.entities import EntityResolver, clear_extracted_entities, rebuild_mentions
from quidproquo.resolve.rows import (
    claim_id,
    insert_claim,
    insert_incident,
    instrument_kind,
    short_hash,
)
from quidproquo.resolve.sectors import sectors_of
from quidproquo.store import Store, from_json, now_iso, to_json
from quidproquo.validate import stored_date, stored_names

# Dates: two intervals further apart than this (in days) are different happenings.
DATE_TOLERANCE_DAYS = 1
# An undated mention is placed in the window ending at its document's publication date.
UNDATED_LOOKBACK_DAYS = 7
# Exact counts agree when within this relative difference (114 vs 115), or this many people.
COUNT_REL_TOLERANCE = 0.03
COUNT_ABS_TOLERANCE = 1
# "about N" agrees with values within this relative difference.
ABOUT_REL_TOLERANCE = 0.10
# A denial with no denied event in its own document looks this far for an incident.
DENIAL_WINDOW_DAYS = 7
# What a denial may deny, most likely first.
DENIABLE_TYPES = ("exchange", "release", "sanctions_eased", "deportation")
# Types where who acted tells two happenings apart (two envoys' visits, two denials).
ACTOR_DISTINGUISHES = ("visit", "denial", "detention")
# Modalities that describe something that did not (yet) happen stay apart from facts.
UNREAL_MODALITIES = ("proposed", "refused", "denied")
RESOLVE_SOURCE = "resolve"
REVIEWED = ("accepted", "rejected", "corrected")
PROPERTIES = ("date", "count", "destination", "persons", "actor", "target", "instrument")

Progress = Callable[[list[Any], str], Iterable[Any]]


@dataclass
class ResolveSummary:
    events: int = 0  # extracted events considered
    incidents_created: int = 0  # machine-made incidents written
    attached: int = 0  # events attached to curated or reviewed incidents
    claims_added: int = 0
    contested: int = 0  # machine-made incidents whose sources disagree
    denial_links: int = 0
    entities_created: int = 0


@dataclass
class Mention:
    """One extracted event with its document and resolved entities."""

    row: dict[str, Any]
    interval: tuple[date, date]
    dated: bool
    persons: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)  # sanctioned sectors of the targets
    destinations: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def count(self) -> tuple[int, str | None] | None:
        value = self.row["count"]
        return None if value is None else (int(value), self.row["count_qualifier"])


@dataclass
class Cluster:
    """An incident being built: a seed (existing incident) or new, and its mentions."""

    type: str
    real: bool  # modality class
    intervals: list[tuple[date, date]]
    counts: list[tuple[int, str | None]] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    destinations: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    instruments: set[str] = field(default_factory=set)
    incident_id: str | None = None
    origin: str = "extracted"
    status: str = "candidate"
    members: list[Mention] = field(default_factory=list)

    def add(self, mention: Mention) -> None:
        self.members.append(mention)
        if mention.dated or not self.intervals:
            self.intervals.append(mention.interval)
        if mention.count:
            self.counts.append(mention.count)
        self.persons |= mention.persons
        self.targets |= mention.targets
        self.sectors |= mention.sectors
        self.destinations |= mention.destinations
        self.actors |= mention.actors
        kind = instrument_kind(mention.row["instrument"])
        if kind:
            self.instruments.add(kind)


# -- compatibility -------------------------------------------------------------------------


def gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def counts_agree(a: tuple[int, str | None], b: tuple[int, str | None]) -> bool:
    """Do two counts (value, qualifier) fit one happening? Bounds agree with what they bound."""
    (x, qx), (y, qy) = a, b
    low_x, high_x = _count_range(x, qx)
    low_y, high_y = _count_range(y, qy)
    return low_x <= high_y and low_y <= high_x


def _count_range(value: int, qualifier: str | None) -> tuple[float, float]:
    if qualifier in ("more_than", "at_least"):
        return value, float("inf")
    if qualifier == "less_than":
        return 0, value
    slack = ABOUT_REL_TOLERANCE if qualifier == "about" else COUNT_REL_TOLERANCE
    margin = max(COUNT_ABS_TOLERANCE, slack * value)
    return value - margin, value + margin


def match_score(cluster: Cluster, mention: Mention) -> float | None:
    """How well a mention fits a cluster; None when it cannot be the same happening."""
    if cluster.type != mention.row["type"] or cluster.real != _is_real(mention.row):
        return None
    gaps = [gap_days(i, mention.interval) for i in cluster.intervals]
    if not gaps or max(gaps) > DATE_TOLERANCE_DAYS:
        return None
    # A sector ("potash") and a company of it (Belaruskali) do not conflict.
    same_sector = bool(cluster.sectors & mention.sectors)
    conflicts = [(cluster.destinations, mention.destinations)]
    if not same_sector:
        conflicts.append((cluster.targets, mention.targets))
    if cluster.type in ACTOR_DISTINGUISHES:
        conflicts.append((cluster.actors, mention.actors))
    if any(ours and theirs and not ours & theirs for ours, theirs in conflicts):
        return None
    kind = instrument_kind(mention.row["instrument"])
    if kind and cluster.instruments and kind not in cluster.instruments:
        return None
    shared = (
        len(cluster.persons & mention.persons)
        + max(len(cluster.targets & mention.targets), int(same_sector))
        + len(cluster.destinations & mention.destinations)
    )
    count = mention.count
    count_fits = bool(count and any(counts_agree(count, c) for c in cluster.counts))
    if count and cluster.counts and not count_fits and not shared:
        return None
    return 10.0 * (shared + count_fits) - sum(gaps) - 0.5 * (cluster.origin != "curated")


def _is_real(row: dict[str, Any]) -> bool:
    return row.get("modality") not in UNREAL_MODALITIES


# -- loading -------------------------------------------------------------------------------


def _mentions(store: Store, conn: Connection, resolver: EntityResolver) -> list[Mention]:
    rows = store.query(
        "SELECT e.*, d.url AS source_url, d.published, d.publisher FROM events e"
        " JOIN documents d ON d.id = e.document_id WHERE e.status != 'rejected'"
        " ORDER BY e.date_min, e.id",
        conn=conn,
    )
    mentions = []
    for row in rows:
        row["persons"] = stored_names(row["persons"])
        start = stored_date(row["date_min"])
        end = stored_date(row["date_max"]) or start
        dated = start is not None
        if start is None or end is None:
            published = stored_date(row["published"]) or stored_date(row["created_at"])
            assert published is not None
            start, end = published - timedelta(days=UNDATED_LOOKBACK_DAYS), published
        mentions.append(
            Mention(
                row,
                (start, end),
                dated,
                persons={i for p in row["persons"] for i in _resolve_all(resolver, p)},
                targets=set(_resolve_all(resolver, row["target"])),
                sectors=sectors_of(row["target"]),
                destinations=set(_resolve_all(resolver, row["destination"])),
                actors=set(_resolve_all(resolver, row["actor"])),
            )
        )
    # Dated mentions first, so an undated one can join the incident its date window holds.
    return sorted(mentions, key=lambda m: (not m.dated, m.interval, m.id))


def _seeds(store: Store, conn: Connection, resolver: EntityResolver) -> dict[str, Cluster]:
    """Every incident still in the store (curated, reviewed, or holding reviewed claims)."""
    seeds: dict[str, Cluster] = {}
    for row in store.query("SELECT * FROM incidents ORDER BY id", conn=conn):
        start = stored_date(row["date_min"]) or stored_date(row["date_max"])
        if start is None:
            continue
        end = stored_date(row["date_max"]) or start + timedelta(days=DATE_TOLERANCE_DAYS)
        cluster = Cluster(
            type=row["type"],
            real=True,
            intervals=[(start, end)],
            incident_id=row["id"],
            origin=row["origin"],
            status=row["status"],
        )
        cluster.persons = {
            i for p in from_json(row["persons"]) or [] for i in _resolve_all(resolver, p)
        }
        cluster.targets = set(_resolve_all(resolver, row["target"]))
        cluster.sectors = sectors_of(row["target"])
        cluster.destinations = set(_resolve_all(resolver, row["destination"]))
        cluster.actors = set(_resolve_all(resolver, row["actor"]))
        if row["instrument"]:
            cluster.instruments.add(row["instrument"])
        seeds[row["id"]] = cluster
    for claim in store.query(
        "SELECT incident_id, value, qualifier FROM claims WHERE property = 'count'", conn=conn
    ):
        value = from_json(claim["value"])
        if isinstance(value, int) and claim["incident_id"] in seeds:
            seeds[claim["incident_id"]].counts.append((value, claim["qualifier"]))
    return seeds


def _resolve_all(resolver: EntityResolver, raw: str | None) -> list[str]:
    return [
        i for part in (raw or "").split(";") if part.strip() for i in [resolver.resolve(part)] if i
    ]


# -- resolve -------------------------------------------------------------------------------


def _clear_previous(store: Store, conn: Connection) -> None:
    """Remove what the last run made and nobody reviewed."""
    store.execute("DELETE FROM incident_links WHERE source = :s", {"s": RESOLVE_SOURCE}, conn=conn)
    store.execute(
        "DELETE FROM claims WHERE origin = 'extracted' AND status = 'candidate'", conn=conn
    )
    store.execute(
        "DELETE FROM incidents WHERE origin = 'extracted' AND status = 'candidate'"
        " AND id NOT IN (SELECT incident_id FROM claims)",
        conn=conn,
    )
    clear_extracted_entities(store, conn)


def resolve(store: Store, progress: Progress | None = None) -> ResolveSummary:
    """Merge the extracted events into incidents; rebuild what an earlier run made.

    `progress(items, label)` may wrap the two long loops (a progress bar in the CLI)."""
    steps: Progress = progress or (lambda items, _label: items)
    summary = ResolveSummary()
    with store.transaction() as conn:
        _clear_previous(store, conn)
        resolver = EntityResolver(store, conn)
        seeds = _seeds(store, conn, resolver)
        pinned = {
            r["event_id"]: r["incident_id"]
            for r in store.query(
                "SELECT event_id, incident_id FROM claims WHERE event_id IS NOT NULL", conn=conn
            )
        }
        mentions = _mentions(store, conn, resolver)
        summary.events = len(mentions)
        new: list[Cluster] = []
        for mention in steps(mentions, "merge"):
            cluster = seeds.get(pinned.get(mention.id, "")) or _best(
                [*seeds.values(), *new], mention
            )
            if cluster is None:
                cluster = Cluster(
                    type=mention.row["type"], real=_is_real(mention.row), intervals=[]
                )
                new.append(cluster)
            cluster.add(mention)

        for cluster in steps([*seeds.values(), *new], "claims"):
            if not cluster.members:
                continue
            if cluster.incident_id is None:
                cluster.incident_id = _new_incident_id(store, conn, cluster)
                summary.incidents_created += 1
            else:
                summary.attached += len(cluster.members)
            for mention in cluster.members:
                summary.claims_added += _write_claims(store, conn, cluster.incident_id, mention)
            if cluster.origin == "extracted" and cluster.status == "candidate":
                summary.contested += _update_consensus(store, conn, cluster, resolver)
        summary.denial_links = _link_denials(store, conn, [*seeds.values(), *new])
        rebuild_mentions(store, conn, resolver)
        summary.entities_created = resolver.created
    return summary


def _best(clusters: list[Cluster], mention: Mention) -> Cluster | None:
    scored = [(s, i) for i, c in enumerate(clusters) if (s := match_score(c, mention)) is not None]
    return clusters[max(scored)[1]] if scored else None


def _new_incident_id(store: Store, conn: Connection, cluster: Cluster) -> str:
    ids = sorted(m.id for m in cluster.members)
    incident_id = "inc-" + short_hash(cluster.type, ids[0])
    if store.query_one("SELECT id FROM incidents WHERE id = :id", {"id": incident_id}, conn=conn):
        incident_id = "inc-" + short_hash(cluster.type, *ids)
    insert_incident(
        store,
        conn,
        {"id": incident_id, "type": cluster.type, "origin": "extracted", "status": "candidate"},
    )
    return incident_id


def _write_claims(store: Store, conn: Connection, incident_id: str, mention: Mention) -> int:
    row = mention.row
    values: dict[str, Any] = {
        "date": {"min": row["date_min"], "max": row["date_max"] or row["date_min"]}
        if mention.dated
        else None,
        "count": row["count"],
        "destination": row["destination"],
        "persons": row["persons"] or None,
        "actor": row["actor"],
        "target": row["target"],
        "instrument": row["instrument"],
    }
    status = row["status"] if row["status"] in ("accepted", "corrected") else "candidate"
    written = 0
    for prop in PROPERTIES:
        if values[prop] is None:
            continue
        written += insert_claim(
            store,
            conn,
            {
                "id": claim_id(incident_id, prop, values[prop], row["id"]),
                "incident_id": incident_id,
                "property": prop,
                "value": values[prop],
                "qualifier": row["count_qualifier"] if prop == "count" else None,
                "attributed_to": row["publisher"],
                "document_id": row["document_id"],
                "event_id": row["id"],
                "source_url": row["source_url"],
                "evidence": row["evidence"],
                "sentence_start": row["sentence_start"],
                "sentence_end": row["sentence_end"],
                "status": status,
                "origin": "extracted",
                "first_seen": row["created_at"],
                "last_seen": now_iso(),
            },
        )
    return written


def claim_support(claims: list[dict[str, Any]], prop: str) -> list[tuple[Any, int]]:
    """Distinct values of one property with how many documents/sources state each, best first."""
    sources: dict[str, set[str]] = {}
    values: dict[str, Any] = {}
    for claim in claims:
        if claim["property"] != prop or claim["status"] == "rejected":
            continue
        key = claim["value"]
        if key not in values:
            values[key] = from_json(key)
        sources.setdefault(key, set()).add(
            claim["document_id"] or claim["source_url"] or claim["id"]
        )
    ranked = sorted(values, key=lambda k: (-len(sources[k]), k))
    return [(values[k], len(sources[k])) for k in ranked]


def is_contested(claims: list[dict[str, Any]]) -> bool:
    """Sources disagree on the count, or give dates too far apart."""
    if len(claim_support(claims, "count")) > 1:
        return True
    ranges = [v if isinstance(v, dict) else {} for v, _ in claim_support(claims, "date")]
    dates = [
        (stored_date(v.get("min")), stored_date(v.get("max")) or stored_date(v.get("min")))
        for v in ranges
    ]
    intervals = [(a, b) for a, b in dates if a and b]
    return any(gap_days(x, y) > DATE_TOLERANCE_DAYS for x in intervals for y in intervals)


def _update_consensus(
    store: Store, conn: Connection, cluster: Cluster, resolver: EntityResolver
) -> int:
    """Set a machine-made incident's values from its claims; 1 if it is contested."""
    claims = store.query(
        "SELECT * FROM claims WHERE incident_id = :id", {"id": cluster.incident_id}, conn=conn
    )
    update: dict[str, Any] = {"id": cluster.incident_id, "updated_at": now_iso()}
    dates = claim_support(claims, "date")
    if dates and (len(dates) == 1 or dates[0][1] > dates[1][1]):
        update["date_min"], update["date_max"] = dates[0][0]["min"], dates[0][0]["max"]
    else:  # split evenly (or undated): the range the members span
        update["date_min"] = min(i[0] for i in cluster.intervals).isoformat()
        update["date_max"] = max(i[1] for i in cluster.intervals).isoformat()
    counts = claim_support(claims, "count")
    unique_top = counts and (len(counts) == 1 or counts[0][1] > counts[1][1])
    update["count"] = counts[0][0] if unique_top else None
    qualifiers = Counter(
        c["qualifier"]
        for c in claims
        if c["property"] == "count" and from_json(c["value"]) == update["count"]
    )
    update["count_qualifier"] = (
        qualifiers.most_common(1)[0][0] if update["count"] is not None else None
    )
    for prop in ("actor", "target", "destination"):
        top = claim_support(claims, prop)
        update[prop] = _canonical(resolver, top[0][0]) if top else None
    labels = claim_support(claims, "instrument")
    update["instrument_label"] = labels[0][0] if labels else None
    update["instrument"] = instrument_kind(update["instrument_label"])
    persons = dict.fromkeys(
        _canonical(resolver, p) for value, _ in claim_support(claims, "persons") for p in value
    )
    update["persons"] = to_json(list(persons))
    update["contested"] = int(is_contested(claims))
    modalities = {m.row["modality"] for m in cluster.members} - {"asserted"}
    update["notes"] = f"modality: {', '.join(sorted(modalities))}" if modalities else None
    columns = ", ".join(f"{k} = :{k}" for k in update if k != "id")
    store.execute(f"UPDATE incidents SET {columns} WHERE id = :id", update, conn=conn)
    return int(update["contested"])


def _canonical(resolver: EntityResolver, raw: str) -> str:
    entity_id = resolver.resolve(raw.split(";")[0]) if raw else None
    return resolver.known[entity_id].name if entity_id else raw


def _link_denials(store: Store, conn: Connection, clusters: list[Cluster]) -> int:
    """Link each new denial to the incident it denies: one told in the same document,
    else the nearest in time within DENIAL_WINDOW_DAYS, by DENIABLE_TYPES order."""
    by_event = {m.id: c for c in clusters for m in c.members}
    deniable = [
        c for c in clusters if c.type in DENIABLE_TYPES and c.incident_id and c.status != "rejected"
    ]
    links = 0
    for denial in clusters:
        if denial.type != "denial" or not denial.members or denial.origin == "curated":
            continue
        documents = {m.row["document_id"] for m in denial.members}
        around = denial.intervals[0]
        same_document = {
            id(by_event[m.id]): by_event[m.id]
            for c in deniable
            for m in c.members
            if m.row["document_id"] in documents and m.id in by_event
        }
        candidates = list(same_document.values()) or [
            c for c in deniable if gap_days(c.intervals[0], around) <= DENIAL_WINDOW_DAYS
        ]
        if not candidates:
            continue
        target = min(
            candidates,
            key=lambda c: (
                DENIABLE_TYPES.index(c.type),
                gap_days(c.intervals[0], around),
                c.incident_id,
            ),
        )
        assert denial.incident_id and target.incident_id
        store.execute(
            "INSERT INTO incident_links (incident_id, other_id, kind, source, created_at)"
            " VALUES (:a, :b, 'denies', :s, :t) ON CONFLICT DO NOTHING",
            {"a": denial.incident_id, "b": target.incident_id, "s": RESOLVE_SOURCE, "t": now_iso()},
            conn=conn,
        )
        links += 1
    return links
