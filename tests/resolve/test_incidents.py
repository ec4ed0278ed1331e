"""Merging extracted events from several documents into incidents."""

from __future__ import annotations

from typing import Any

from resolve_builders import News

from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.incidents import resolve
from quidproquo.resolve.views import format_incident_line, list_incidents
from quidproquo.store import Store, from_json


def _incident_of(store: Store, event_id: str) -> str:
    rows = store.query(
        "SELECT DISTINCT incident_id FROM claims WHERE event_id = :e", {"e": event_id}
    )
    assert len(rows) == 1, rows
    return str(rows[0]["incident_id"])


def _machine_incidents(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM incidents WHERE origin = 'extracted' ORDER BY date_min, id")


def test_reports_of_one_release_merge_into_one_contested_incident(store: Store, news: News) -> None:
    reports = [
        ("https://wire.example/belarus-frees-47", 47, "Belarus freed 47 prisoners on Friday."),
        ("https://daily.example/47-released", 47, "Minsk released 47 political prisoners."),
        ("https://radio.example/pardon", 47, "Lukashenko pardoned 47 people, the agency said."),
        ("https://blog.example/46", 46, "46 people walked out of prison on 5 June."),
    ]
    events = []
    for url, count, sentence in reports:
        doc = news.document(url, "2026-06-06", sentence)
        events.append(news.event(doc, "release", sentence, date_min="2026-06-05", count=count))
    resolve(store)

    assert len({_incident_of(store, e) for e in events}) == 1
    [incident] = list_incidents(store)
    assert incident["count"] == 47
    assert incident["contested"] is True
    assert incident["claims"]["count"] == [{"value": 47, "sources": 3}, {"value": 46, "sources": 1}]
    assert "count: 47 (3 sources) | 46 (1 source)  " in format_incident_line(incident)
    claims = store.query(
        "SELECT source_url, evidence FROM claims WHERE incident_id = :i AND property = 'count'",
        {"i": incident["id"]},
    )
    assert {c["source_url"] for c in claims} == {r[0] for r in reports}
    assert {c["evidence"] for c in claims} == {r[2] for r in reports}


def test_extracted_reports_attach_to_the_curated_incident(store: Store, news: News) -> None:
    load_curated(store)
    a = news.document("https://a.example/1", "2025-12-13", "Belarus let 123 prisoners go.")
    b = news.document("https://b.example/2", "2025-12-14", "Minsk freed 122 people on Saturday.")
    first = news.event(
        a, "release", "Belarus let 123 prisoners go.", date_min="2025-12-13", count=123
    )
    second = news.event(b, "release", "Minsk freed 122 people.", date_min="2025-12-13", count=122)
    summary = resolve(store)
    assert summary.incidents_created == 0 and summary.attached == 2
    assert _incident_of(store, first) == _incident_of(store, second) == "2025-12-13-release-123"
    [release] = list_incidents(store, type="release", since="2025-12-13", until="2025-12-13")
    assert release["contested"] is True  # 122 against 123, although the curated row is not
    assert release["claims"]["count"][-1] == {"value": 122, "sources": 1}


def test_counts_114_and_115_are_one_deportation_but_different_targets_are_not(
    store: Store, news: News
) -> None:
    d1 = news.document("https://hur.example/1", "2026-02-02", "114 were brought to Ukraine.")
    d2 = news.document("https://office.example/2", "2026-02-02", "115 arrived in Ukraine.")
    e1 = news.event(d1, "deportation", "x", date_min="2026-02-01", count=114, destination="Ukraine")
    e2 = news.event(d2, "deportation", "y", date_min="2026-02-01", count=115, destination="Kyiv")
    e3 = news.event(d2, "deportation", "z", date_min="2026-02-01", count=6, destination="Lithuania")
    s1 = news.event(d1, "sanctions_eased", "a", date_min="2026-02-01", target="Belavia")
    s2 = news.event(d2, "sanctions_eased", "b", date_min="2026-02-01", target="Belaruskali")
    resolve(store)
    assert _incident_of(store, e1) == _incident_of(store, e2) != _incident_of(store, e3)
    assert _incident_of(store, s1) != _incident_of(store, s2)
    merged = store.query_one(
        "SELECT * FROM incidents WHERE id = :i", {"i": _incident_of(store, e1)}
    )
    assert merged is not None and merged["contested"] == 1 and merged["count"] is None  # even split


def test_near_misses_stay_apart(store: Store, news: News) -> None:
    doc = news.document("https://monitor.example/july", "2026-07-31", "Monthly review.")
    week1 = news.event(doc, "release", "a", date_min="2026-06-05", count=17)
    week2 = news.event(doc, "release", "b", date_min="2026-06-12", count=17)
    # A domestic pardon wave placed loosely in July, and a handover of three named people.
    wave = news.event(doc, "release", "c", date_min="2026-07-01", date_max="2026-07-31", count=30)
    handover = news.event(
        doc,
        "release",
        "d",
        date_min="2026-07-20",
        count=3,
        persons=["Ihar Losik", "Ales Bialiatski"],
    )
    resolve(store)
    ids = {_incident_of(store, e) for e in (week1, week2, wave, handover)}
    assert len(ids) == 4


def test_named_people_join_a_counted_release_despite_no_count(store: Store, news: News) -> None:
    a = news.document("https://a.example/n", "2026-03-02", "Belarus freed 18.")
    b = news.document("https://b.example/n", "2026-03-03", "Among those freed was Ihar Losik.")
    counted = news.event(a, "release", "Belarus freed 18.", date_min="2026-03-01", count=18)
    named = news.event(b, "release", "Among those freed was Ihar Losik.", persons=["Ihar Losik"])
    resolve(store)
    assert _incident_of(store, counted) == _incident_of(store, named)
    [incident] = _machine_incidents(store)
    assert from_json(incident["persons"]) and incident["date_min"] == "2026-03-01"


def test_denial_links_to_the_exchange_it_denies(store: Store, news: News) -> None:
    text = (
        "The press secretary said more than 100 people were sent to Ukraine in exchange for"
        " Belarusians held there. The project run by Ukraine's intelligence said no such"
        " exchange had taken place."
    )
    doc = news.document("https://commentary.example/potash", "2026-04-14", text)
    other = news.document("https://wire.example/release", "2026-04-11", "Belarus freed 40.")
    news.event(other, "release", "Belarus freed 40.", date_min="2026-04-11", count=40)
    exchange = news.event(
        doc,
        "exchange",
        text.split(". ")[0] + ".",
        date_min="2026-04-11",
        count=100,
        count_qualifier="more_than",
        actor="Lukashenko's press secretary Natalya Eismont",
        destination="Ukraine",
    )
    denial = news.event(doc, "denial", text.split(". ")[1], actor="I Want to Live")
    summary = resolve(store)
    assert summary.denial_links == 1
    links = store.query("SELECT * FROM incident_links WHERE kind = 'denies'")
    assert [(r["incident_id"], r["other_id"]) for r in links] == [
        (_incident_of(store, denial), _incident_of(store, exchange))
    ]


def test_resolve_twice_gives_the_same_incidents(store: Store, news: News) -> None:
    doc = news.document("https://a.example/r", "2026-05-02", "Belarus freed 9.")
    news.event(doc, "release", "Belarus freed 9.", date_min="2026-05-01", count=9)
    news.event(doc, "visit", "The envoy was in Minsk.", date_min="2026-05-01", actor="John Cole")
    resolve(store)
    first = (_machine_incidents(store), store.query("SELECT id FROM claims ORDER BY id"))
    resolve(store)
    second = (_machine_incidents(store), store.query("SELECT id FROM claims ORDER BY id"))
    assert [i["id"] for i in first[0]] == [i["id"] for i in second[0]]
    assert first[1] == second[1]


def test_a_sector_joins_the_relief_for_its_companies_but_not_another_sector(
    store: Store, news: News
) -> None:
    doc = news.document("https://wire.example/potash", "2026-05-03")
    company = news.event(
        doc, "sanctions_eased", "Treasury eased sanctions on Belaruskali on Friday.",
        date_min="2026-05-01", actor="United States", target="Belaruskali",
    )  # fmt: skip
    other = news.document("https://daily.example/relief", "2026-05-04")
    sector = news.event(
        other, "sanctions_eased", "Washington lifted sanctions on potash last week.",
        date_min="2026-04-27", date_max="2026-05-03", actor="United States", target="potash",
    )  # fmt: skip
    airline = news.event(
        other, "sanctions_eased", "It also eased sanctions on Belavia.",
        date_min="2026-04-27", date_max="2026-05-03", actor="United States", target="Belavia",
    )  # fmt: skip
    resolve(store)

    assert _incident_of(store, company) == _incident_of(store, sector)
    assert _incident_of(store, airline) != _incident_of(store, company)
