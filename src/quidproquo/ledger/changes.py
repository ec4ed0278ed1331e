"""What changed in the store between two moments: new incidents, incidents whose sources now
disagree, new sources for known incidents, and relief steps newly near a release.

Machine-made incident ids can change when `resolve` rebuilds (an id hashes the first of its
mentions), so incidents are matched across the two snapshots by id or by a shared mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from quidproquo.ledger.links import build_ledger
from quidproquo.store import Store

RELIEF = "sanctions_eased"


@dataclass
class IncidentState:
    id: str
    type: str
    date: str | None
    count: int | None
    target: str | None
    contested: bool
    events: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)


@dataclass
class Snapshot:
    incidents: dict[str, IncidentState]
    near: set[tuple[str, str]]  # (release id, relief step id) within the ledger's window


@dataclass
class Change:
    kind: str  # new_incident, now_contested, new_source, relief_near_release
    incident_id: str
    type: str
    date: str | None
    summary: str
    related_id: str | None = None  # the release a relief step is near

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def snapshot(store: Store, window_days: int = 14) -> Snapshot:
    incidents = {
        r["id"]: IncidentState(
            r["id"], r["type"], r["date_min"], r["count"], r["target"], bool(r["contested"])
        )
        for r in store.query(
            "SELECT id, type, date_min, count, target, contested FROM incidents"
            " WHERE status <> 'rejected'"
        )
    }
    for claim in store.query(
        "SELECT incident_id, event_id, document_id FROM claims WHERE document_id IS NOT NULL"
    ):
        state = incidents.get(claim["incident_id"])
        if state:
            state.documents.add(claim["document_id"])
            if claim["event_id"]:
                state.events.add(claim["event_id"])
    near = {
        (row.release.id, link.incident.id)
        for row in build_ledger(store, window_days).rows
        for link in row.concessions
        if link.incident.type == RELIEF
    }
    return Snapshot(incidents, near)


def _describe(state: IncidentState) -> str:
    parts = [state.type.replace("_", " "), state.date or "undated"]
    if state.count is not None:
        parts.append(f"count {state.count}")
    if state.target:
        parts.append(state.target)
    return ", ".join(parts)


def _earlier(before: Snapshot, state: IncidentState) -> list[IncidentState]:
    """The incidents of the earlier snapshot that are this one (same id or a shared mention)."""
    same = [before.incidents[state.id]] if state.id in before.incidents else []
    return same + [
        old
        for old in before.incidents.values()
        if old.id != state.id and old.type == state.type and old.events & state.events
    ]


def changes(before: Snapshot, after: Snapshot) -> list[Change]:
    """What the later snapshot adds to the earlier one, in date order."""
    found: list[Change] = []
    same_as: dict[str, str] = {}
    for state in after.incidents.values():
        earlier = _earlier(before, state)
        if not earlier:
            found.append(Change("new_incident", state.id, state.type, state.date, _describe(state)))
            continue
        same_as[state.id] = earlier[0].id
        if state.contested and not any(old.contested for old in earlier):
            found.append(
                Change("now_contested", state.id, state.type, state.date,
                       f"sources now disagree: {_describe(state)}")
            )  # fmt: skip
        new_documents = state.documents - set().union(*(old.documents for old in earlier))
        if new_documents:
            found.append(
                Change("new_source", state.id, state.type, state.date,
                       f"{len(new_documents)} new source(s): {_describe(state)}")
            )  # fmt: skip
    for release_id, step_id in sorted(after.near):
        key = (same_as.get(release_id, release_id), same_as.get(step_id, step_id))
        if key in before.near:
            continue
        step, release = after.incidents.get(step_id), after.incidents.get(release_id)
        if step and release:
            found.append(
                Change("relief_near_release", step_id, step.type, step.date,
                       f"relief step {_describe(step)} near release {_describe(release)}",
                       related_id=release_id)
            )  # fmt: skip
    return sorted(found, key=lambda c: (c.date or "", c.kind, c.incident_id))
