"""Terms of trade: totals, running series, the held-prisoner stock and the sanctions left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from quidproquo.app import Quidproquo
from quidproquo.ingest import SourceMeta
from quidproquo.ledger.links import build_ledger
from quidproquo.ledger.terms import fold, terms_of_trade
from quidproquo.store import Store

AddIncident = Callable[..., str]


def test_sanctions_left_on_curated_data(curated_store: Store) -> None:
    terms = terms_of_trade(curated_store, build_ledger(curated_store))
    status = {s.entity: s for s in terms.sanctions}
    assert status["Belavia"].state == "removed"
    assert status["Belavia"].summary == "removed from the SDN list on 2025-11-04"
    for potash in ("Belaruskali", "Belarusian Potash Company", "Agrorozkvit"):
        assert status[potash].state == "eased"
        assert "General License 13 (2025-12-15)" in status[potash].summary
        assert status[potash].summary.startswith("under sanctions")
    assert {s.entity for s in terms.still_sanctioned} == {
        "Belaruskali",
        "Belarusian Potash Company",
        "Agrorozkvit",
    }


def test_held_series_keeps_disagreeing_values(curated_store: Store) -> None:
    terms = terms_of_trade(curated_store, build_ledger(curated_store))
    mid_august = sorted(h.count for h in terms.held if h.as_of == "2025-08-15")
    assert mid_august == [1160, 1186]
    assert all(h.sources for h in terms.held)
    assert [(h.count, h.qualifier) for h in terms.latest_held] == [(1100, "more_than")]
    days = [h.as_of_min or h.as_of_max or "" for h in terms.held]
    assert days == sorted(days)


def test_totals_and_series_on_hand_made_data(
    empty_store: Store, add_incident: AddIncident, add_link: Callable[..., None]
) -> None:
    add_incident("r1", "release", "2025-01-10", count=10)
    add_incident("r2", "release", "2025-03-01", count=30)
    add_incident("r3", "release", "2025-06-01")  # no count at all
    add_incident("c1", "sanctions_eased", "2025-03-05", instrument="general_license")
    add_incident("c2", "sanctions_eased", "2025-08-01", instrument="announcement")
    terms = terms_of_trade(empty_store, build_ledger(empty_store, window_days=7))
    assert (terms.released_total, terms.concessions) == (40, 2)
    assert terms.prisoners_per_concession == 20
    assert (terms.linked_released, terms.linked_concessions) == (30, 1)  # r2 with c1
    assert terms.releases_without_count == ["r3"]
    assert [(p.date, p.released, p.concessions) for p in terms.series] == [
        ("2025-01-10", 10, 0),
        ("2025-03-01", 40, 0),
        ("2025-03-05", 40, 1),
        ("2025-06-01", 40, 1),
        ("2025-08-01", 40, 2),
    ]


def test_a_licence_never_delists(empty_store: Store, add_incident: AddIncident) -> None:
    add_incident("imp", "sanctions_imposed", "2021-01-01", target="Acme Potash; Beta Air")
    add_incident(
        "gl",
        "sanctions_eased",
        "2025-01-01",
        instrument="general_license",
        instrument_label="General License 99",
        target="Acme Potash",
    )
    add_incident(
        "rm",
        "sanctions_eased",
        "2025-02-01",
        instrument="sdn_removal",
        target="Beta Air (two aircraft)",
    )
    terms = terms_of_trade(empty_store, build_ledger(empty_store))
    status = {s.entity: s for s in terms.sanctions}
    assert status["Acme Potash"].summary == (
        "under sanctions, eased by General License 99 (2025-01-01)"
    )
    assert status["Beta Air"].state == "removed"
    assert [s.entity for s in terms.still_sanctioned] == ["Acme Potash"]


def test_unnamed_relief_applies_through_a_source_link(
    empty_store: Store, add_incident: AddIncident, add_link: Callable[..., None]
) -> None:
    add_incident("imp", "sanctions_imposed", "2021-01-01", target="Acme Potash")
    add_incident(
        "ann",
        "sanctions_eased",
        "2025-01-01",
        instrument="announcement",
        target="the potash sector",
    )
    add_incident(
        "other",
        "sanctions_eased",
        "2025-01-02",
        instrument="announcement",
        target="the potash sector",
    )
    add_link("ann", "imp")
    (status,) = terms_of_trade(empty_store, build_ledger(empty_store)).sanctions
    assert [s["id"] for s in status.steps] == ["ann"]
    assert status.summary == "under sanctions; relief announced 2025-01-01"


def test_fold_ignores_case_accents_and_brackets() -> None:
    assert fold("Belavia (8 Boeing aircraft)") == fold("BELAVIA")
    assert fold("Nausėda") == fold("nauseda")


def test_extracted_stock_figures_join_the_held_series(tmp_path: Path) -> None:
    qpq = Quidproquo(str(tmp_path / "held.db"))
    article = tmp_path / "count.txt"
    article.write_text(
        "The rights group Viasna said that 1,142 political prisoners remain in jail.",
        encoding="utf-8",
    )
    qpq.ingest([article], SourceMeta(published="2026-05-06", url="https://monitor.example/c"))
    qpq.extract()
    qpq.load_curated()
    qpq.resolve()
    terms = qpq.terms_of_trade()
    extracted = [h for h in terms.held if h.count == 1142]
    assert len(extracted) == 1 and extracted[0].sources == ["https://monitor.example/c"]
    assert extracted[0].as_of_max == "2026-05-06"  # no as-of date stated: publication
    assert [h.count for h in terms.latest_held] == [1142]  # the newest figure
    assert len(terms.held) > 1  # the curated series is still there
    assert not any(h.count == 1142 for h in qpq.terms_of_trade(accepted_only=True).held)
