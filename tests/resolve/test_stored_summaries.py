"""Stored incident summaries (claim sets, disagreement, sources): made on the first read, kept
up to date by triggers on every write path, and always what the claims compute to."""

from __future__ import annotations

from typing import Any

from resolve_builders import News

from quidproquo.ledger import summaries as summaries_module
from quidproquo.ledger.links import build_ledger
from quidproquo.ledger.summaries import CLAIMS_SQL, fill, summaries, summarize
from quidproquo.resolve import review
from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.incidents import resolve
from quidproquo.resolve.views import incident_detail, list_incidents
from quidproquo.store import Store


def _stored(store: Store) -> set[str]:
    return {r["incident_id"] for r in store.query("SELECT incident_id FROM incident_summaries")}


def _fresh(store: Store, incident_id: str) -> dict[str, Any]:
    """The summary computed from the claims now, as comparable values."""
    claims = store.query(CLAIMS_SQL + " WHERE c.incident_id = :i ORDER BY c.property, c.id",
                         {"i": incident_id})  # fmt: skip
    return _plain(summarize(claims))


def _plain(summary: Any) -> dict[str, Any]:
    return {
        "claim_sets": summary.claim_sets, "contested": summary.contested,
        "claim_count": summary.claim_count, "urls": summary.urls,
        "claim_values": summary.claim_values, "published": summary.published,
    }  # fmt: skip


def _release(news: News, url: str, count: int, published: str = "2026-03-02") -> str:
    """A document and its extracted release of `count` people (dates of my own making)."""
    sentence = f"The wardens opened the gates for {count} inmates at dawn."
    doc = news.document(url, published, f"{sentence} Filed from {url}.")
    news.event(doc, "release", sentence, date_min="2026-03-01", count=count)
    return doc


def _only_incident(store: Store) -> dict[str, Any]:
    [incident] = list_incidents(store)
    return incident


def test_a_read_stores_the_summary_and_every_write_path_renews_it(store: Store, news: News) -> None:
    _release(news, "https://one.example/a", 31)
    _release(news, "https://two.example/b", 33)
    resolve(store)
    incident = _only_incident(store)
    assert incident["claims"]["count"] == [{"value": 31, "sources": 1}, {"value": 33, "sources": 1}]
    assert incident["contested"] is True
    assert _stored(store) == {incident["id"]}

    # resolve: a third report joins the incident; its claims delete the stored row
    _release(news, "https://three.example/c", 31)
    resolve(store)
    assert incident["id"] not in _stored(store)
    again = _only_incident(store)
    assert again["claims"]["count"] == [{"value": 31, "sources": 2}, {"value": 33, "sources": 1}]

    # review reject: the rejected claim no longer counts; the disagreement is gone
    [odd] = store.query(
        "SELECT id FROM claims WHERE incident_id = :i AND property = 'count' AND value = '33'",
        {"i": incident["id"]},
    )
    review.reject(store, "claim", odd["id"], "ana")
    after_reject = _only_incident(store)
    assert after_reject["claims"]["count"] == [{"value": 31, "sources": 2}]
    assert summaries(store, [incident["id"]])[incident["id"]].contested is False

    # review correct: a claim's value changed by a reviewer shows at once
    [one] = store.query(
        "SELECT id FROM claims WHERE incident_id = :i AND property = 'count' AND value = '31'"
        " ORDER BY id LIMIT 1",
        {"i": incident["id"]},
    )
    review.correct(store, "claim", one["id"], {"value": "32"}, "ana")
    corrected = _only_incident(store)["claims"]["count"]
    assert {v["value"] for v in corrected} == {31, 32}

    # review accept: the ledger of reviewed facts sees reviewed claims only (a correction is one)
    review.accept(store, "incident", incident["id"], "ana")
    reviewed = build_ledger(store, accepted_only=True).incidents[incident["id"]]
    assert [(v.value, v.n_sources) for v in reviewed.count_claims] == [(32, 1)]
    [other] = store.query(
        "SELECT id FROM claims WHERE incident_id = :i AND property = 'count' AND value = '31'",
        {"i": incident["id"]},
    )
    review.accept(store, "claim", other["id"], "ana")
    reviewed = build_ledger(store, accepted_only=True).incidents[incident["id"]]
    assert [(v.value, v.n_sources) for v in reviewed.count_claims] == [(31, 1), (32, 1)]

    # a document's URL change renews the sources of the incidents citing it
    doc = store.query_one("SELECT document_id FROM claims WHERE id = :c", {"c": one["id"]})
    assert doc is not None
    store.execute("UPDATE claims SET source_url = NULL WHERE document_id = :d",
                  {"d": doc["document_id"]})  # fmt: skip
    build_ledger(store)  # stores the summary again
    store.execute("UPDATE documents SET url = 'https://moved.example/x' WHERE id = :d",
                  {"d": doc["document_id"]})  # fmt: skip
    assert "https://moved.example/x" in build_ledger(store).incidents[incident["id"]].sources

    assert _plain(summaries(store, [incident["id"]])[incident["id"]]) == _fresh(
        store, incident["id"]
    )


def test_curated_load_and_fill_agree_with_the_claims(store: Store, news: News) -> None:
    _release(news, "https://four.example/d", 12)
    resolve(store)
    list_incidents(store)  # stores the extracted incident's summary
    load_curated(store)  # curated incidents and their claims arrive after it
    made = fill(store)
    ids = [r["id"] for r in store.query("SELECT id FROM incidents")]
    assert made == len(ids) - 1 and _stored(store) == set(ids)
    stored = summaries(store, ids)
    for incident_id in ids:
        assert _plain(stored[incident_id]) == _fresh(store, incident_id)
    assert fill(store) == 0


def test_the_incident_page_lists_a_page_of_claims_and_counts_them_all(
    store: Store, news: News
) -> None:
    for n in range(7):
        _release(news, f"https://paper{n}.example/r", 40 + n % 2)
    resolve(store)
    incident_id = _only_incident(store)["id"]
    page = incident_detail(store, incident_id, (2, 3))
    whole = incident_detail(store, incident_id)
    assert page is not None and whole is not None
    assert page["claim_count"] == whole["claim_count"] == len(whole["claims"]) == 14
    assert [c["id"] for c in page["claims"]] == [c["id"] for c in whole["claims"][2:5]]
    assert page["claim_sets"] == whole["claim_sets"]
    assert whole["claim_sets"]["count"] == [{"value": 40, "sources": 4},
                                            {"value": 41, "sources": 3}]  # fmt: skip


def test_a_summary_computed_before_a_change_is_not_stored(store: Store, news: News) -> None:
    _release(news, "https://five.example/e", 21)
    resolve(store)
    [row] = store.query("SELECT id FROM incidents")
    version = store.query_one("SELECT version FROM facts_version WHERE id = 1")
    assert version is not None
    made = summaries_module._computed(store, [row["id"]], None)  # read before the change...
    store.execute("UPDATE claims SET value = '22' WHERE property = 'count'")
    summaries_module._store(store, made, version["version"])  # ...stored after it: refused
    assert _stored(store) == set()
    assert summaries(store, [row["id"]])[row["id"]].claim_sets["count"] == [
        {"value": 22, "sources": 1}
    ]


def test_an_unknown_incident_stores_no_summary(store: Store) -> None:
    assert incident_detail(store, "inc-nosuchthing") is None
    assert summaries(store, ["inc-nosuchthing"])["inc-nosuchthing"].claim_count == 0
    assert _stored(store) == set()
