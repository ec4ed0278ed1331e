"""Every read-only page, as HTML and as JSON, with its errors."""

from __future__ import annotations

from html import escape

import markupsafe
from web_fixtures import (
    DENIAL,
    EVENT,
    INCIDENT,
    OTHER_URL,
    QUOTE,
    QUOTE_ID,
    SENTENCE,
    TestClient,
    WebData,
)

from quidproquo.app import Quidproquo
from quidproquo.ledger import chance_tests
from quidproquo.resolve.rows import insert_claim


def test_timeline_lists_incidents_with_chart(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "<svg" in page.text and 'aria-label="Timeline of releases' in page.text
    assert f'<tr id="inc-{INCIDENT}">' in page.text
    assert f'href="/incidents/{INCIDENT}"' in page.text
    assert 'href="#inc-2025-12-13-release-123"' in page.text  # chart bar -> table row
    assert 'href="/.json"' in page.text
    assert "count: 9 (2 sources) | 8 (1 source)" in page.text  # every value, with its support


def test_timeline_filters(client: TestClient) -> None:
    data = client.get("/.json", params={"type": "denial"}).json()
    assert {i["type"] for i in data["incidents"]} == {"denial"}
    assert DENIAL in {i["id"] for i in data["incidents"]}
    contested = client.get("/.json", params={"contested": "1"}).json()["incidents"]
    assert INCIDENT in {i["id"] for i in contested} and all(i["contested"] for i in contested)
    window = client.get("/.json", params={"since": "2026-03-01", "until": "2026-03-03"}).json()
    assert INCIDENT in {i["id"] for i in window["incidents"]}
    assert all(i["date_min"] <= "2026-03-03" for i in window["incidents"])
    assert window["filters"] == {
        "type": None, "since": "2026-03-01", "until": "2026-03-03", "contested": False,
    }  # fmt: skip
    html = client.get("/", params={"type": "denial"}).text
    assert f'<tr id="inc-{DENIAL}">' in html and f'<tr id="inc-{INCIDENT}">' not in html
    assert 'href="#inc-2025-12-13-release-123"' not in html  # the chart follows the filters


def test_timeline_bad_filters(client: TestClient) -> None:
    bad = client.get("/.json", params={"since": "last week"})
    assert bad.status_code == 400 and "since must be a date" in bad.json()["error"]
    bad = client.get("/.json", params={"type": "party"})
    assert bad.status_code == 400 and "type must be one of" in bad.json()["error"]
    html = client.get("/", params={"contested": "maybe"})
    assert html.status_code == 400 and "contested must be 1 or 0" in html.text


def test_ledger_shows_table_and_chance_sentences(client: TestClient, web: WebData) -> None:
    ledger = Quidproquo(str(web.db)).ledger(7, accepted_only=True)
    tests = chance_tests(ledger)
    assert tests is not None
    page = client.get("/ledger", params={"window": "7", "accepted_only": "1", "limit": "500"})
    assert page.status_code == 200
    assert escape(tests.releases.sentence) in page.text
    for text in (tests.headline, tests.caveat, *(m.sentence for m in tests.markers)):
        assert str(markupsafe.escape(text)) in page.text
    assert '<table id="ledger">' in page.text and "2025-12-13-release-123" in page.text
    data = client.get("/ledger.json", params={"window": "7", "accepted_only": "1"}).json()
    assert data["window_days"] == 7 and data["accepted_only"] is True
    assert data["tests"]["releases"]["sentence"] == tests.releases.sentence
    releases = {r["release"]["id"] for r in data["rows"]}
    assert INCIDENT not in releases  # a candidate, left out with accepted_only
    everything = client.get("/ledger.json", params={"limit": "500"}).json()
    assert INCIDENT in {r["release"]["id"] for r in everything["rows"]}


def test_ledger_bad_window(client: TestClient) -> None:
    assert client.get("/ledger.json", params={"window": "soon"}).status_code == 400
    bad = client.get("/ledger.json", params={"window": "-3"})
    assert bad.status_code == 400 and "between 0 and 366" in bad.json()["error"]


def test_incident_shows_claims_evidence_and_links(client: TestClient, web: WebData) -> None:
    page = client.get(f"/incidents/{INCIDENT}")
    assert page.status_code == 200
    assert f"<mark>{SENTENCE}</mark>" in page.text  # the sentence inside its document text
    assert "Officials in Minsk kept silent" in page.text  # ... with the text around it
    assert "2 sources agree" in page.text  # consensus 9 beside its agreement count
    assert "contested" in page.text
    assert f'href="{OTHER_URL}"' in page.text
    assert f'href="/documents/{web.document_id}#f-{EVENT}"' in page.text
    assert f'href="/incidents/{DENIAL}"' in page.text and "denied by" in page.text
    data = client.get(f"/incidents/{INCIDENT}.json").json()
    assert data["contested"] is True
    assert data["claim_sets"]["count"] == [{"value": 9, "sources": 2}, {"value": 8, "sources": 1}]
    assert {c["source_url"] for c in data["claims"]} >= {OTHER_URL}
    assert {"kind": "denied_by", "id": DENIAL, "source": OTHER_URL} in data["links"]


def test_incident_not_found(client: TestClient) -> None:
    missing = client.get("/incidents/no-such-thing.json")
    assert missing.status_code == 404
    assert missing.json() == {"error": "no incident 'no-such-thing'"}
    page = client.get("/incidents/no-such-thing")
    assert page.status_code == 404 and "no incident" in page.text


def test_document_highlights_events_and_quotes(client: TestClient, web: WebData) -> None:
    page = client.get(f"/documents/{web.document_id}")
    assert page.status_code == 200
    assert f'<mark class="event" title="{EVENT}" id="f-{EVENT}">{SENTENCE}</mark>' in page.text
    assert f'id="f-{QUOTE_ID}">{QUOTE}</mark>' in page.text
    data = client.get(f"/documents/{web.document_id}.json").json()
    assert [e["id"] for e in data["events"]] == [EVENT]
    assert [q["id"] for q in data["quotes"]] == [QUOTE_ID]
    assert data["incidents"] == [INCIDENT]
    assert client.get("/documents/0000.json").status_code == 404


def test_entity_by_id_and_by_alias(client: TestClient, web: WebData) -> None:
    page = client.get("/entities/alexander-lukashenko")
    assert page.status_code == 200 and "Alexander Lukashenko" in page.text
    assert "No event names this entity yet." in page.text  # mentions come from resolve
    Quidproquo(str(web.db)).resolve()
    page = client.get("/entities/alexander-lukashenko")
    assert 'href="/incidents/2025-12-13-release-123"' in page.text
    data = client.get("/entities/alexander-lukashenko.json").json()
    assert data["id"] == "alexander-lukashenko" and data["aliases"]
    alias = data["aliases"][0]
    assert client.get(f"/entities/{alias}.json").json()["id"] == "alexander-lukashenko"
    missing = client.get("/entities/Nobody%20Atall.json")
    assert missing.status_code == 404 and "no entity" in missing.json()["error"]


def test_static_assets_and_unknown_paths(client: TestClient) -> None:
    assert "mark" in client.get("/static/style.css").text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/nowhere").status_code == 404
    assert client.get("/nowhere.json").json() == {"error": "Not Found"}


def test_stored_text_cannot_inject_markup_or_script_links(client: TestClient, web: WebData) -> None:
    store = Quidproquo(str(web.db)).store
    with store.transaction() as conn:
        insert_claim(store, conn, {
            "id": "clm-web-evil", "incident_id": INCIDENT, "property": "destination",
            "value": "<script>alert(1)</script>", "source_url": "javascript:alert(1)",
            "origin": "extracted",
        })  # fmt: skip
    page = client.get(f"/incidents/{INCIDENT}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_search_page_json_and_documents_list(client: TestClient, web: WebData) -> None:
    page = client.get("/search?q=Kolesnikova")
    assert page.status_code == 200 and "Maria Kalesnikava" in page.text
    data = client.get("/search.json?q=crossed+Lithuania").json()
    (hit,) = [h for h in data["hits"] if h["kind"] == "document"]
    assert hit["snippet"] == "The group crossed into Lithuania in the afternoon."
    shown = client.get(hit["link"].split("#")[0])
    assert '<mark class="match' in shown.text
    assert client.get("/search?kind=nonsense&q=x").status_code == 400
    assert 'action="/search"' in client.get("/").text  # the search box is on every page
    listing = client.get("/documents.json?status=ingested").json()
    assert [d["id"] for d in listing["documents"]] == [web.document_id]
    assert client.get("/documents?since=yesterday").status_code == 400


def test_people_page_json_and_csv(client: TestClient) -> None:
    page = client.get("/people?status=re-imprisoned")
    assert page.status_code == 200 and "Mikola Statkevich" in page.text
    assert 'id="stock"' in page.text
    data = client.get("/people.json?as_of=2025-09-12&status=freed+and+expelled").json()
    assert "Mikola Statkevich" in [p["name"] for p in data["people"]]
    csv_text = client.get("/people.csv").text
    assert csv_text.startswith("key,name,status") and "Mikola Statkevich" in csv_text
    assert client.get("/people?status=lost").status_code == 400


def test_ledger_page_takes_the_chance_test_period(client: TestClient) -> None:
    default = client.get("/ledger.json").json()
    assert default["period"] == "contact"
    wider = client.get("/ledger.json?period=first-release").json()
    assert wider["period"] == "first-release" and wider["tests"] != default["tests"]
    assert client.get("/ledger?period=someday").status_code == 400
    assert 'name="period"' in client.get("/ledger").text
