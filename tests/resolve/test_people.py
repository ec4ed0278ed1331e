"""The registry of people: stories from incidents and imported registries, status on a day,
reconciliation by name with uncertain matches sent to review."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.resolve import review

# A registry in the plain layout, written for these tests (the last two rows are bad).
REGISTRY = """Name,Birth year,Charges,Sentence,Arrest date
Maria Kolesnikova,1982,conspiracy,11 years,2020-09
M. Statkevich,1956,mass riots,14 years,2020-05-31
Ivan Testovich,1990,insulting the president,3 years,2024-02-10
Pavel Nowhere,19x5,,,
Anna Example,1988,,,2021-13-01
"""


@pytest.fixture
def qpq(tmp_path: Path) -> Quidproquo:
    qpq = Quidproquo(str(tmp_path / "p.db"))
    qpq.load_curated()
    return qpq


def write(tmp_path: Path, text: str = REGISTRY, name: str = "viasna.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_status_follows_the_dated_facts(qpq: Quidproquo) -> None:
    (before,) = qpq.people(as_of="2025-09-12", name="Statkevich")
    assert before.status == "freed and expelled" and before.status_since == "2025-09-11"
    (after,) = qpq.people(as_of="2025-09-16", name="Nikolai Statkevich")
    assert after.status == "re-imprisoned"
    assert [f.kind for f in after.facts] == ["expelled", "returned to prison"]
    assert all(f.sources for f in after.facts)
    (maria,) = qpq.people(name="Kolesnikova")
    assert maria.name == "Maria Kalesnikava" and maria.status == "freed and expelled"
    destinations = {f.detail for f in maria.facts}
    assert destinations == {"sent to Ukraine", "freed, sent to Lithuania"}  # both kept
    held = qpq.people(status="held")
    assert all(p.status == "held" for p in held)
    in_2024 = qpq.people(since="2024-01-01", until="2024-12-31")
    assert in_2024 and all(
        any(f.date_min and f.date_min <= "2024-12-31" for f in p.facts) for p in in_2024
    )


def test_registry_import_reconciles_by_name_and_sends_doubts_to_review(
    qpq: Quidproquo, tmp_path: Path
) -> None:
    summary, errors = qpq.ingest_registry(write(tmp_path), as_of="2026-01-15",
                                          url="https://example.org/registry")  # fmt: skip
    assert [(e.line, e.reason.split(" ")[0]) for e in errors] == [(5, "birth"), (6, "arrest")]
    assert (summary.entries, summary.matched, summary.new_people, summary.to_review) == (3, 1, 1, 1)
    (maria,) = qpq.people(name="Maria Kalesnikava")
    assert maria.registries == ["viasna"] and maria.status == "freed and expelled"
    assert maria.doubts == [  # the list is older than the news: said, not believed
        "listed by viasna on 2026-01-15, after being freed and expelled on 2025-12-13"
    ]
    (new,) = qpq.people(name="Ivan Testovich")
    assert new.status == "held" and new.status_since == "2024-02-10"
    assert ("sentenced", "3 years (insulting the president)") in [
        (f.kind, f.detail) for f in new.facts
    ]
    assert new.facts[0].sources == ["https://example.org/registry"]

    (match,) = review.queue(qpq.store, object_type="registry_match")
    assert match["label"].startswith("M. Statkevich (viasna) = Mikola Statkevich? ")
    (statkevich,) = qpq.people(name="Mikola Statkevich")
    assert statkevich.registries == []  # not merged before a reviewer says so
    review.accept(qpq.store, "registry_match", match["id"], "tester")
    (statkevich,) = qpq.people(name="Mikola Statkevich")
    assert statkevich.registries == ["viasna"] and statkevich.status == "re-imprisoned"
    again, _ = qpq.ingest_registry(write(tmp_path), as_of="2026-01-15")
    assert again.entries == 3 and len(qpq.people(name="Ivan Testovich")) == 1


def test_a_mapping_of_ones_own(qpq: Quidproquo, tmp_path: Path) -> None:
    mapping = tmp_path / "layout.yaml"
    mapping.write_text("name: [prisoner full name]\nsentence: [term imposed]\n", encoding="utf-8")
    path = write(tmp_path, "Prisoner full name;x\nIvan Testovich;1\n".replace(";", ","), "r.csv")
    summary, errors = qpq.ingest_registry(path, "Rights group", mapping=mapping)
    assert errors == [] and summary.new_people == 1
    assert qpq.people(name="Ivan Testovich")[0].registries == ["Rights group"]
    wrong = write(tmp_path, "Who,When\nX,2020\n", "w.csv")
    _, missing = qpq.ingest_registry(wrong)
    assert "no name column" in missing[0].reason


def test_stock_beside_the_named(qpq: Quidproquo, tmp_path: Path) -> None:
    qpq.ingest_registry(write(tmp_path), as_of="2026-01-15")
    held = qpq.held_stock()
    assert held["latest_counts"] and held["latest_counts"][0]["count"] > 1000
    assert held["named_held"] == sum(p.status in ("held", "re-imprisoned") for p in qpq.people())


def test_cli_people_registry_and_export(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    Quidproquo(db).load_curated()
    imported = runner.invoke(main, ["ingest-registry", str(write(tmp_path)), "--db", db])
    assert imported.exit_code == 1 and "3 entries: 1 matched" in imported.output
    assert "line 5" in imported.output or ":5" in imported.output
    listing = runner.invoke(main, ["people", "--status", "held", "--facts", "--db", db])
    assert listing.exit_code == 0 and "Ivan Testovich" in listing.output
    assert "Latest counted number held" in listing.output
    bad = runner.invoke(main, ["people", "--as-of", "soon", "--db", db])
    assert bad.exit_code == 2
    csv_out = runner.invoke(main, ["export", "people", "--format", "csv", "--db", db])
    assert csv_out.output.startswith("key,name,status") and "Ivan Testovich" in csv_out.output
    refused = runner.invoke(
        main, ["export", "people", "--format", "csv", "--accepted-only", "--db", db]
    )
    assert refused.exit_code == 2


def test_a_sentence_in_the_news_gives_the_term(tmp_path: Path) -> None:
    qpq = Quidproquo(str(tmp_path / "t.db"))
    path = tmp_path / "court.txt"
    path.write_text(
        "A court in Homiel sentenced the blogger Ivan Testovich to six years in a penal colony "
        "on 3 March 2025, his family said.",
        encoding="utf-8",
    )
    from quidproquo.ingest import SourceMeta

    qpq.ingest([path], SourceMeta(published="2025-03-04", url="https://example.org/court"))
    qpq.extract()
    qpq.resolve()
    (person,) = qpq.people(name="Ivan Testovich")
    (fact,) = person.facts
    assert (fact.kind, fact.detail, fact.date) == ("sentenced", "six years in a penal colony",
                                                   "2025-03-03")  # fmt: skip
    assert fact.sources == ["https://example.org/court"] and person.status == "held"
