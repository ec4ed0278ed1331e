"""Builders for the web tests: the curated facts, one ingested article with one extracted
event and quote, and a machine-made incident whose claims cite that article."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from quidproquo.app import Quidproquo
from quidproquo.auth import accounts
from quidproquo.resolve.rows import add_link, insert_claim, insert_incident
from quidproquo.store import now_iso

with warnings.catch_warnings():  # starlette 1.x prefers the httpx2 fork; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

__all__ = ["TestClient", "WebData", "build_web_db", "csrf_of", "sign_in"]

# An original test text (not taken from any publication).
ARTICLE = (
    "MINSK, March 3 (Test Wire) - Officials in Minsk kept silent through the morning.\n\n"
    "Belarus released 9 political prisoners on Tuesday, according to a statement from the "
    "presidential press service. The group crossed into Lithuania in the afternoon.\n\n"
    '"We welcome every step toward freedom," said Anna Kovalenko, a spokeswoman for the '
    "opposition."
)
SENTENCE = (
    "Belarus released 9 political prisoners on Tuesday, according to a statement from the "
    "presidential press service."
)
QUOTE = "We welcome every step toward freedom,"
INCIDENT = "inc-webtest0001"
DENIAL = "inc-webdeny0001"
EVENT = "ev-webtest-0001"
QUOTE_ID = "qt-webtest-0001"
OTHER_URL = "https://news.example.org/belarus-frees-eight"
REVIEWER, ADMIN = "olga", "ihar"
PASSWORD = "minsk-march-2026"
BASE_URL = "http://localhost"  # an allowed host by default


@dataclass
class WebData:
    db: Path
    document_id: str
    token: str = ""  # an API token of REVIEWER


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def sign_in(client: TestClient, name: str = REVIEWER, password: str = PASSWORD) -> str:
    """Sign in through the form, as a browser does; returns the session's CSRF token."""
    form = {"name": name, "password": password, "csrf_token": csrf_of(client.get("/signin").text)}
    response = client.post("/signin", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/review").text)


def build_web_db(db: Path, tmp: Path) -> WebData:
    qpq = Quidproquo(str(db))
    qpq.load_curated()
    article = tmp / "belarus-release.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    report = qpq.ingest([article])
    assert report.ok and len(report.added) == 1, report.to_dict()
    doc_id = report.added[0].id
    start = ARTICLE.index(SENTENCE)
    q_start = ARTICLE.index(QUOTE)
    store, now = qpq.store, now_iso()
    store.execute(
        "INSERT INTO events (id, document_id, type, date_min, date_max, count, persons,"
        " destination, evidence, sentence_start, sentence_end, created_at) VALUES (:id, :doc,"
        " 'release', '2026-03-03', '2026-03-03', 9, '[]', 'Lithuania', :ev, :s, :e, :now)",
        {"id": EVENT, "doc": doc_id, "ev": SENTENCE, "s": start, "e": start + len(SENTENCE),
         "now": now},
    )  # fmt: skip
    store.execute(
        "INSERT INTO quotes (id, document_id, speaker, text, quote_start, quote_end,"
        " sentence_start, sentence_end, created_at) VALUES (:id, :doc, 'Anna Kovalenko', :text,"
        " :s, :e, :s, :e, :now)",
        {"id": QUOTE_ID, "doc": doc_id, "text": QUOTE, "s": q_start, "e": q_start + len(QUOTE),
         "now": now},
    )  # fmt: skip
    with store.transaction() as conn:
        insert_incident(store, conn, {
            "id": INCIDENT, "type": "release", "date_min": "2026-03-03", "date_max": "2026-03-03",
            "count": 9, "destination": "Lithuania", "contested": 1, "origin": "extracted",
        })  # fmt: skip
        insert_incident(store, conn, {
            "id": DENIAL, "type": "denial", "date_min": "2026-03-04", "date_max": "2026-03-04",
            "actor": "Government of Belarus", "origin": "extracted",
        })  # fmt: skip
        base = {"incident_id": INCIDENT, "status": "candidate", "origin": "extracted"}
        insert_claim(store, conn, base | {
            "id": "clm-web-doc", "property": "count", "value": 9, "document_id": doc_id,
            "event_id": EVENT, "evidence": SENTENCE, "sentence_start": start,
            "sentence_end": start + len(SENTENCE),
        })  # fmt: skip
        insert_claim(store, conn, base | {
            "id": "clm-web-url9", "property": "count", "value": 9,
            "source_url": "https://wire.example.com/minsk-nine",
        })  # fmt: skip
        insert_claim(store, conn, base | {
            "id": "clm-web-url8", "property": "count", "value": 8, "source_url": OTHER_URL,
        })  # fmt: skip
        add_link(store, conn, DENIAL, INCIDENT, "denies", OTHER_URL)
    accounts.add_user(store, REVIEWER, "reviewer", PASSWORD)
    accounts.add_user(store, ADMIN, "admin", PASSWORD)
    _, token = accounts.create_token(store, REVIEWER, "tests")
    qpq.store.engine.dispose()  # closes the file (checkpoints the WAL) so it can be copied
    return WebData(db, doc_id, token)
