"""The latest counts of prisoners held (beside the people page) are read from the latest day's
figures only, and are what the whole series gives: with figures on several days, one rejected,
one not a number, one with a date that is not a day. SQLite and PostgreSQL; invented figures."""

from __future__ import annotations

from quidproquo.ledger.terms import held_series, latest, latest_held
from quidproquo.resolve.rows import insert_claim, insert_incident
from quidproquo.store import Store


def _count(store: Store, id: str, day: str | None, value: object, status: str = "candidate"
           ) -> None:  # fmt: skip
    with store.transaction() as conn:
        insert_incident(store, conn, {"id": id, "type": "prisoner_count", "date_min": day,
                                      "date_max": day, "origin": "extracted"})  # fmt: skip
        insert_claim(store, conn, {"id": "clm-" + id, "incident_id": id, "property": "count",
                                   "value": value, "origin": "extracted", "status": status,
                                   "source_url": f"https://example.org/{id}"})  # fmt: skip


def _same(store: Store) -> list[int | None]:
    whole = latest(held_series(store))
    assert latest_held(store) == whole
    return [h.count for h in whole]


def test_the_latest_counts_are_those_of_the_whole_series(db_url: str) -> None:
    store = Store(db_url)
    assert _same(store) == []
    _count(store, "cnt-a", "2024-05-01", 1150)
    _count(store, "cnt-b", "2024-05-01", 1162)
    _count(store, "cnt-c", "2023-11-20", 1300)
    assert _same(store) == [1150, 1162]  # both figures of the latest day, disagreeing
    _count(store, "cnt-d", "2025-02-03", 1090, status="rejected")
    assert _same(store) == [1150, 1162]
    _count(store, "cnt-e", "2025-03-03", "about a thousand")  # not a number: left out
    assert _same(store) == [1150, 1162]
    _count(store, "cnt-f", "2025-04-01", 1040)
    assert _same(store) == [1040]
    store.execute("INSERT INTO held_counts (id, as_of_min, as_of_max, count, sources, origin,"
                  " status) VALUES ('held-curated', '2025-06-30', '2025-06-30', 1010, '[]',"
                  " 'curated', 'accepted')")  # fmt: skip
    assert _same(store) == [1010]
    _count(store, "cnt-g", "2031-02-30", 990)  # no such day
    _same(store)
