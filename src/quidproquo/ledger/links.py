"""The ledger: one row per release, with the visits and concessions around it.

A visit (type `visit`) or concession (type `sanctions_eased`) is linked to a release when
- its date interval comes within `window_days` of the release's, before or after
  (closest days at most `window_days` apart; overlapping intervals are 0 days apart), or
- sources connect them (`incident_links` kind `linked`), or a reviewer did (kind `reviewer`),
  whatever the distance. Each link keeps its basis and its signed offset in days.
Denials (type `denial`) are attached when a link of any kind connects them to the release.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.summaries import ClaimValue, Keep, Summary, summaries
from quidproquo.resolve.shown import PROPERTY_COLUMNS, Shown, reviewer_set, shown_values
from quidproquo.store import CHUNK, Store, from_json, in_list

RELEASE = "release"
VISIT = "visit"
CONCESSION = "sanctions_eased"
DENIAL = "denial"
LINK_BASIS = {"linked": "source", "reviewer": "reviewer", "denies": "source"}


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
    claims: dict[str, list[ClaimValue]] = field(default_factory=dict)  # per property
    reviewed: dict[str, Any] = field(default_factory=dict)  # properties a reviewer set

    @cached_property
    def values(self) -> dict[str, Shown]:
        """Each property shown (resolve/shown.py): a reviewer's value marked, beside the
        sources' claims. Built when first asked for (the chance test never asks)."""
        sets = {
            prop: [{"value": c.value, "qualifier": c.qualifier, "sources": c.n_sources}
                   for c in claims]  # fmt: skip
            for prop, claims in self.claims.items()
        }
        return shown_values(vars(self), sets, self.reviewed)

    @property
    def interval(self) -> Interval | None:
        return _interval(self.date_min, self.date_max)

    @property
    def count_by_reviewer(self) -> bool:
        """The count is a reviewer's correction, not what the sources said."""
        return self.by_reviewer("count")

    def by_reviewer(self, prop: str) -> bool:
        return bool(self.values.get(prop, {}).get("by_reviewer"))

    @property
    def date_label(self) -> str:
        interval = self.interval
        return interval.label() if interval else "undated"

    @property
    def targets(self) -> list[str]:
        """The target field split into its named parts ("A; B" names two)."""
        return [t.strip() for t in (self.target or "").split(";") if t.strip()]

    def to_dict(self) -> dict[str, Any]:
        """As `asdict`, without its deep copies (a ledger page converts hundreds)."""
        plain = {f.name: getattr(self, f.name) for f in fields(self)
                 if f.name not in ("claims", "reviewed")}  # fmt: skip
        plain |= {"persons": list(self.persons), "sources": list(self.sources),
                  "count_claims": [asdict(c) for c in self.count_claims]}  # fmt: skip
        return plain | {
            "values": self.values,
            "date": self.date_label,
            "count_by_reviewer": self.count_by_reviewer,
            "by_reviewer": sorted(p for p, v in self.values.items() if v["by_reviewer"]),
        }


# Intervals are immutable: each pair of stored bounds is parsed once.
_interval = lru_cache(maxsize=1 << 16)(Interval.parse)


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


# The order of incidents on every page and in every export: by first known day, undated last.
# Indexed as an expression (migration 0021), so pages are read by keyset, never sorted whole.
SORT_DATE = "COALESCE(date_min, date_max, '9999')"
REVIEWED = ("accepted", "corrected")


def load_incidents(
    store: Store,
    accepted_only: bool = False,
    ids: Collection[str] | None = None,
    types: Sequence[str] | None = None,
) -> dict[str, IncidentView]:
    """Incidents (not rejected, or accepted only; all, or those of `ids`; of any type, or of
    `types`) with their sources and count claims (from their stored summaries)."""
    where = status_filter(accepted_only)
    if types is not None:
        where += " AND type IN (" + ", ".join(f"'{t}'" for t in types) + ")"
    # In id order whichever way they are read (the chance test sums over them in this order).
    if ids is None:
        rows = store.query(f"SELECT * FROM incidents WHERE {where} ORDER BY id")
    else:
        wanted, rows = sorted(ids), []
        for start in range(0, len(wanted), CHUNK):
            names, params = in_list("i", wanted[start : start + CHUNK])
            rows += store.query(f"SELECT * FROM incidents WHERE id IN ({names}) AND {where}"
                                " ORDER BY id", params)  # fmt: skip
    keep: Keep | None = (lambda c: c["status"] in REVIEWED) if accepted_only else None
    whole = ids is None and types is None
    summed = summaries(store, None if whole else [r["id"] for r in rows], keep)
    reviewed = reviewer_set(store, "incident")
    return {row["id"]: _view(row, summed[row["id"]], reviewed.get(row["id"], {})) for row in rows}


def _view(row: dict[str, Any], summary: Summary, reviewed: dict[str, Any]) -> IncidentView:
    grouped = {p: v for p, v in summary.claim_values.items() if p in PROPERTY_COLUMNS}
    return IncidentView(
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
        sources=summary.urls,
        count_claims=grouped.get("count", []),
        published=summary.published,
        claims=grouped,
        reviewed=reviewed,
    )


def load_links(
    store: Store, ids: Collection[str] | None = None
) -> dict[str, dict[str, set[str]]]:
    """incident id -> other id -> link bases (source, reviewer); symmetric. With `ids`, only
    the links that touch those incidents (or one of their claims)."""
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    # A denial may point at a claim; it then concerns that claim's incident.
    sql = (
        "SELECT l.incident_id, COALESCE(c.incident_id, l.other_id) AS other_id, l.kind"
        " FROM incident_links l LEFT JOIN claims c ON c.id = l.other_id"
    )
    if ids is None:
        rows = store.query(sql)
    else:
        wanted, rows = sorted(ids), []
        for start in range(0, len(wanted), CHUNK):
            names, params = in_list("i", wanted[start : start + CHUNK])
            # Three index lookups, not one scan of every link (an OR across the join).
            rows += store.query(
                f"{sql} WHERE l.incident_id IN ({names}) UNION {sql} WHERE l.other_id IN"
                f" ({names}) UNION {sql} WHERE l.other_id IN (SELECT id FROM claims"
                f" WHERE incident_id IN ({names}))",
                params,
            )
    for row in rows:
        basis = LINK_BASIS.get(row["kind"])
        if basis is None:
            continue
        links[row["incident_id"]][row["other_id"]].add(basis)
        links[row["other_id"]][row["incident_id"]].add(basis)
    return links


def build_ledger(
    store: Store,
    window_days: int = 14,
    accepted_only: bool = False,
    *,
    after: str | None = None,
    limit: int | None = None,
    ids: Collection[str] | None = None,
    releases: Sequence[str] | None = None,
) -> Ledger:
    """One row per release incident, with the visits, concessions and denials linked to it.

    The whole ledger by default. With `limit`, one page of it: the releases that follow the
    release `after` (keyset on date, then id), with only the incidents near or linked to them
    read from the store; with `releases`, the rows of those releases, read the same way.
    With `ids`, the ledger of those incidents alone (a chart of a page).
    """
    if window_days < 0:
        raise ValueError(f"window must be 0 days or more, got {window_days}")
    if ids is not None:
        incidents = load_incidents(store, accepted_only, ids)
        links = load_links(store, ids)
        shown = [i for i in incidents.values() if i.type == RELEASE]
    elif limit is None and releases is None:
        incidents = load_incidents(store, accepted_only)
        links = load_links(store)
        shown = [i for i in incidents.values() if i.type == RELEASE]
    else:
        page = list(releases) if releases is not None else []
        if limit is not None:
            page = release_page(store, accepted_only, after, limit)
        shown = list(load_incidents(store, accepted_only, page, (RELEASE,)).values())
        links = load_links(store, page)
        near = _markers_near(store, shown, window_days, accepted_only)
        linked = {other for r in shown for other in links.get(r.id, {})}
        incidents = load_incidents(store, accepted_only, near | linked | set(page))
        shown = [incidents[r.id] for r in shown]
    rows = _rows(sorted(shown, key=_sort_key), incidents, links, window_days)
    return Ledger(window_days, accepted_only, rows, incidents)


def release_page(
    store: Store, accepted_only: bool, after: str | None, limit: int
) -> list[str]:
    """Ids of the `limit` releases that follow release `after`, in ledger order."""
    return page_ids(store, f"type = '{RELEASE}' AND {status_filter(accepted_only)}", {}, after,
                    limit)  # fmt: skip


def page_ids(
    store: Store, where: str, params: dict[str, Any], after: str | None, limit: int
) -> list[str]:
    """Ids of incidents matching `where`, in page order, after the incident `after` (keyset)."""
    sql = f"SELECT id FROM incidents WHERE {where}"
    bound = dict(params, limit=limit)
    if after:
        cursor = store.query_one(
            f"SELECT {SORT_DATE} AS k FROM incidents WHERE id = :after", {"after": after}
        )
        if cursor is None:
            raise ValueError(f"no incident {after!r} to continue after")
        sql += f" AND {after_key((SORT_DATE, 'id'))}"
        bound |= {"k0": cursor["k"], "k1": after}
    rows = store.query(sql + f" ORDER BY {SORT_DATE}, id LIMIT :limit", bound)
    return [r["id"] for r in rows]


def after_key(columns: Sequence[str]) -> str:
    """SQL for "the sort key (columns) comes after (:k0, :k1, ...)", written so that both
    databases seek in the index on those columns (a leading range on the first) instead of
    reading the list from its start."""
    condition = f"{columns[-1]} > :k{len(columns) - 1}"
    for n in range(len(columns) - 2, -1, -1):
        condition = f"({columns[n]} > :k{n} OR ({columns[n]} = :k{n} AND {condition}))"
    return f"{columns[0]} >= :k0 AND {condition}"


def _markers_near(
    store: Store, releases: list[IncidentView], window_days: int, accepted_only: bool
) -> set[str]:
    """Ids of the visits and concessions whose dates come within the window of a release."""
    spans = [r.interval for r in releases if r.interval]
    if not spans:
        return set()
    low = shift(min(s.start for s in spans), -window_days)
    high = shift(max(s.end for s in spans), window_days)
    # A marker that starts before `floor` ends before `low`: the index is read from there.
    floor = shift(low, -_widest_marker(store))
    rows = store.query(
        f"SELECT id FROM incidents WHERE type IN ('{VISIT}', '{CONCESSION}')"
        f" AND {SORT_DATE} >= :floor AND {SORT_DATE} <= :high"
        f" AND COALESCE(date_max, date_min) >= :low AND {status_filter(accepted_only)}",
        {"floor": floor.isoformat(), "low": low.isoformat(),
         "high": high.isoformat() + "~"},  # '~': date-times of that day too  # fmt: skip
    )
    return {r["id"] for r in rows}


def shift(day: date, days: int) -> date:
    """`day` moved by `days`, held within the calendar (year 1 to 9999)."""
    return date.fromordinal(min(max(day.toordinal() + days, 1), date.max.toordinal()))


def _widest_marker(store: Store) -> int:
    """Days spanned by the widest dated visit or concession (kept by triggers in
    marker_widths, migration 0074: one index look-up)."""
    row = store.query_one("SELECT MAX(days) AS days FROM marker_widths")
    return int(row["days"]) if row and row["days"] is not None else 0


def _rows(
    releases: list[IncidentView],
    incidents: dict[str, IncidentView],
    links: dict[str, dict[str, set[str]]],
    window_days: int,
) -> list[LedgerRow]:
    """Attach to each release the markers within the window (found by bisection on sorted
    start days, so the cost grows with the matches, not releases x markers) and the linked."""
    markers = sorted(
        (i.interval.start, i.id)
        for i in incidents.values()
        if i.type in (VISIT, CONCESSION) and i.interval
    )
    starts = [start for start, _ in markers]
    widest = max((incidents[i].interval.width for _, i in markers), default=0)  # type: ignore[union-attr]
    rows = []
    for release in releases:
        candidates = set(links.get(release.id, {}))
        span = release.interval
        if span is not None:
            lo = bisect_left(starts, shift(span.start, -window_days - widest))
            hi = bisect_right(starts, shift(span.end, window_days))
            candidates.update(i for _, i in markers[lo:hi])
        attached: dict[str, list[Link]] = {VISIT: [], CONCESSION: [], DENIAL: []}
        for other_id in candidates:
            other = incidents.get(other_id)
            if other is None or other.type not in attached:
                continue
            link = _link(release, other, links.get(release.id, {}).get(other_id, set()),
                         window_days)  # fmt: skip
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
    return rows


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
