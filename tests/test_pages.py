"""Pages at scale: keyset pages cover every row once, in order, on SQLite and PostgreSQL; the
ledger page by page equals the whole ledger; stored chance tests follow the facts; the
benchmark generator makes a consistent store."""

from __future__ import annotations

import importlib.util
import io
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.export import export
from quidproquo.ledger.links import build_ledger
from quidproquo.ledger.stored import stored_chance_tests
from quidproquo.ledger.summaries import facts_version
from quidproquo.resolve import review
from quidproquo.resolve.entities import entity_card
from quidproquo.resolve.views import INCIDENT_ORDER, list_incidents
from quidproquo.store import Store
from quidproquo.web import create_app

EVENTS = 1500
ALLOWED = "http://localhost"  # a host the app allows by default


def _generator() -> ModuleType:
    path = Path(__file__).parents[1] / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("qpq_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def generated(db_url: str) -> Store:
    counts = _generator().generate(db_url, EVENTS, seed=3)
    assert counts["events"] == EVENTS and counts["incidents"] > 100
    return Store(db_url)


def _pages(fetch: Any, key: Any, limit: int) -> list[Any]:
    """Every item, following `after` cursors page by page; no page exceeds `limit`."""
    items, after = [], None
    while True:
        page = fetch(after, limit)
        assert len(page) <= limit
        items += page
        if len(page) < limit:
            return items
        after = key(page[-1])


def test_generated_store_is_consistent(generated: Store) -> None:
    one = generated.query_one
    orphans = one(
        "SELECT COUNT(*) AS n FROM claims c LEFT JOIN events e ON e.id = c.event_id"
        " WHERE c.event_id IS NOT NULL AND e.id IS NULL"
    )
    assert orphans == {"n": 0}
    largest = one("SELECT MAX(n) AS m FROM (SELECT COUNT(*) AS n FROM events e"
                  " JOIN claims c ON c.event_id = e.id GROUP BY c.incident_id) x")  # fmt: skip
    assert largest is not None and largest["m"] >= 2
    assert review.verify_audit_log(generated) == []  # a valid hash chain
    assert facts_version(generated) >= 1


def test_incident_pages_cover_every_incident_once_in_order(generated: Store) -> None:
    expected = [r["id"] for r in generated.query(
        f"SELECT id FROM incidents WHERE type = 'release' AND status != 'rejected'"
        f" ORDER BY {INCIDENT_ORDER}")]  # fmt: skip
    paged = _pages(
        lambda after, limit: list_incidents(generated, type="release", after=after, limit=limit),
        lambda i: i["id"],
        37,
    )
    assert [i["id"] for i in paged] == expected
    assert all("count" in i["claims"] or i["count"] is None for i in paged)


def test_contested_pages_keep_only_contested_incidents(generated: Store) -> None:
    everything = [i["id"] for i in list_incidents(generated, contested=True)]
    paged = _pages(
        lambda after, limit: list_incidents(generated, contested=True, after=after, limit=limit),
        lambda i: i["id"],
        10,
    )
    assert [i["id"] for i in paged] == everything and everything


def test_review_queue_pages_cover_the_whole_queue(generated: Store) -> None:
    whole = review.queue(generated, 100_000)
    paged = _pages(
        lambda after, limit: review.queue(generated, limit, None, after),
        review.queue_cursor,
        250,
    )
    assert [(i["object_type"], i["id"]) for i in paged] == [
        (i["object_type"], i["id"]) for i in whole
    ]
    kinds = [i["object_type"] for i in whole]
    assert kinds == sorted(kinds, key=list(review.QUEUE).index)  # incidents first, then ...
    with pytest.raises(review.ReviewError):
        review.queue(generated, 5, None, "nonsense")


def test_ledger_pages_equal_the_whole_ledger(generated: Store) -> None:
    whole = build_ledger(generated, 14)
    paged = _pages(
        lambda after, limit: build_ledger(generated, 14, after=after, limit=limit).rows,
        lambda row: row.release.id,
        40,
    )
    assert [r.to_dict() for r in paged] == [r.to_dict() for r in whole.rows]
    assert any(r.visits or r.concessions for r in paged)


def test_stored_chance_tests_follow_the_facts(generated: Store) -> None:
    generated.execute("UPDATE incidents SET status = 'rejected' WHERE type = 'release'"
                      " AND id NOT IN (SELECT id FROM incidents WHERE type = 'release'"
                      " ORDER BY id LIMIT 12)")  # fmt: skip
    version = facts_version(generated)
    first = stored_chance_tests(generated)
    stored = generated.query_one("SELECT version FROM ledger_results")
    assert stored == {"version": version}
    assert stored_chance_tests(generated) == first  # read back, not recomputed
    assert facts_version(generated) == version
    generated.execute("UPDATE claims SET status = 'rejected' WHERE id IN"
                      " (SELECT id FROM claims ORDER BY id LIMIT 1)")  # fmt: skip
    assert facts_version(generated) > version  # a changed claim makes the result stale
    stored_chance_tests(generated)
    assert generated.query_one("SELECT version FROM ledger_results") == {
        "version": facts_version(generated)
    }


def test_entity_mentions_come_a_page_at_a_time(generated: Store) -> None:
    busiest = generated.query_one(
        "SELECT entity_id, COUNT(*) AS n FROM entity_mentions GROUP BY entity_id"
        " ORDER BY COUNT(*) DESC, entity_id LIMIT 1"
    )
    assert busiest is not None and busiest["n"] > 20
    whole = entity_card(generated, busiest["entity_id"])
    assert whole is not None and len(whole["mentions"]) == busiest["n"]
    first = entity_card(generated, busiest["entity_id"], limit=20)
    second = entity_card(generated, busiest["entity_id"], limit=20, offset=20)
    assert first and second and first["mention_count"] == busiest["n"]
    assert first["mentions"] + second["mentions"] == whole["mentions"][:40]


def test_json_pages_link_to_the_next_page(generated: Store) -> None:
    client = TestClient(create_app(project=Quidproquo(generated.url)), base_url=ALLOWED)
    keys = {
        "/.json": ("incidents", lambda x: x["id"]),
        "/ledger.json": ("rows", lambda x: x["release"]["id"]),
        "/review.json": ("items", lambda x: (x["object_type"], x["id"])),
    }
    for path, (items, key) in keys.items():
        seen, url = [], f"{path}?limit=30"
        for _ in range(3):
            data = client.get(url).json()
            assert len(data[items]) == 30
            seen += [key(x) for x in data[items]]
            assert data["next"].startswith("?") and "after=" in data["next"]
            url = path + data["next"]
        assert len(seen) == len(set(seen)) == 90  # pages follow on, none repeated
    last = client.get("/ledger.json?limit=1000").json()
    assert last["next"] is None
    html = client.get("/?limit=5").text
    assert 'rel="next"' in html and "on this page" in html
    assert client.get("/review?after=incident:").status_code == 400
    assert client.get("/review?after=event:nothing-like-it").status_code == 400
    assert client.get("/.json?after=nothing-like-it").status_code == 400
    assert client.get("/ledger.json?after=nothing-like-it").status_code == 400


def test_incident_page_lists_claims_a_page_at_a_time(generated: Store) -> None:
    largest = generated.query_one(
        "SELECT incident_id, COUNT(*) AS n FROM claims GROUP BY incident_id"
        " ORDER BY COUNT(*) DESC LIMIT 1"
    )
    assert largest is not None
    client = TestClient(create_app(project=Quidproquo(generated.url)), base_url=ALLOWED)
    url = f"/incidents/{largest['incident_id']}.json?limit=3"
    first = client.get(url).json()
    assert first["claim_count"] == largest["n"] and len(first["claims"]) == 3
    second = client.get(f"/incidents/{largest['incident_id']}.json{first['next']}").json()
    assert {c["id"] for c in first["claims"]}.isdisjoint(c["id"] for c in second["claims"])


def test_csv_export_streams_every_incident(generated: Store) -> None:
    out = io.StringIO()
    rows = export(generated, "incidents", "csv", out)
    kept = generated.query_one("SELECT COUNT(*) AS n FROM incidents WHERE status <> 'rejected'")
    assert kept is not None and rows == kept["n"] == out.getvalue().count("\n") - 1


@pytest.mark.parametrize(
    "command",
    [["events"], ["events", "--raw"], ["documents"], ["review", "queue"], ["review", "log"]],
)
def test_cli_lists_take_a_limit(generated: Store, command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--limit", "3", "--json", "--db", generated.url])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 3


def test_a_large_store_recomputes_the_chance_test_in_the_background(
    generated: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quidproquo.ledger import stored

    monkeypatch.setattr(stored, "INLINE_INCIDENTS", 0)  # treat this store as a large one
    first, state = stored.chance_tests_for_page(generated)
    assert (first, state) == (None, "computing")  # the page does not wait for it
    deadline = time.monotonic() + 300
    while state != "current" and time.monotonic() < deadline:
        time.sleep(0.5)
        result, state = stored.chance_tests_for_page(generated)
    assert state == "current" and result == stored_chance_tests(generated)
    generated.execute("UPDATE incidents SET notes = 'seen' WHERE id IN"
                      " (SELECT id FROM incidents ORDER BY id LIMIT 1)")  # fmt: skip
    again, state = stored.chance_tests_for_page(generated)
    assert state == "stale" and again == result  # the last result, marked as such
    generated.execute("UPDATE incidents SET notes = 'seen again' WHERE id IN"
                      " (SELECT id FROM incidents ORDER BY id LIMIT 1)")  # fmt: skip
    client = TestClient(create_app(project=Quidproquo(generated.url)), base_url=ALLOWED)
    page = client.get("/ledger")  # answers at once, with the last result marked
    assert page.status_code == 200 and 'id="tests-state"' in page.text
    assert client.get("/ledger.json").json()["tests_state"] == "stale"
