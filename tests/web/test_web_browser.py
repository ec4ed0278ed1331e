"""A real browser (the system Chromium, driven by Playwright) against the app served by
uvicorn: timeline -> incident with its highlighted sentence -> sign in -> accept in review ->
audit log; hostile stored text on the web pages and in the static report; no page breaks its
Content-Security-Policy."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_fixtures import DENIAL, EVENT, INCIDENT, PASSWORD, REVIEWER, SENTENCE, WebData

from quidproquo.app import Quidproquo
from quidproquo.ledger.report import write_report
from quidproquo.resolve.rows import insert_claim
from quidproquo.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Stored text as a hostile feed could supply it; each payload would set window.__pwned.
HOSTILE_TEXT = '<img src=x onerror="window.__pwned=1">'
HOSTILE_URLS = ("javascript:window.__pwned=2", "data:text/html,<script>parent.__pwned=3</script>")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture
def server(web: WebData) -> Iterator[str]:
    """The app on a free 127.0.0.1 port, served by uvicorn in a background thread."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(web.db)), log_level="warning", lifespan="off")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uvicorn_server.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 10 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uvicorn_server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        # Nothing may leave the machine: fail on any request to another host.
        outside: list[str] = []
        context.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        # The pages must work under their Content-Security-Policy: Chromium logs each refusal.
        refused: list[str] = []
        tab.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
        yield tab
        browser.close()
        assert outside == [], f"the page requested outside resources: {outside}"
        assert refused == [], f"the Content-Security-Policy refused: {refused}"


def test_timeline_incident_review_and_log(
    page: Any, server: str, web: WebData, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page.goto(server + "/")
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Timeline of incidents")
    page.screenshot(path=str(tmp_path / "timeline.png"), full_page=False)

    page.locator(f'tr[id="inc-{INCIDENT}"] a[href="/incidents/{INCIDENT}"]').click()
    page.wait_for_url(f"{server}/incidents/{INCIDENT}")
    mark = page.locator("blockquote.excerpt mark").first
    expect(mark).to_have_text(SENTENCE)
    expect(page.locator("#consensus")).to_contain_text("2 sources agree")
    page.screenshot(path=str(tmp_path / "incident.png"), full_page=True)

    page.locator("#claims a", has_text=web.document_id).click()
    page.wait_for_url(f"{server}/documents/{web.document_id}#f-{EVENT}")
    expect(page.locator(f'mark[id="f-{EVENT}"]')).to_have_text(SENTENCE)
    expect(page.locator("#text mark.quote")).to_have_count(1)
    page.screenshot(path=str(tmp_path / "document.png"), full_page=True)

    page.get_by_role("link", name="Review", exact=True).click()
    page.wait_for_url(f"{server}/review")
    item = page.locator(f'[id="item-{EVENT}"]')
    expect(item.locator("form")).to_have_count(0)  # no forms before signing in
    page.locator("#signin-needed a").click()
    page.wait_for_url(f"{server}/signin?next=/review")
    page.locator('input[name="name"]').fill(REVIEWER)
    page.locator('input[name="password"]').fill("not the password")
    page.locator("form.signin button").click()
    expect(page.locator("#signin-error")).to_contain_text("wrong name or password")
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator("form.signin button").click()
    page.wait_for_url(f"{server}/review")
    expect(page.locator("#account")).to_have_text(REVIEWER)
    item.locator("form.act-accept button").click()
    expect(page.locator("#done")).to_contain_text(f"accept event {EVENT}")
    expect(page.locator(f'[id="item-{EVENT}"]')).to_have_count(0)
    page.screenshot(path=str(tmp_path / "review.png"), full_page=False)

    page.get_by_role("link", name="Audit log", exact=True).click()
    page.wait_for_url(f"{server}/review/log")
    row = page.locator("#log tbody tr").first
    expect(row).to_contain_text(EVENT)
    expect(row).to_contain_text(REVIEWER)
    expect(row).to_contain_text("accept")
    expect(page.locator("#chain-ok")).to_be_visible()
    expect(page.locator("#head")).to_contain_text("1:")
    page.screenshot(path=str(tmp_path / "log.png"), full_page=False)

    page.locator("form.signout button").click()
    page.wait_for_url(f"{server}/")
    expect(page.locator("a.signin")).to_be_visible()


def _plant_hostile_text(db: Path) -> None:
    store = Quidproquo(str(db)).store
    with store.transaction() as conn:
        for n, url in enumerate(HOSTILE_URLS):
            insert_claim(store, conn, {
                "id": f"clm-hostile-{n}", "incident_id": INCIDENT, "property": "count",
                "value": 9, "source_url": url, "origin": "extracted",
            })  # fmt: skip
        insert_claim(store, conn, {
            "id": "clm-hostile-text", "incident_id": INCIDENT, "property": "destination",
            "value": HOSTILE_TEXT, "source_url": HOSTILE_URLS[0], "origin": "extracted",
        })  # fmt: skip
    for incident in (INCIDENT, DENIAL):
        store.execute(
            "UPDATE incidents SET destination = :t, notes = :t WHERE id = :id",
            {"t": HOSTILE_TEXT, "id": incident},
        )
    store.engine.dispose()


def _assert_inert(page: Any) -> None:
    """The hostile text shows as text; nothing ran and no link leads to a script or data URL."""
    from playwright.sync_api import expect

    expect(page.locator("body")).to_contain_text(HOSTILE_TEXT)
    expect(page.locator("body")).to_contain_text(HOSTILE_URLS[0])  # shown, not linked
    assert page.locator('a[href^="javascript:" i], a[href^="data:" i]').count() == 0
    assert page.locator('img[src="x"], script:not([src])').count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_hostile_text_is_inert_on_the_web_pages_and_in_the_report(
    page: Any, server: str, web: WebData, tmp_path: Path
) -> None:
    _plant_hostile_text(web.db)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/incidents/{INCIDENT}")
    _assert_inert(page)
    report = write_report(Quidproquo(str(web.db)).store, tmp_path / "report")
    browser = page.context.browser
    offline = browser.new_context()
    tab = offline.new_page()
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(report.as_uri())
    _assert_inert(tab)
    assert "script-src" not in report.read_text() and "default-src 'none'" in report.read_text()
    tab.locator(f'a[href="#inc-{INCIDENT}"]').first.click()  # the chart links still work
    assert tab.evaluate("() => location.hash") == f"#inc-{INCIDENT}"
    offline.close()
    assert dialogs == []
