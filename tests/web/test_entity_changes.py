"""A change of an entity's name or aliases shows at once wherever a stored result could show it:
the people registry (stored, migration 0075) is built again; the stored ledger rows and CSV
lines, which show the incidents' own fields and no entity, stay what rendering them now gives;
search finds the new name. SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

from web_fixtures import TestClient

from quidproquo.app import Quidproquo
from quidproquo.export import export, records
from quidproquo.export.csv import INCIDENT_COLUMNS, incident_row, write_rows
from quidproquo.ledger.links import build_ledger
from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.names import fold, name_key
from quidproquo.resolve.people import build_registry
from quidproquo.resolve.rows import insert_incident
from quidproquo.store import Store
from quidproquo.web import create_app

ALL = 1000


def _ledger_now(store: Store) -> list[dict[str, Any]]:
    rows = build_ledger(store, 14, limit=ALL).rows
    return [json.loads(json.dumps(r.to_dict(), ensure_ascii=False, default=str)) for r in rows]


def _csv(store: Store) -> str:
    out = io.StringIO()
    export(store, "incidents", "csv", out)
    return out.getvalue()


def _csv_now(store: Store) -> str:
    out = io.StringIO()
    write_rows(map(incident_row, records.incident_summaries(store)), INCIDENT_COLUMNS, out)
    return out.getvalue()


def _people_now(store: Store) -> list[dict[str, Any]]:
    return [p.to_dict() for p in build_registry(store, date.today().isoformat())]


def test_entity_and_alias_changes_show_in_every_stored_result(db_url: str) -> None:
    store = Store(db_url)
    load_curated(store)
    with store.transaction() as conn:  # a person no entity holds yet (a name of my own)
        insert_incident(store, conn, {
            "id": "inc-own-detention", "type": "detention", "date_min": "2024-03-05",
            "date_max": "2024-03-05", "persons": ["Ulas Tramets"], "origin": "curated",
        })  # fmt: skip
    client = TestClient(create_app(db_url), base_url="http://localhost")
    client.get(f"/ledger.json?limit={ALL}")  # rows stored
    _csv(store)  # lines stored
    before = client.get(f"/people.json?limit={ALL}").json()["people"]
    assert before == _people_now(store)
    person = next(p for p in before if not p["key"].startswith("name:"))
    stored_rows = store.query_one("SELECT COUNT(*) AS n FROM ledger_rows")
    assert stored_rows is not None and stored_rows["n"] > 0

    # the entity renamed, one more spelling of its name, and a name-only person joined to it
    store.execute("UPDATE entities SET name = 'Zarnitsa Renamed Person' WHERE id = :e",
                  {"e": person["key"]})  # fmt: skip
    alone = next(p for p in before if p["key"] == "name:" + fold("Ulas Tramets"))
    store.execute("INSERT INTO entity_aliases (entity_id, alias, alias_key) VALUES (:e, :a, :k)",
                  {"e": person["key"], "a": "Ulas Tramets",
                   "k": name_key("Ulas Tramets")})  # fmt: skip

    people = client.get(f"/people.json?limit={ALL}").json()["people"]
    assert people == _people_now(store) and people != before
    joined = next(p for p in people if p["key"] == person["key"])
    assert joined["name"] == "Zarnitsa Renamed Person"
    assert alone["key"] not in {p["key"] for p in people}
    assert {f["incident_id"] for f in alone["facts"]} <= {f["incident_id"] for f in joined["facts"]}
    assert client.get(f"/ledger.json?limit={ALL}").json()["rows"] == _ledger_now(store)
    assert _csv(store) == _csv_now(store)
    hits = Quidproquo(db_url).search("Zarnitsa Renamed Person", ("entity",))
    assert person["key"] in {h.id for h in hits}
