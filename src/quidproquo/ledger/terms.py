"""Terms of trade: what each side gave, and what is left.

- prisoners released per concession (all releases, and releases linked to a concession);
- cumulative released against cumulative concessions over time;
- political prisoners held over time (`held_counts`, every value kept with its sources);
- what is left: the latest held count(s), and Belarusian entities still under sanctions.

A concession applies to a designated entity when its target names the entity (or an alias),
or, if it names none of the designation's entities, when sources link it to the designation.
Only an `sdn_removal` delists; a general licence, permit or announcement eases a sanction
that stays in force.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from quidproquo.ingest.sanctions import list_scope
from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.links import (
    CONCESSION,
    IncidentView,
    Ledger,
    load_links,
    status_filter,
)
from quidproquo.resolve.list_changes import current_listings
from quidproquo.resolve.names import fold as fold_name
from quidproquo.store import Store, from_json, to_json

DESIGNATION = "sanctions_imposed"
DELISTING = "sdn_removal"


@dataclass
class SeriesPoint:
    """Running totals after the incidents of one day."""

    date: str
    released: int  # consensus counts (smallest claim where there is no consensus)
    released_low: int  # smallest claimed value of every release
    released_high: int  # largest claimed value of every release
    concessions: int
    incident_ids: list[str]


@dataclass
class HeldCount:
    id: str
    as_of: str
    as_of_min: str | None
    as_of_max: str | None
    count: int | None
    qualifier: str | None
    attributed_to: str | None
    sources: list[str]
    notes: str | None


@dataclass
class SanctionStatus:
    entity: str
    designation_id: str
    designated: str  # date label
    state: str  # under sanctions | eased | removed
    summary: str  # e.g. "under sanctions, eased by General License 13 (2025-12-15)"
    steps: list[dict[str, Any]] = field(default_factory=list)  # concessions that apply, in order


@dataclass
class TermsOfTrade:
    released_total: int
    released_low: int
    released_high: int
    releases: int
    releases_without_count: list[str]
    concessions: int
    prisoners_per_concession: float | None
    linked_released: int
    linked_concessions: int
    prisoners_per_linked_concession: float | None
    series: list[SeriesPoint]
    held: list[HeldCount]
    latest_held: list[HeldCount]
    sanctions: list[SanctionStatus]

    @property
    def still_sanctioned(self) -> list[SanctionStatus]:
        return [s for s in self.sanctions if s.state != "removed"]

    def summary(self) -> list[str]:
        """The terms of trade in a few plain sentences, for a terminal."""
        lines = [
            f"{self.released_total} prisoners freed in {self.releases} releases (claims range"
            f" {self.released_low}-{self.released_high}) against {self.concessions} US relief"
            " steps"
            + (
                f": {self.prisoners_per_concession:.1f} per step"
                if self.prisoners_per_concession is not None
                else ""
            )
            + (
                f"; {self.linked_released} freed in releases linked to"
                f" {self.linked_concessions} steps"
                if self.linked_concessions
                else ""
            )
            + "."
        ]
        for held in self.latest_held:
            qualifier = {"more_than": "more than ", "about": "about ", "at_least": "at least "}
            who = f" ({held.attributed_to})" if held.attributed_to else ""
            lines.append(
                f"Still held as of {_held_day(held)}: "
                f"{qualifier.get(held.qualifier or '', '')}{held.count}{who}."
            )
        for status in self.still_sanctioned:
            lines.append(f"{status.entity}: {status.summary}.")
        return lines

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def release_range(release: IncidentView) -> tuple[int | None, int | None, int | None]:
    """(consensus or smallest claim, smallest claim, largest claim) of a release's count."""
    values = [c.value for c in release.count_claims if isinstance(c.value, int)]
    if release.count is not None:
        values.append(release.count)
    if not values:
        return None, None, None
    central = release.count if release.count is not None else min(values)
    return central, min(values), max(values)


def terms_of_trade(store: Store, ledger: Ledger) -> TermsOfTrade:
    releases = [row.release for row in ledger.rows]
    concessions = ledger.of_type(CONCESSION)
    counted = {r.id: release_range(r) for r in releases}
    total = sum(c[0] or 0 for c in counted.values())
    linked_rows = [row for row in ledger.rows if row.concessions]
    linked_released = sum(counted[row.release.id][0] or 0 for row in linked_rows)
    linked_concessions = len({c.incident.id for row in linked_rows for c in row.concessions})
    held = held_series(store, ledger.accepted_only)
    return TermsOfTrade(
        released_total=total,
        released_low=sum(c[1] or 0 for c in counted.values()),
        released_high=sum(c[2] or 0 for c in counted.values()),
        releases=len(releases),
        releases_without_count=[rid for rid, c in counted.items() if c[0] is None],
        concessions=len(concessions),
        prisoners_per_concession=total / len(concessions) if concessions else None,
        linked_released=linked_released,
        linked_concessions=linked_concessions,
        prisoners_per_linked_concession=(
            linked_released / linked_concessions if linked_concessions else None
        ),
        series=cumulative_series(releases, concessions),
        held=held,
        latest_held=latest(held),
        sanctions=sanction_status(store, ledger),
    )


def cumulative_series(
    releases: list[IncidentView], concessions: list[IncidentView]
) -> list[SeriesPoint]:
    """Running totals by day (an incident with a date range counts from its first day)."""
    days: dict[str, list[IncidentView]] = {}
    for incident in [*releases, *concessions]:
        if incident.interval is not None:
            days.setdefault(incident.interval.start.isoformat(), []).append(incident)
    points: list[SeriesPoint] = []
    released = low = high = given = 0
    for day in sorted(days):
        for incident in days[day]:
            if incident.type == CONCESSION:
                given += 1
            else:
                central, lo, hi = release_range(incident)
                released, low, high = released + (central or 0), low + (lo or 0), high + (hi or 0)
        ids = sorted(i.id for i in days[day])
        points.append(SeriesPoint(day, released, low, high, given, ids))
    return points


def held_series(store: Store, accepted_only: bool = False) -> list[HeldCount]:
    """Prisoners held over time: curated counts, and stock figures extracted from the news."""
    rows = store.query(f"SELECT * FROM held_counts WHERE {status_filter(accepted_only)}")
    return _held(rows + _extracted_held(store, accepted_only))


def latest_held(store: Store, accepted_only: bool = False) -> list[HeldCount]:
    """`latest(held_series(store))`, reading of the extracted figures only those of their
    latest day (all of them when a stored value leaves that day in doubt)."""
    top = store.query_one(  # down the index from the latest day (migration 0078)
        f"SELECT {EXTRACTED_DAY} AS day FROM incidents i WHERE i.type = 'prisoner_count'"
        " AND i.origin = 'extracted' AND COALESCE(i.date_max, i.date_min) IS NOT NULL"
        f" AND {status_filter(accepted_only, 'i.status')}"
        " AND EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id"
        f" AND c.property = 'count' AND {status_filter(accepted_only, 'c.status')})"
        " ORDER BY COALESCE(i.date_max, i.date_min) DESC LIMIT 1"
    )
    day = top["day"] if top else None
    extracted = _held(_extracted_held(store, accepted_only, day)) if day else []
    if day and (not extracted or any(_held_day(h) != day for h in extracted)):
        return latest(held_series(store, accepted_only))
    curated = store.query(f"SELECT * FROM held_counts WHERE {status_filter(accepted_only)}")
    return latest(sorted(_held(curated) + extracted, key=_held_order))


def _held(rows: list[dict[str, Any]]) -> list[HeldCount]:
    held = []
    for row in rows:
        interval = Interval.parse(row["as_of_min"], row["as_of_max"])
        held.append(
            HeldCount(
                id=row["id"],
                as_of=_as_of_label(row["as_of_min"], row["as_of_max"], interval),
                as_of_min=row["as_of_min"],
                as_of_max=row["as_of_max"],
                count=row["count"],
                qualifier=row["qualifier"],
                attributed_to=row["attributed_to"],
                sources=list(from_json(row["sources"]) or []),
                notes=row["notes"],
            )
        )
    return sorted(held, key=_held_order)


EXTRACTED_DAY = "substr(COALESCE(i.date_max, i.date_min), 1, 10)"  # as `_held_day` reads it


def _extracted_held(
    store: Store, accepted_only: bool, day: str | None = None
) -> list[dict[str, Any]]:
    """Each count claim of an extracted prisoner_count incident (of those of `day` when
    given), in the held_counts shape.

    Curated prisoner_count events are tallies of releases (see the data README), so only
    extracted ones, which the extractor keeps for stock figures, join the series."""
    on_day = (  # the range reads the day through the index of migration 0078
        f" AND COALESCE(i.date_max, i.date_min) >= :day AND {EXTRACTED_DAY} = :day" if day else ""
    )
    claims = store.query(
        "SELECT c.id, c.incident_id, c.value, c.qualifier, c.source_url, c.document_id,"
        " i.date_min, i.date_max, i.actor, d.url AS document_url"
        " FROM claims c JOIN incidents i ON i.id = c.incident_id"
        " LEFT JOIN documents d ON d.id = c.document_id"
        " WHERE i.type = 'prisoner_count' AND i.origin = 'extracted' AND c.property = 'count'"
        f" AND {status_filter(accepted_only, 'i.status')}"
        f" AND {status_filter(accepted_only, 'c.status')}{on_day} ORDER BY c.id",
        {"day": day} if day else None,
    )
    return [
        {
            "id": claim["id"],
            "as_of_min": claim["date_min"],
            "as_of_max": claim["date_max"],
            "count": from_json(claim["value"]),
            "qualifier": claim["qualifier"],
            "attributed_to": claim["actor"],
            "sources": to_json(
                [claim["source_url"] or claim["document_url"] or f"document {claim['document_id']}"]
            ),
            "notes": f"extracted, incident {claim['incident_id']}",
        }
        for claim in claims
        if isinstance(from_json(claim["value"]), int)
    ]


def latest(held: list[HeldCount]) -> list[HeldCount]:
    """Every value given for the most recent day in the series (disagreements kept)."""
    dated = [h for h in held if _held_day(h) != "9999"]
    if not dated:
        return []
    last = max(_held_day(h) for h in dated)
    return [h for h in dated if _held_day(h) == last]


def sanction_status(store: Store, ledger: Ledger) -> list[SanctionStatus]:
    """Each entity named by a designation, with the concessions that eased or lifted it."""
    names = alias_index(store)
    links = load_links(store)
    concessions = ledger.of_type(CONCESSION)
    statuses = []
    for designation in ledger.of_type(DESIGNATION):
        entities = [canonical(t, names) for t in designation.targets]
        for entity in entities:
            steps = [
                c
                for c in concessions
                if _applies(c, entity, entities, designation, links, names)
                and _not_before(c, designation)
            ]
            statuses.append(_status(entity, designation, steps))
    statuses += _listed(store, {fold(s.entity) for s in statuses}, names)
    return sorted(statuses, key=lambda s: (s.state == "removed", s.entity))


def _listed(store: Store, known: set[str], names: dict[str, str]) -> list[SanctionStatus]:
    """Belarus-related entries of ingested sanctions lists that no designation covers."""
    found: dict[str, SanctionStatus] = {}
    for row in current_listings(store):
        programs = from_json(row["programs"]) or []
        belarusian = list_scope().covers(programs, row["country"])
        entity = canonical(row["name"], names)
        if not belarusian or fold(entity) in known or entity in found:
            continue
        listed = f"listed on {row['list_name']}" + (f" ({', '.join(programs)})" if programs else "")
        found[entity] = SanctionStatus(
            entity,
            f"listing:{row['list_name']}:{row['entry_id']}",
            row["listed_on"] or "date not stated",
            "under sanctions",
            f"under sanctions, {listed}",
        )
    return list(found.values())


def alias_index(store: Store) -> dict[str, str]:
    """Folded alias or name -> the entity's name."""
    index: dict[str, str] = {}
    for row in store.query("SELECT id, name FROM entities"):
        index[fold(row["name"])] = row["name"]
    for row in store.query(
        "SELECT a.alias, e.name FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
    ):
        index.setdefault(fold(row["alias"]), row["name"])
    return index


BRACKETED = re.compile(r"\s*\([^)]*\)")


def fold(name: str) -> str:
    """Case-, accent- and bracket-insensitive key: 'Belavia (8 Boeing aircraft)' -> 'belavia'."""
    return fold_name(BRACKETED.sub("", name))


def canonical(name: str, names: dict[str, str]) -> str:
    return names.get(fold(name), BRACKETED.sub("", name).strip())


def _applies(
    concession: IncidentView,
    entity: str,
    designated: list[str],
    designation: IncidentView,
    links: dict[str, dict[str, set[str]]],
    names: dict[str, str],
) -> bool:
    named = {fold(canonical(t, names)) for t in concession.targets}
    if fold(entity) in named:
        return True
    names_none = not named & {fold(e) for e in designated}
    return names_none and concession.id in links.get(designation.id, {})


def _not_before(concession: IncidentView, designation: IncidentView) -> bool:
    c, d = concession.interval, designation.interval
    return c is None or d is None or c.end >= d.start


def _status(entity: str, designation: IncidentView, steps: list[IncidentView]) -> SanctionStatus:
    described = [
        {
            "id": s.id,
            "date": s.date_label,
            "instrument": s.instrument,
            "label": s.instrument_label or s.instrument or "unspecified step",
            "sources": s.sources,
        }
        for s in steps
    ]
    removal = next((s for s in described if s["instrument"] == DELISTING), None)
    if removal is not None:
        state, summary = "removed", f"removed from the SDN list on {removal['date']}"
    elif described:
        state, summary = "eased", _eased_summary(described)
    else:
        state, summary = "under sanctions", "under sanctions, no relief recorded"
    return SanctionStatus(entity, designation.id, designation.date_label, state, summary, described)


def _eased_summary(steps: list[dict[str, Any]]) -> str:
    """'under sanctions, eased by General License 13 (2025-12-15); relief announced 2026-03-19'."""
    legal = [f"{s['label']} ({s['date']})" for s in steps if s["instrument"] != "announcement"]
    announced = [s["date"] for s in steps if s["instrument"] == "announcement"]
    parts = ["under sanctions"]
    if legal:
        parts[0] += ", eased by " + ", ".join(legal)
    if announced:
        parts.append("relief announced " + ", ".join(announced))
    return "; ".join(parts)


def _held_order(held: HeldCount) -> tuple[str, int, str]:
    """By day; on one day, "before" figures first and "after" figures last."""
    side = 0 if held.as_of_min is None else 2 if held.as_of_max is None else 1
    return ((held.as_of_min or held.as_of_max or "9999")[:10], side, held.id)


def _held_day(held: HeldCount) -> str:
    return (held.as_of_max or held.as_of_min or "9999")[:10]


def _as_of_label(low: str | None, high: str | None, interval: Interval | None) -> str:
    if interval is None:
        return "undated"
    if low and not high:
        return f"after {low[:10]}"
    if high and not low:
        return f"before {high[:10]}"
    return interval.label()
