"""What an incident's claims add up to, computed when they change and stored.

Pages, exports and the ledger show each incident with its claim sets (every value with its
number of sources), whether its sources disagree, its source URLs and its latest publication
date. All of these follow from its claims alone, so they are computed once and kept in
`incident_summaries` (migration 0065). Triggers delete an incident's row whenever one of its
claims is written or a document they cite changes, whatever the write path (resolve, review,
curated load, list changes); the next read computes it again with `summarize`, the one
function that makes it, and stores it. Summaries of reviewed claims only (`accepted_only`)
are computed on each read, not stored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from quidproquo.resolve.incidents import claim_support, is_contested
from quidproquo.store import CHUNK, Store, from_json, in_list, now_iso

Keep = Callable[[dict[str, Any]], bool]

# The claim columns a summary is made of (a source is its URL, or its document's).
CLAIMS_SQL = (
    "SELECT c.id, c.incident_id, c.property, c.value, c.qualifier, c.attributed_to, c.status,"
    " c.document_id, c.source_url, COALESCE(c.source_url, d.url) AS url, d.published"
    " FROM claims c LEFT JOIN documents d ON d.id = c.document_id"
)
ORDER = " ORDER BY c.property, c.id"  # claim sets list properties in this order
SETS_COLUMNS = "incident_id, claim_sets, disputed, claim_count, published"


@dataclass
class ClaimValue:
    """One value claimed for a property, with who says it."""

    value: Any
    qualifier: str | None
    n_sources: int
    sources: list[str] = field(default_factory=list)
    attributed_to: list[str] = field(default_factory=list)


class Summary:
    """An incident's claims summed up. The ledger's parts are decoded when first read (an
    export of claim sets does not pay for them)."""

    def __init__(
        self,
        claim_sets: dict[str, list[dict[str, Any]]],  # property -> [{"value", "sources"}]
        contested: bool,  # its sources disagree on the count or the dates
        claim_count: int,
        published: str | None,  # the latest publication date of their documents
        urls: list[str] | str | None,  # URLs of the claims not rejected (or their JSON)
        claim_values: dict[str, list[ClaimValue]] | str | None,  # the ledger's (or JSON)
    ) -> None:  # None: not read (`summaries(..., sets_only=True)`)
        self.claim_sets, self.contested, self.claim_count = claim_sets, contested, claim_count
        self.published = published
        self._urls, self._claim_values = urls, claim_values

    @cached_property
    def urls(self) -> list[str]:
        if self._urls is None:
            raise LookupError("summary read with sets_only=True: its URLs were not read")
        return list(from_json(self._urls) or []) if isinstance(self._urls, str) else self._urls

    @cached_property
    def claim_values(self) -> dict[str, list[ClaimValue]]:
        if self._claim_values is None:
            raise LookupError("summary read with sets_only=True: its values were not read")
        if isinstance(self._claim_values, str):
            found = from_json(self._claim_values) or {}
            return {p: [ClaimValue(**v) for v in vs] for p, vs in found.items()}
        return self._claim_values


def claim_sets(claims: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """property -> [{"value": v, "sources": n}, ...], best supported first."""
    props = dict.fromkeys(c["property"] for c in claims)
    return {p: [{"value": v, "sources": n} for v, n in claim_support(claims, p)] for p in props}


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


def summarize(claims: list[dict[str, Any]]) -> Summary:
    """The summary of one incident's claims (rows of CLAIMS_SQL); rejected claims count for
    nothing but `claim_count`."""
    kept = [c for c in claims if c["status"] != "rejected"]
    return Summary(
        claim_sets=claim_sets(claims),
        contested=is_contested(claims),
        claim_count=len(claims),
        published=max((c["published"] for c in kept if c["published"]), default=None),
        urls=sorted({c["url"] for c in kept if c["url"]}),
        claim_values={p: claim_set([c for c in kept if c["property"] == p])
                      for p in dict.fromkeys(c["property"] for c in kept)},  # fmt: skip
    )


def summaries(
    store: Store,
    ids: Collection[str] | None = None,
    keep: Keep | None = None,
    sets_only: bool = False,
) -> dict[str, Summary]:
    """incident id -> its summary, for `ids` (every incident when None). Stored summaries are
    read; the missing ones are computed and stored. With `keep`, the summaries of the claims it
    keeps, computed and not stored. `sets_only` leaves the stored URLs and ledger values
    unread (a list or an incident page shows the claim sets; a large incident's URLs and values
    are tens of kilobytes)."""
    if keep is not None:
        return _computed(store, ids, keep)
    found: dict[str, Summary] = {}
    columns = SETS_COLUMNS if sets_only else "*"
    if ids is None:
        rows = store.query(f"SELECT {columns} FROM incident_summaries")
        missing = [r["id"] for r in store.query(
            "SELECT i.id FROM incidents i LEFT JOIN incident_summaries s ON s.incident_id = i.id"
            " WHERE s.incident_id IS NULL")]  # fmt: skip
    else:
        wanted, rows = sorted(set(ids)), []
        for start in range(0, len(wanted), CHUNK):
            names, params = in_list("i", wanted[start : start + CHUNK])
            rows += store.query(
                f"SELECT {columns} FROM incident_summaries WHERE incident_id IN ({names})",
                params,
            )
        missing = sorted(set(wanted) - {r["incident_id"] for r in rows})
    for row in rows:
        found[row["incident_id"]] = _from_row(row)
    if missing:
        version = facts_version(store)
        made = _computed(store, missing, None)
        _store(store, made, version)
        found |= made
    return found


def fill(store: Store, page: int = 2_000) -> int:
    """Compute and store every missing summary, a page of incidents at a time; returns how
    many were made (after a bulk load, so that the first reader does not pay for them all)."""
    made, after = 0, ""
    while True:
        ids = [r["id"] for r in store.query(
            "SELECT i.id FROM incidents i LEFT JOIN incident_summaries s ON s.incident_id = i.id"
            " WHERE s.incident_id IS NULL AND i.id > :after ORDER BY i.id LIMIT :n",
            {"after": after, "n": page})]  # fmt: skip
        if not ids:
            return made
        summaries(store, ids)
        made, after = made + len(ids), ids[-1]


def _computed(store: Store, ids: Collection[str] | None, keep: Keep | None) -> dict[str, Summary]:
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if ids is None:
        rows: Iterable[dict[str, Any]] = store.query(CLAIMS_SQL + ORDER)
        wanted = [r["id"] for r in store.query("SELECT id FROM incidents")]
    else:
        wanted, rows = list(ids), []
        for start in range(0, len(wanted), CHUNK):
            names, params = in_list("i", wanted[start : start + CHUNK])
            rows += store.query(CLAIMS_SQL + f" WHERE c.incident_id IN ({names})" + ORDER, params)
    for claim in rows:
        if keep is None or keep(claim):
            claims[claim["incident_id"]].append(claim)
    return {i: summarize(claims.get(i, [])) for i in wanted}


def facts_version(store: Store) -> int:
    """The version of the facts (bumped by triggers on every change of incidents, claims and
    links, migration 0022): read it before reading what is computed on them."""
    row = store.query_one("SELECT version FROM facts_version WHERE id = 1")
    return int(row["version"]) if row else 0


def share_lock(store: Store) -> str:
    """Wait for a writer's commit before comparing the facts version (PostgreSQL)."""
    return " FOR SHARE" if store.dialect == "postgresql" else ""


def keep_csv_lines(store: Store, lines: dict[str, str], version: int) -> None:
    """Store the CSV export rows of incidents (`incident_csv_lines`, migration 0070), rendered
    on facts `version`, unless the facts changed since; only beside a stored summary (whose
    deletion deletes the line)."""
    try:
        store.execute(
            "INSERT INTO incident_csv_lines (incident_id, line) SELECT :id, :line"
            " FROM facts_version WHERE id = 1 AND version = :version AND EXISTS"
            f" (SELECT 1 FROM incident_summaries WHERE incident_id = :id){share_lock(store)}"
            " ON CONFLICT (incident_id) DO UPDATE SET line = excluded.line",
            [{"id": i, "line": line, "version": version} for i, line in lines.items()],
        )
    except SQLAlchemyError:  # a read-only or busy database: the next export renders them again
        return


def _store(store: Store, made: dict[str, Summary], version: int) -> None:
    """Insert the summaries computed on facts `version`, unless the facts changed since (a
    claim written meanwhile would otherwise be missed: its trigger ran before the insert), of
    incidents that exist (a page asked about an unknown id stores nothing)."""
    lock = share_lock(store)
    try:
        store.execute(
            "INSERT INTO incident_summaries (incident_id, claim_sets, disputed, claim_count,"
            " urls, claim_values, published, computed_at)"
            " SELECT :id, :sets, :disputed, :n, :urls, :values, :published, :at"
            " FROM facts_version WHERE id = 1 AND version = :version"
            f" AND EXISTS (SELECT 1 FROM incidents WHERE id = :id){lock}"
            " ON CONFLICT (incident_id) DO NOTHING",
            [_to_row(incident_id, s) | {"version": version} for incident_id, s in made.items()],
        )
    except SQLAlchemyError:  # a read-only or busy database: the next read computes them again
        return


def _to_row(incident_id: str, summary: Summary) -> dict[str, Any]:
    return {
        "id": incident_id,
        "sets": json.dumps(summary.claim_sets, ensure_ascii=False, default=str),
        "disputed": int(summary.contested),
        "n": summary.claim_count,
        "urls": json.dumps(summary.urls, ensure_ascii=False),
        "values": json.dumps({p: [asdict(v) for v in vs] for p, vs in summary.claim_values.items()},
                             ensure_ascii=False, default=str),  # fmt: skip
        "published": summary.published,
        "at": now_iso(),
    }


def _from_row(row: dict[str, Any]) -> Summary:
    return Summary(
        claim_sets=from_json(row["claim_sets"]) or {},
        contested=bool(row["disputed"]),
        claim_count=int(row["claim_count"] or 0),
        published=row["published"],
        urls=row.get("urls"),
        claim_values=row.get("claim_values"),
    )
