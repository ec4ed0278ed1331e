"""The reviewer's corrections are read from the audit log once, then only the entries added
after the head last read: the result is what reading the whole log gives, after each new
correction of the same and of another incident. SQLite and PostgreSQL; invented incidents."""

from __future__ import annotations

from quidproquo.resolve import review, shown
from quidproquo.resolve.rows import insert_incident
from quidproquo.store import Store


def _whole(store: Store) -> dict[str, dict[str, object]]:
    shown._CACHE.pop((store.url, "incident"), None)
    return shown.reviewer_set(store, "incident")


def test_corrections_read_as_the_log_grows(db_url: str) -> None:
    store = Store(db_url)
    with store.transaction() as conn:
        for n, day in enumerate(("2021-03-04", "2022-07-08")):
            insert_incident(store, conn, {"id": f"inc-{n}", "type": "release", "date_min": day,
                                          "date_max": day, "origin": "curated"})  # fmt: skip
    assert shown.reviewer_set(store, "incident") == {}
    review.correct(store, "incident", "inc-0", {"date": "2021-03-05"}, "ana")
    grown = shown.reviewer_set(store, "incident")
    assert grown == _whole(store) and set(grown) == {"inc-0"}
    review.correct(store, "incident", "inc-0", {"date": "2021-03-06"}, "ana")
    review.correct(store, "incident", "inc-1", {"date": "2022-07-09"}, "bo")
    grown = shown.reviewer_set(store, "incident")
    whole = _whole(store)
    assert grown == whole and set(grown) == {"inc-0", "inc-1"}
    assert "2021-03-04" in str(grown["inc-0"]["date"])  # the value before the first correction
