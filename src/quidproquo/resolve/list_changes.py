"""Versions of a sanctions list over time, and what changed between two of them.

Every ingest of a list is a dated version (the date the list states, the one the user gives,
or the day it was read) holding a set of entries. Between two consecutive versions of the same
list, an in-scope entry that disappears is a `sanctions_eased` event (instrument: its removal,
e.g. `sdn_removal`) and one that appears is a `sanctions_imposed` event, both dated by the
newer version and sourced to it. The changes of a version are stored as one document of kind
`sanctions_list` whose lines are the evidence, so `resolve` merges them with what the news and
the curated facts say, like any other source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from quidproquo.ingest.base import SourceMeta, make_document
from quidproquo.ingest.sanctions import Listing, list_scope
from quidproquo.model import Document, Event
from quidproquo.store import Store, from_json, now_iso, to_json

LIST_DOCUMENT_KIND = "sanctions_list"
CHANGE_TYPES = {"removed": "sanctions_eased", "added": "sanctions_imposed"}


@dataclass
class ListVersion:
    id: str
    list_name: str
    published: str
    entries: int
    source_path: str | None
    source_url: str | None


@dataclass
class ListChange:
    """One entry that left or joined a list between two of its versions."""

    list_name: str
    change: str  # removed, added
    entry_id: str
    name: str
    programs: list[str]
    in_scope: bool
    version: ListVersion  # the newer version: the change's date and source
    previous: ListVersion

    @property
    def date(self) -> str:
        return self.version.published

    def sentence(self) -> str:
        """The evidence line, in plain words."""
        programs = f" ({', '.join(self.programs)})" if self.programs else ""
        where = "is not on" if self.change == "removed" else "is new on"
        was = "was on" if self.change == "removed" else "was not on"
        return (
            f"{self.name}{programs}, entry {self.entry_id}, {where} the {self.list_name} of "
            f"{self.date}; it {was} the version of {self.previous.published}."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "list_name": self.list_name,
            "change": self.change,
            "type": CHANGE_TYPES[self.change],
            "date": self.date,
            "previous_date": self.previous.published,
            "entry_id": self.entry_id,
            "name": self.name,
            "programs": self.programs,
            "in_scope": self.in_scope,
            "source": self.version.source_url or self.version.source_path,
        }


def entries_hash(listings: Sequence[Listing]) -> str:
    """A version's identity: its entries, whatever file format carried them."""
    rows = sorted(to_json(listing.__dict__) for listing in listings)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def record_version(
    store: Store,
    conn: Connection,
    list_name: str,
    published: str,
    listing_ids: Sequence[str],
    content_hash: str,
    source_path: str | None,
    source_url: str | None,
) -> bool:
    """Store a version and its entries; False when the same entries were stored before."""
    version_id = "lv-" + content_hash[:16]
    row = {
        "id": version_id,
        "list_name": list_name,
        "published": published,
        "content_hash": content_hash,
        "entries": len(set(listing_ids)),
        "source_path": source_path,
        "source_url": source_url,
        "retrieved": now_iso(),
    }
    columns = ", ".join(row)
    inserted = store.execute(
        f"INSERT INTO list_versions ({columns}) VALUES ({', '.join(':' + c for c in row)})"
        " ON CONFLICT DO NOTHING",
        row,
        conn,
    )
    if not inserted:
        return False
    store.execute(
        "INSERT INTO list_version_entries (version_id, listing_id) VALUES (:v, :l)"
        " ON CONFLICT DO NOTHING",
        [{"v": version_id, "l": listing_id} for listing_id in dict.fromkeys(listing_ids)],
        conn,
    )
    return True


def versions(store: Store, list_name: str | None = None) -> list[ListVersion]:
    """Versions in date order (then in the order they were read)."""
    sql = "SELECT * FROM list_versions"
    if list_name:
        sql += " WHERE list_name = :n"
    rows = store.query(sql + " ORDER BY list_name, published, retrieved, id", {"n": list_name})
    return [
        ListVersion(
            r["id"], r["list_name"], r["published"], r["entries"], r["source_path"], r["source_url"]
        )
        for r in rows
    ]


def _entries(store: Store, version_id: str) -> dict[str, dict[str, Any]]:
    rows = store.query(
        "SELECT l.* FROM list_version_entries v JOIN listings l ON l.id = v.listing_id"
        " WHERE v.version_id = :v",
        {"v": version_id},
    )
    return {r["id"]: r for r in rows}


def list_changes(
    store: Store, list_name: str | None = None, in_scope_only: bool = False
) -> list[ListChange]:
    """What changed between each two consecutive versions of each list, oldest first."""
    scope = list_scope()
    found: list[ListChange] = []
    by_list: dict[str, list[ListVersion]] = {}
    for version in versions(store, list_name):
        by_list.setdefault(version.list_name, []).append(version)
    for name, chain in by_list.items():
        previous_entries = _entries(store, chain[0].id) if chain else {}
        for older, newer in zip(chain, chain[1:], strict=False):
            newer_entries = _entries(store, newer.id)
            for change, gone, kept in (
                ("removed", previous_entries, newer_entries),
                ("added", newer_entries, previous_entries),
            ):
                for listing_id in sorted(set(gone) - set(kept), key=lambda i: gone[i]["name"]):
                    row = gone[listing_id]
                    programs = from_json(row["programs"]) or []
                    covered = scope.covers(programs, row["country"])
                    if in_scope_only and not covered:
                        continue
                    found.append(
                        ListChange(
                            name, change, row["entry_id"], row["name"], programs, covered,
                            newer, older,
                        )
                    )  # fmt: skip
            previous_entries = newer_entries
    return found


def change_documents(store: Store, list_name: str) -> list[tuple[Document, list[Event]]]:
    """One document per version with in-scope changes: its lines and their events."""
    about = list_scope().about(list_name)
    by_version: dict[str, list[ListChange]] = {}
    for change in list_changes(store, list_name, in_scope_only=True):
        by_version.setdefault(change.version.id, []).append(change)
    made = []
    for changes in by_version.values():
        version = changes[0].version
        lines = [c.sentence() for c in changes]
        meta = SourceMeta(
            url=version.source_url,
            publisher=about.get("publisher"),
            title=f"{list_name}: changes in the version of {version.published}",
            published=version.published,
            language="en",
        )
        doc = make_document("\n".join(lines), LIST_DOCUMENT_KIND, meta, version.source_path,
                            version.id)  # fmt: skip
        events, offset = [], 0
        for change, line in zip(changes, lines, strict=True):
            start = doc.text.index(line, offset)
            offset = start + len(line)
            instrument = about["removal"] if change.change == "removed" else about["addition"]
            events.append(
                Event(
                    type=CHANGE_TYPES[change.change],
                    date_min=version.published,
                    date_max=version.published,
                    actor=about.get("actor"),
                    target=change.name,
                    instrument=instrument,
                    evidence=line,
                    sentence_start=start,
                    sentence_end=offset,
                )
            )
        made.append((doc, events))
    return made


def listings_as_of(store: Store, day: str) -> list[dict[str, Any]]:
    """Entries designated on `day`: those of each list's latest version published by then.

    A list stored without dated versions (before versions were kept) counts by `listed_on`.
    """
    rows: list[dict[str, Any]] = []
    dated = {v.list_name for v in versions(store)}
    latest: dict[str, ListVersion] = {}
    for version in versions(store):
        if version.published[:10] <= day:
            latest[version.list_name] = version
    for version in latest.values():
        for row in _entries(store, version.id).values():
            rows.append(row | {"as_of_version": version.published})
    for row in store.query("SELECT * FROM listings"):
        if row["list_name"] not in dated and (row["listed_on"] or "")[:10] <= day:
            rows.append(row | {"as_of_version": None})
    return sorted(rows, key=lambda r: (r["list_name"], r["name"], r["entry_id"]))


def current_listings(store: Store) -> list[dict[str, Any]]:
    """Entries of each list's newest version (all entries of lists without versions)."""
    return listings_as_of(store, "9999-12-31")
