"""The ledger rows: which visits and concessions are linked to which release, and why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quidproquo.ledger.links import build_ledger
from quidproquo.resolve.curated import load_curated
from quidproquo.store import Store

AddIncident = Callable[..., str]


def ids(links: list[Any]) -> dict[str, list[str]]:
    return {lk.incident.id: lk.basis for lk in links}


def test_december_release_links_coale_visit_and_potash_relief(curated_store: Store) -> None:
    row = build_ledger(curated_store).row("2025-12-13-release-123")
    assert row.release.count == 123
    assert ids(row.visits) == {"2025-12-12-13-visit-coale-minsk": ["window", "source"]}
    concessions = {c.incident.id: c for c in row.concessions}
    assert set(concessions) == {
        "2025-12-13-sanctions-eased-potash-announced",
        "2025-12-15-sanctions-eased-potash-gl13",
    }
    gl13 = concessions["2025-12-15-sanctions-eased-potash-gl13"]
    assert gl13.offset_days == 2
    assert gl13.incident.instrument == "general_license"
    assert gl13.incident.instrument_label == "General License 13"
    assert "Belaruskali" in gl13.incident.targets
    assert concessions["2025-12-13-sanctions-eased-potash-announced"].incident.instrument == (
        "announcement"
    )


def test_september_release_links_belavia_licence_and_later_delisting(curated_store: Store) -> None:
    row = build_ledger(curated_store).row("2025-09-11-release-52")
    assert "2025-09-11-visit-coale-minsk" in ids(row.visits)
    concessions = {c.incident.id: c for c in row.concessions}
    assert concessions["2025-09-11-sanctions-eased-belavia-gl11"].incident.instrument == (
        "general_license"
    )
    removal = concessions["2025-11-04-sanctions-eased-belavia-sdn-removal"]
    # 54 days later: outside the window, linked only because sources connect them.
    assert removal.offset_days == 54
    assert removal.basis == ["source"]
    assert removal.incident.instrument == "sdn_removal"
    assert "Belavia" in removal.incident.targets


def test_june_release_links_kellogg_visit_only(curated_store: Store) -> None:
    row = build_ledger(curated_store).row("2025-06-21-release-14")
    assert "2025-06-20-21-visit-kellogg-minsk" in ids(row.visits)
    assert row.concessions == []
    # The count is a claim set: 14 by five sources, 16 by one.
    claims = {c.value: c.n_sources for c in row.release.count_claims}
    assert claims == {14: 5, 16: 1}


def test_march_release_links_bank_and_potash_relief(curated_store: Store) -> None:
    row = build_ledger(curated_store).row("2026-03-19-release-250")
    targets = {t for c in row.concessions for t in c.incident.targets}
    assert {"Belinvestbank", "Development Bank of Belarus", "Belaruskali"} <= targets
    assert "2026-03-19-visit-coale-minsk" in ids(row.visits)


def test_narrower_window_drops_window_only_links(curated_store: Store) -> None:
    wide = build_ledger(curated_store, window_days=14).row("2025-12-28-release-22")
    narrow = build_ledger(curated_store, window_days=7).row("2025-12-28-release-22")
    assert ids(wide.concessions) == {"2025-12-15-sanctions-eased-potash-gl13": ["window"]}
    assert narrow.concessions == []


def test_window_bounds_are_inclusive_on_both_sides(
    empty_store: Store, add_incident: AddIncident
) -> None:
    add_incident("r", "release", "2025-03-15", count=5)
    add_incident("before", "visit", "2025-03-01")  # 14 days before: in
    add_incident("after", "sanctions_eased", "2025-03-29", instrument="permit")  # 14 after: in
    add_incident("late", "sanctions_eased", "2025-03-30")  # 15 after: out
    add_incident("ranged", "visit", "2025-02-01", "2025-03-02")  # ends 13 days before: in
    row = build_ledger(empty_store, window_days=14).row("r")
    assert {v.incident.id: v.offset_days for v in row.visits} == {"ranged": -13, "before": -14}
    assert [c.incident.id for c in row.concessions] == ["after"]


def test_reviewer_link_and_status_filter(
    empty_store: Store, add_incident: AddIncident, add_link: Callable[..., None]
) -> None:
    add_incident("r", "release", "2025-03-15", count=5)
    add_incident("far", "sanctions_eased", "2025-09-01")
    add_incident("cand", "release", "2025-04-01", status="candidate")
    add_incident("gone", "visit", "2025-03-15", status="rejected")
    add_link("far", "r", kind="reviewer")
    ledger = build_ledger(empty_store)
    assert ids(ledger.row("r").concessions) == {"far": ["reviewer"]}
    assert ledger.row("r").visits == []  # rejected incidents never count
    assert [r.release.id for r in ledger.rows] == ["r", "cand"]
    assert [r.release.id for r in build_ledger(empty_store, accepted_only=True).rows] == ["r"]


def test_claim_set_counts_distinct_sources(empty_store: Store, add_incident: AddIncident) -> None:
    add_incident("r", "release", "2025-03-15", count=7, sources=["u1", "u2", "u2"])
    values = build_ledger(empty_store).row("r").release.count_claims
    assert [(v.value, v.n_sources, v.sources) for v in values] == [(7, 2, ["u1", "u2"])]


def test_denial_of_a_claim_attaches_to_the_claims_release(
    empty_store: Store, add_incident: AddIncident, add_link: Callable[..., None]
) -> None:
    add_incident("r", "release", "2025-03-15", count=5, sources=["https://a.example/1"])
    add_incident("d", "denial", "2025-06-01")
    add_link("d", "r-c0", kind="denies")  # the denial targets the release's count claim
    row = build_ledger(empty_store).row("r")
    assert [(d.incident.id, d.basis) for d in row.denials] == [("d", ["source"])]


def test_same_ledger_on_sqlite_and_postgresql(db_url: str) -> None:
    store = Store(db_url)
    load_curated(store)
    ledger = build_ledger(store)
    row = ledger.row("2025-09-11-release-52")
    assert ids(row.visits) == {"2025-09-11-visit-coale-minsk": ["window", "source"]}
    assert "2025-11-04-sanctions-eased-belavia-sdn-removal" in ids(row.concessions)
    assert len(ledger.rows) == 23
