"""The widest marker span the ledger reads (migration 0074: `marker_widths`, kept by triggers)
is always what reading every visit and concession now gives, through inserts, date changes,
type changes, deletions and unreadable dates; and a page near a wide marker still shows it.
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.links import _widest_marker, build_ledger
from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.rows import insert_incident
from quidproquo.store import Store


def _widest_read_whole(store: Store) -> int:
    """The widest marker as the ledger read it before 0074: every visit and concession."""
    rows = store.query(
        "SELECT date_min, date_max FROM incidents WHERE type IN ('visit', 'sanctions_eased')"
    )
    spans = (Interval.parse(r["date_min"], r["date_max"]) for r in rows)
    return max((s.width for s in spans if s), default=0)


def _add(store: Store, id: str, type: str, low: str | None, high: str | None) -> None:
    with store.transaction() as conn:
        insert_incident(store, conn, {"id": id, "type": type, "date_min": low,
                                      "date_max": high, "origin": "curated"})  # fmt: skip


def test_the_widest_marker_is_kept_up_to_date(db_url: str) -> None:
    store = Store(db_url)
    load_curated(store)
    assert _widest_marker(store) == _widest_read_whole(store)
    _add(store, "inc-wide-visit", "visit", "1998-03-01", "1998-05-30")
    assert _widest_marker(store) == _widest_read_whole(store) == 90
    _add(store, "inc-wide-release", "release", "1990-01-01", "1999-01-01")  # not a marker
    assert _widest_marker(store) == 90
    _add(store, "inc-bad-bound", "sanctions_eased", "1997-02-30", "1999-12-31")  # no such day
    assert _widest_read_whole(store) == 90
    assert _widest_marker(store) >= 90  # a day SQLite may read still only widens the bound
    store.execute("DELETE FROM incidents WHERE id = 'inc-bad-bound'")
    assert _widest_marker(store) == _widest_read_whole(store) == 90
    store.execute(
        "UPDATE incidents SET date_max = '1998-12-26T10:00' WHERE id = 'inc-wide-visit'"
    )
    assert _widest_marker(store) == _widest_read_whole(store) == 300
    store.execute("UPDATE incidents SET type = 'release' WHERE id = 'inc-wide-visit'")
    assert _widest_marker(store) == _widest_read_whole(store) < 300
    store.execute("UPDATE incidents SET type = 'visit' WHERE id = 'inc-wide-visit'")
    assert _widest_marker(store) == 300
    store.execute("UPDATE incidents SET date_min = date_max WHERE id = 'inc-wide-visit'")
    assert _widest_marker(store) == _widest_read_whole(store) < 300
    store.execute("DELETE FROM incidents WHERE id = 'inc-wide-visit'")
    assert _widest_marker(store) == _widest_read_whole(store)


@pytest.mark.parametrize("window", [0, 14])
def test_a_page_sees_a_long_marker_that_began_long_before_it(db_url: str, window: int) -> None:
    store = Store(db_url)
    _add(store, "inc-own-release", "release", "2001-07-10", "2001-07-10")
    _add(store, "inc-own-long-visit", "visit", "2000-01-01", "2001-07-10")
    _add(store, "inc-own-far-visit", "visit", "2000-01-01", "2000-02-01")  # ends long before
    row = build_ledger(store, window, limit=5).rows[0]
    assert [v.incident.id for v in row.visits] == ["inc-own-long-visit"]
    assert build_ledger(store, window).rows[0].visits == row.visits
