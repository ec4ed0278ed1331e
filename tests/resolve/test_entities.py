"""Names in events and quotes resolve to entities through aliases and transliteration."""

from __future__ import annotations

from resolve_builders import News

from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.entities import entity_card, parse_name
from quidproquo.resolve.incidents import resolve
from quidproquo.store import Store, from_json


def _entities_of(store: Store, event_id: str, role: str) -> set[str]:
    rows = store.query(
        "SELECT entity_id FROM entity_mentions WHERE event_id = :e AND role = :r",
        {"e": event_id, "r": role},
    )
    return {r["entity_id"] for r in rows}


def test_spelling_variants_resolve_to_one_entity(store: Store, news: News) -> None:
    load_curated(store)
    doc = news.document("https://a.example/names", "2026-01-10", "Names.")
    variants = {
        "alexander-lukashenko": ["Lukashenko", "Alexander Lukashenka", "Łukaszenka"],
        "ales-bialiatski": ["Aliaksandr Bialiatski", "Ales Byalyatski", "Bialacki"],
        "maria-kalesnikava": ["Maria Kolesnikova", "Kalesnikava"],
        "siarhei-tsikhanouski": ["Sergei Tikhanovsky", "Tsikhanouski"],
        "john-coale": ["John Cole", "Coale"],
    }
    events = {
        name: news.event(doc, "release", f"{name} was mentioned.", actor=name)
        for names in variants.values()
        for name in names
    }
    resolve(store)
    for entity_id, names in variants.items():
        for name in names:
            assert _entities_of(store, events[name], "actor") == {entity_id}, name


def test_potash_companies_stay_distinct(store: Store, news: News) -> None:
    load_curated(store)
    doc = news.document("https://a.example/potash", "2026-01-10", "Potash.")
    kali = news.event(doc, "sanctions_eased", "a", target="Belaruskali")
    bpc = news.event(doc, "sanctions_eased", "b", target="Belarusian Potash Company")
    resolve(store)
    assert _entities_of(store, kali, "target") == {"belaruskali"}
    assert _entities_of(store, bpc, "target") == {"belarusian-potash-company"}


def test_titles_become_attributes_and_unknown_names_new_entities(store: Store, news: News) -> None:
    load_curated(store)
    doc = news.document("https://a.example/t", "2026-01-10", "Titles.")
    news.event(doc, "exchange", "a", actor="Lukashenko's press secretary Natalya Eismont")
    quote = news.quote(doc, "Hanna Zhukava", "We are waiting for news.")
    resolve(store)
    card = entity_card(store, "Natalia Eismont")
    assert card is not None and card["id"] == "natalia-eismont"
    assert {"title": "press secretary", "of": "Lukashenko"} in card["attributes"]["titles"]
    assert "Natalya Eismont" in card["aliases"]
    assert any(m["role"] == "actor" for m in card["mentions"])
    new = entity_card(store, "Hanna Zhukava")
    assert new is not None and new["origin"] == "extracted" and new["kind"] == "person"
    assert [m["quote_id"] for m in new["mentions"]] == [quote]
    assert entity_card(store, "Nobody Atall") is None


def test_parse_name_splits_roles() -> None:
    assert parse_name("Keith Kellogg, the US special envoy").name == "Keith Kellogg"
    parsed = parse_name("Nobel laureate Ales Bialiatski")
    assert (parsed.name, parsed.attributes) == ("Ales Bialiatski", {"title": "nobel laureate"})
    assert parse_name("Development Bank of Belarus").name == "Development Bank of Belarus"


def test_rerun_does_not_duplicate_extracted_entities(store: Store, news: News) -> None:
    doc = news.document("https://a.example/x", "2026-01-10", "X.")
    news.event(doc, "visit", "a", actor="Hanna Zhukava", target="Minsk")
    resolve(store)
    first = store.query("SELECT id, attributes FROM entities ORDER BY id")
    resolve(store)
    assert store.query("SELECT id, attributes FROM entities ORDER BY id") == first
    assert all(isinstance(from_json(r["attributes"]), dict) for r in first)


def test_loose_matches_through_the_last_token_index_equal_a_scan_of_every_alias(
    store: Store,
) -> None:
    """Candidates are looked up by the name's last key token; a scan of every known alias
    with `names_match` finds exactly the same entities."""
    from quidproquo.resolve.entities import EntityResolver

    load_curated(store)
    names = ["Kalesnikava", "M. Kolesnikova", "Bialacki", "A. Lukashenka", "Dr Tsikhanouski",
             "Coale", "Natalia Someone", "Ministry of Nothing", "Lukashenka's office"]  # fmt: skip
    with store.transaction() as conn:
        resolver = EntityResolver(store, conn)
        for name in names:
            found, exact = resolver.candidates(name)
            if exact:
                continue
            scanned = {
                k.id
                for k in resolver.known.values()
                if any(resolver.table.names_match(name, alias) for alias in k.aliases)
            }
            assert found == scanned, name
        # loose matches (an initial, a title before a surname) found through the index
        assert resolver.candidates("M. Kolesnikova") == ({"maria-kalesnikava"}, False)
        assert resolver.candidates("Dr Tsikhanouski") == ({"siarhei-tsikhanouski"}, False)
        assert resolver.candidates("Natalia Someone") == (set(), False)
