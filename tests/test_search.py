"""Search: documents sentence by sentence, claims, quotes, incidents and entities, ranked,
with name variants folded, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.ingest import SourceMeta
from quidproquo.search import name_keys

# Written for these tests.
ARTICLE = (
    "Maria Kalesnikava walked out of the penal colony on Saturday, her lawyer said. "
    "Officials in Minsk gave no reason. The weather was mild."
)
OTHER = "Belavia Belavia: the airline Belavia resumed sanctions talks, Belavia staff said."
LONG = (
    "In a statement that ran to several paragraphs and touched on trade, energy, the border, "
    "the harvest and the weather, officials also mentioned Belavia once."
)


def store(db_url: str, tmp_path: Path) -> Quidproquo:
    qpq = Quidproquo(db_url)
    for name, text in (("a", ARTICLE), ("b", OTHER), ("c", LONG)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        qpq.ingest([path], SourceMeta(publisher=f"Outlet {name.upper()}", published="2025-06-01"))
    return qpq


def test_a_spelling_variant_finds_the_sentence(db_url: str, tmp_path: Path) -> None:
    qpq = store(db_url, tmp_path)
    (hit,) = qpq.search("Kolesnikova colony", kinds=("document",))
    assert (
        hit.snippet
        == "Maria Kalesnikava walked out of the penal colony on Saturday, her lawyer said."
    )
    start = ARTICLE.index("Maria")
    assert hit.link == f"/documents/{hit.id}?start={start}&end={start + len(hit.snippet)}#f-match"
    assert qpq.search("Kolesnikova weather") == []  # every word must match in one sentence


def test_ranked_and_one_sentence_per_document(db_url: str, tmp_path: Path) -> None:
    qpq = store(db_url, tmp_path)
    hits = qpq.search("Belavia", kinds=("document",))
    assert [h.snippet for h in hits] == [OTHER, LONG]  # the denser sentence first
    again = qpq.search("belavia")  # the index is not written twice
    assert len([h for h in again if h.kind == "document"]) == 2


def test_index_follows_new_documents_quotes_and_entities(db_url: str, tmp_path: Path) -> None:
    qpq = store(db_url, tmp_path)
    assert qpq.search("Lukashenka") == []
    path = tmp_path / "d.txt"
    path.write_text(
        '"Everyone deserves a second chance," Alexander Lukashenko said on Friday.',
        encoding="utf-8",
    )
    qpq.ingest([path], SourceMeta(published="2025-06-02"))
    qpq.extract()
    qpq.load_curated()
    kinds = {h.kind for h in qpq.search("Lukashenka")}
    assert {"document", "quote", "entity", "incident"} <= kinds
    (quote,) = qpq.search("second chance", kinds=("quote",))
    assert "Lukashenko" in quote.snippet and quote.link.startswith("/documents/")


def test_claims_link_to_their_incident(tmp_path: Path) -> None:
    qpq = Quidproquo(str(tmp_path / "c.db"))
    path = tmp_path / "e.txt"
    path.write_text("Belarus freed 52 political prisoners on 11 September 2025.", encoding="utf-8")
    qpq.ingest([path], SourceMeta(published="2025-09-12"))
    qpq.load_curated()
    qpq.extract()
    qpq.resolve()
    claims = qpq.search("freed 52", kinds=("claim",))
    assert claims and claims[0].link == f"/incidents/{claims[0].incident_id}"


def test_name_keys_fold_transliterations() -> None:
    assert name_keys("Lukashenko met Kolesnikova") == name_keys("Lukashenka met Kalesnikava")
    assert name_keys("the lower-case words only") == ""


def test_cli_search_and_documents_filters(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    store(db, tmp_path)
    runner = CliRunner()
    found = runner.invoke(main, ["search", "Kolesnikova", "--db", db])
    assert found.exit_code == 0 and "Kalesnikava walked out" in found.output
    assert "No match." in runner.invoke(main, ["search", "zzzz", "--db", db]).output
    listed = runner.invoke(main, ["documents", "--publisher", "outlet b", "--db", db])
    assert "Outlet B" in listed.output and "Outlet A" not in listed.output
    dated = runner.invoke(main, ["documents", "--since", "2025-6-31", "--db", db])
    assert dated.exit_code == 2 and "not a date" in dated.output
