"""The chance test on the bundled facts: period rules, implausible dates, reviewed or not."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.links import CONCESSION, RELEASE, VISIT, build_ledger
from quidproquo.ledger.stats import WINDOWS, chance_tests, choose_period, plausible
from quidproquo.ledger.terms import release_range
from quidproquo.resolve.curated import load_curated
from quidproquo.store import Store

TODAY = date(2026, 6, 1)


def fraction_p(
    releases: Sequence[Interval],
    markers: Sequence[Interval],
    period: Interval,
    window: int,
    weights: Sequence[int],
) -> Fraction:
    """The exact test as first written, in Fractions: the reference the float version must meet."""
    dist = [Fraction(1)]
    observed = 0
    for release, w in zip(releases, weights, strict=True):
        slots = period.width - release.width + 1
        spots = [release.shifted_to(period.start + timedelta(days=d)) for d in range(slots)]
        near = sum(any(s.within(m, window) for m in markers) for s in spots)
        p = Fraction(near, len(spots))
        observed += w if any(release.within(m, window) for m in markers) else 0
        nxt = [Fraction(0)] * (len(dist) + w)
        for k, mass in enumerate(dist):
            nxt[k] += mass * (1 - p)
            nxt[k + w] += mass * p
        dist = nxt
    return sum(dist[observed:], Fraction(0))


@pytest.mark.parametrize("accepted_only", [True, False])
def test_window_figures_unchanged_from_the_fraction_computation(
    curated_store: Store, accepted_only: bool
) -> None:
    ledger = build_ledger(curated_store, 14, accepted_only)
    tests = chance_tests(ledger, period="all", today=TODAY)
    assert tests is not None
    rel = [r.release for r in ledger.rows if r.release.interval]
    markers = [i.interval for i in ledger.of_type(VISIT) + ledger.of_type(CONCESSION) if i.interval]
    intervals = [r.interval for r in rel if r.interval]
    period = tests.period.interval
    assert period.start == min(x.start for x in intervals + markers)  # the old rule
    counted = [(r.interval, release_range(r)[0]) for r in rel]
    weighted = [(i, c) for i, c in counted if i is not None and c is not None]
    for row in tests.windows:
        assert row.window_days in WINDOWS
        want = fraction_p(intervals, markers, period, row.window_days, [1] * len(intervals))
        assert row.releases_p == pytest.approx(float(want), rel=1e-12)
        by_prisoners = fraction_p(
            [i for i, _ in weighted], markers, period, row.window_days, [c for _, c in weighted]
        )
        assert row.prisoners_p == pytest.approx(float(by_prisoners), rel=1e-12)
    fourteen = next(r for r in tests.windows if r.window_days == 14)
    assert (fourteen.releases_near, tests.releases.n) == (10, 23)


def test_default_period_and_both_directions(curated_store: Store) -> None:
    tests = chance_tests(build_ledger(curated_store, 14, True), today=TODAY)
    assert tests is not None
    assert tests.period.rule == "contact" and tests.period.start == date(2025, 2, 12)
    assert "channel exists" in tests.period.reason
    assert "reviewed facts only" in tests.headline and "'contact'" in tests.headline
    assert [m.subjects for m in tests.markers] == [
        "visits",
        "relief steps",
        "visits and relief steps",
    ]
    assert all(m.targets == "releases" for m in tests.markers)
    assert len(tests.outside) == tests.sensitivity[1].n - tests.releases.n  # 2024 releases
    assert [s.rule for s in tests.sensitivity] == ["contact", "first-release", "all", "2025-01-01"]
    assert "Coincidence is not cause" in tests.caveat
    data = tests.to_dict()
    assert data["period"]["start"] == "2025-02-12" and data["headline"] == tests.headline


def test_period_rules(curated_store: Store) -> None:
    ledger = build_ledger(curated_store, 14, True)
    fixed = chance_tests(ledger, period="2025-06-01", today=TODAY)
    assert fixed is not None and fixed.period.rule == "fixed"
    assert fixed.period.start == date(2025, 6, 1)
    later = [r for r in ledger.rows if r.release.interval.start >= date(2025, 6, 1)]
    assert fixed.releases.n == len(later) and len(fixed.outside) == len(ledger.rows) - len(later)
    late = chance_tests(ledger, period="2026-03-01", today=TODAY)
    assert late is not None and late.releases.n == 1 and late.releases.too_small
    assert late.headline.startswith("There were too few releases to tell a pattern from chance")
    with pytest.raises(ValueError, match="unknown period 'soon'"):
        chance_tests(ledger, period="soon", today=TODAY)
    with pytest.raises(ValueError, match="after the last dated fact"):
        chance_tests(ledger, period="2030-01-01", today=TODAY)


def add_release(
    store: Store, id: str, day: str, status: str = "candidate", kind: str = RELEASE
) -> None:
    store.execute(
        "INSERT INTO incidents (id, type, date_min, date_max, count, persons, status, origin,"
        " created_at, updated_at) VALUES (:id, :t, :d, :d, 3, '[]', :s, 'extracted', :n, :n)",
        {"id": id, "t": kind, "d": day, "s": status, "n": "2026-01-01"},
    )


@pytest.fixture
def copy_store(tmp_path: Path) -> Store:
    store = Store(str(tmp_path / "copy.db"))
    load_curated(store)
    return store


def test_implausible_candidates_cannot_flip_the_headline(
    curated_store: Store, copy_store: Store
) -> None:
    before = chance_tests(build_ledger(curated_store), period="all", today=TODAY)
    add_release(copy_store, "released-1925", "1925-06-01")
    add_release(copy_store, "released-0001", "0001-01-01")
    add_release(copy_store, "released-9999", "9999-12-31")
    after = chance_tests(build_ledger(copy_store), period="all", today=TODAY)
    assert before is not None and after is not None
    assert after.releases.p_value == before.releases.p_value
    assert after.period == before.period
    left_out = {e.id: e.reason for e in after.excluded}
    assert left_out == {
        "released-1925": "before 1991",
        "released-0001": "before 1991",
        "released-9999": "more than a year after today",
    }
    assert "3 fact(s) with implausible dates left out" in after.headline
    assert "unreviewed candidates" in after.headline
    earlier = chance_tests(build_ledger(copy_store), period="all", earliest_year=1900, today=TODAY)
    assert earlier is not None and earlier.period.start == date(2024, 7, 3)
    assert "released-1925" in {e.id for e in earlier.outside}  # plausible now, not reviewed


def test_unreviewed_candidates_cannot_stretch_the_period(
    curated_store: Store, copy_store: Store
) -> None:
    before = chance_tests(build_ledger(curated_store), today=TODAY)
    add_release(copy_store, "visit-2020", "2020-03-01", kind=VISIT)
    add_release(copy_store, "released-2025-01", "2025-01-05")
    add_release(copy_store, "released-2026-05", "2026-05-20")
    after = chance_tests(build_ledger(copy_store), today=TODAY)
    assert before is not None and after is not None
    assert (after.period.start, after.period.end) == (before.period.start, before.period.end)
    assert "reviewed facts only" in after.period.reason
    assert after.releases.p_value == before.releases.p_value
    outside = {e.id for e in after.outside}
    assert {"released-2025-01", "released-2026-05"} <= outside


def test_plausibility_uses_the_sources_publication_date(curated_store: Store) -> None:
    view = next(iter(build_ledger(curated_store).incidents.values()))
    view.date_min = view.date_max = "2026-05-01"
    view.published = "2025-01-10T08:00:00Z"
    kept, dropped = plausible([view], 1991, TODAY)
    assert kept == [] and dropped[0].reason == "more than a year after its latest source's date"
    view.published = "2025-06-01"
    kept, dropped = plausible([view], 1991, TODAY)
    assert len(kept) == 1 and dropped == []


def test_choose_period_needs_a_rule_or_a_date(curated_store: Store) -> None:
    ledger = build_ledger(curated_store, 14, True)
    facts, _ = plausible(ledger.incidents.values(), 1991, TODAY)
    releases = [f for f in facts if f.incident.type == RELEASE]
    markers = [f for f in facts if f.incident.type in (VISIT, CONCESSION)]
    first = choose_period("first-release", releases, markers)
    assert first.start == min(r.interval.start for r in releases)
    assert first.end == max(f.interval.end for f in releases + markers)
