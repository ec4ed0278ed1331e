"""Stores for the ledger tests: the bundled curated data, and small hand-built cases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quidproquo.resolve.curated import load_curated
from quidproquo.store import Store, to_json

NOW = "2026-01-01T00:00:00+00:00"


@pytest.fixture(scope="module")
def curated_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("curated") / "ledger.db"))
    load_curated(store)
    return store


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    return Store(str(tmp_path / "small.db"))


AddIncident = Callable[..., str]


@pytest.fixture
def add_incident(empty_store: Store) -> AddIncident:
    """Insert one incident (and a count claim per source) into the small store."""

    def add(id: str, type: str, date_min: str, date_max: str | None = None, **fields: Any) -> str:
        sources = fields.pop("sources", [])
        row = {
            "id": id,
            "type": type,
            "date_min": date_min,
            "date_max": date_max or date_min,
            "count": None,
            "count_qualifier": None,
            "instrument": None,
            "instrument_label": None,
            "target": None,
            "status": "accepted",
            "origin": "extracted",
            "persons": "[]",
        } | fields
        empty_store.execute(
            "INSERT INTO incidents (id, type, date_min, date_max, count, count_qualifier,"
            " instrument, instrument_label, target, persons, status, origin, created_at,"
            " updated_at) VALUES (:id, :type, :date_min, :date_max, :count, :count_qualifier,"
            " :instrument, :instrument_label, :target, :persons, :status, :origin, :now, :now)",
            row | {"now": NOW},
        )
        for n, url in enumerate(sources):
            empty_store.execute(
                "INSERT INTO claims (id, incident_id, property, value, qualifier, source_url,"
                " status, first_seen, last_seen) VALUES (:cid, :id, 'count', :value, :q, :url,"
                " 'accepted', :now, :now)",
                {
                    "cid": f"{id}-c{n}",
                    "id": id,
                    "value": to_json(row["count"]),
                    "q": row["count_qualifier"],
                    "url": url,
                    "now": NOW,
                },
            )
        return id

    return add


@pytest.fixture
def add_link(empty_store: Store) -> Callable[..., None]:
    def add(a: str, b: str, kind: str = "linked") -> None:
        empty_store.execute(
            "INSERT INTO incident_links (incident_id, other_id, kind, created_at)"
            " VALUES (:a, :b, :k, :now)",
            {"a": a, "b": b, "k": kind, "now": NOW},
        )

    return add
