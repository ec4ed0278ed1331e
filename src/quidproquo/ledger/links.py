"""The ledger: one row per release, with the visits and concessions around it.

A visit (type `visit`) or concession (type `sanctions_eased`) is linked to a release when
- its date interval comes within `window_days` of the release's, before or after
  (closest days at most `window_days` apart; overlapping intervals are 0 days apart), or
- sources connect them (`incident_links` kind `linked`), or a reviewer did (kind `reviewer`),
  whatever the distance. Each link keeps its basis and its signed offset in days.
Denials (type `denial`) are attached when a link of any kind connects them to the release.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from quidproquo.ledger.intervals import Interval
from quidproquo.store import Store, from_json

RELEASE = "release"
VISIT = "visit"
CONCESSION = "sanctions_eased"
DENIAL = "denial"
LINK_BASIS = {"linked": "source", "reviewer": "reviewer", "denies": "source"}


@dataclass
class ClaimValue:
    """One value claimed for a property, with who says it."""

    value: Any
    qualifier: str | None
    n_sources: int
    sources: list[str] = field(default_factory=list)
    attributed_to: list[str] = field(default_factory=list)


@dataclass
class IncidentView:
    """An incident as the ledger reads it from the store."""

    id: str
    type: str
    date_min: str | None
    date_max: str | None
    count: int | None
    count_qualifier: str | None
    instrument: str | None
    instrument_label: str | None
    actor: str | None
    target: str | None
    destination: str | None
    persons: list[str]
    contested: bool
    status: str
    origin: str
    notes: str | None
    sources: list[str]
    count_claims: list[ClaimValue]
    published: str | None = None  # the latest publication date of its source documents

    @property
    def interval(self) -> Interval | None:
        return Interval.parse(self.date_min, self.date_max)

    @property
    def count_by_reviewer(self) -> bool:
        """The count is a reviewer's correction, not what the sources said."""
        return self.status == "corrected"

    @property
    def date_label(self) -> str:
        interval = self.interval
        return interval.label() if interval else "undated"

    @property
    def targets(self) -> list[str]:
        """The target field split into its named parts ("A; B" names two)."""
        return [t.strip() for t in (self.target or "").split(";") if t.strip()]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"date": self.date_label, "count_by_reviewer": self.count_by_reviewer}


@dataclass
class Link:
    """A visit, concession or denial attached to a release row."""

    incident: IncidentView
    offset_days: int | None  # signed: negative = before the release
    basis: list[str]  # window, source, reviewer

    def to_dict(self) -> dict[str, Any]:
        return {"offset_days": self.offset_days, "basis": self.basis} | self.incident.to_dict()


@dataclass
class LedgerRow:
    release: IncidentView
    visits: list[Link]
    concessions: list[Link]
    denials: list[Link]

    def to_dict(self) -> dict[str, Any]:
        return {
            "release": self.release.to_dict(),
            "visits": [v.to_dict() for v in self.visits],
            "concessions": [c.to_dict() for c in self.concessions],
            "denials": [d.to_dict() for d in self.denials],
        }


@dataclass
class Ledger:
    window_days: int
    accepted_only: bool
    rows: list[LedgerRow]
    incidents: dict[str, IncidentView]

    def of_type(self, kind: str) -> list[IncidentView]:
        return sorted((i for i in self.incidents.values() if i.type == kind), key=_sort_key)

    def row(self, release_id: str) -> LedgerRow:
        for row in self.rows:
            if row.release.id == release_id:
                return row
        raise KeyError(f"no release {release_id!r} in the ledger")

    def to_dict(self) -> dict[str, Any]:
        return {
            "window_days": self.window_days,
            "accepted_only": self.accepted_only,
            "rows": [r.to_dict() for r in self.rows],
        }


def status_filter(accepted_only: bool, column: str = "status") -> str:
    """SQL condition on a status column: reviewed facts only, or everything not rejected."""
    if accepted_only:
        return f"{column} IN ('accepted', 'corrected')"
    return f"{column} <> 'rejected'"


def load_incidents(store: Store, accepted_only: bool = False) -> dict[str, IncidentView]:
    """Every incident (not rejected, or accepted only) with its sources and count claims."""
    rows = store.query(f"SELECT * FROM incidents WHERE {status_filter(accepted_only)}")
    claims = store.query(
        "SELECT c.incident_id, c.property, c.value, c.qualifier, c.attributed_to,"
        " COALESCE(c.source_url, d.url) AS url, c.document_id, c.id, d.published"
        " FROM claims c LEFT JOIN documents d ON d.id = c.document_id"
        f" WHERE {status_filter(accepted_only, 'c.status')}"
    )
    by_incident: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        by_incident[claim["incident_id"]].append(claim)
    incidents = {}
    for row in rows:
        own = by_incident.get(row["id"], [])
        incidents[row["id"]] = IncidentView(
            id=row["id"],
            type=row["type"],
            date_min=row["date_min"],
            date_max=row["date_max"],
            count=row["count"],
            count_qualifier=row["count_qualifier"],
            instrument=row["instrument"],
            instrument_label=row["instrument_label"],
            actor=row["actor"],
            target=row["target"],
            destination=row["destination"],
            persons=list(from_json(row["persons"]) or []),
            contested=bool(row["contested"]),
            status=row["status"],
            origin=row["origin"],
            notes=row["notes"],
            sources=sorted({c["url"] for c in own if c["url"]}),
            count_claims=claim_set([c for c in own if c["property"] == "count"]),
            published=max((c["published"] for c in own if c["published"]), default=None),
        )
    return incidents


def claim_set(claims: list[dict[str, Any]]) -> list[ClaimValue]:
    """Group claims by (value, qualifier); a source is a URL, else a document, else the claim."""
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        groups[(claim["value"], claim["qualifier"])].append(claim)
    values = []
    for (raw, qualifier), members in groups.items():
        keys = {m["url"] or m["document_id"] or m["id"] for m in members}
        values.append(
            ClaimValue(
                value=from_json(raw),
                qualifier=qualifier,
                n_sources=len(keys),
                sources=sorted({m["url"] for m in members if m["url"]}),
                attributed_to=sorted({m["attributed_to"] for m in members if m["attributed_to"]}),
            )
        )
    return sorted(values, key=lambda v: (-v.n_sources, str(v.value)))


def load_links(store: Store) -> dict[str, dict[str, set[str]]]:
    """incident id -> other id -> link bases (source, reviewer); symmetric."""
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    # A denial may point at a claim; it then concerns that claim's incident.
    rows = store.query(
        "SELECT l.incident_id, COALESCE(c.incident_id, l.other_id) AS other_id, l.kind"
        " FROM incident_links l LEFT JOIN claims c ON c.id = l.other_id"
    )
    for row in rows:
        basis = LINK_BASIS.get(row["kind"])
        if basis is None:
            continue
        links[row["incident_id"]][row["other_id"]].add(basis)
        links[row["other_id"]][row["incident_id"]].add(basis)
    return links


def build_ledger(store: Store, window_days: int = 14, accepted_only: bool = False) -> Ledger:
    """One row per release incident, with the visits, concessions and denials linked to it."""
    if window_days < 0:
        raise ValueError(f"window must be 0 days or more, got {window_days}")
    incidents = load_incidents(store, accepted_only)
    links = load_links(store)
    rows = []
    releases = sorted((i for i in incidents.values() if i.type == RELEASE), key=_sort_key)
    for release in releases:
        attached: dict[str, list[Link]] = {VISIT: [], CONCESSION: [], DENIAL: []}
        for other in incidents.values():
            if other.type not in attached:
                continue
            link = _link(
                release, other, links.get(release.id, {}).get(other.id, set()), window_days
            )
            if link is not None:
                attached[other.type].append(link)
        rows.append(
            LedgerRow(
                release=release,
                visits=_by_date(attached[VISIT]),
                concessions=_by_date(attached[CONCESSION]),
                denials=_by_date(attached[DENIAL]),
            )
        )
    return Ledger(window_days, accepted_only, rows, incidents)


def _link(
    release: IncidentView, other: IncidentView, explicit: set[str], window_days: int
) -> Link | None:
    basis = set(explicit)
    offset = None
    if release.interval and other.interval:
        offset = other.interval.offset_from(release.interval)
        if other.type != DENIAL and abs(offset) <= window_days:
            basis.add("window")
    if not basis:
        return None
    order = ["window", "source", "reviewer"]
    return Link(other, offset, sorted(basis, key=order.index))


def _by_date(links: list[Link]) -> list[Link]:
    return sorted(links, key=lambda lk: _sort_key(lk.incident))


def _sort_key(incident: IncidentView) -> tuple[str, str]:
    return (incident.date_min or incident.date_max or "9999", incident.id)
