"""A real browser (the system Chromium, driven by Playwright) against the app served by
uvicorn: timeline -> incident with its highlighted sentence -> accept in review -> audit log."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_fixtures import EVENT, INCIDENT, SENTENCE, WebData

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
REVIEWER = "Browser Reviewer"

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
        yield tab
        browser.close()
        assert outside == [], f"the page requested outside resources: {outside}"


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
    item.locator("form.act-accept button").click()  # no name yet: nothing is sent
    expect(page.locator("#reviewer-name")).to_have_class(re.compile("missing"))
    expect(page).to_have_url(f"{server}/review")
    page.locator("#reviewer-name").fill(REVIEWER)  # copied into every form by app.js
    expect(item.locator("form.act-accept input.reviewer-field")).to_have_value(REVIEWER)
    item.locator("form.act-accept button").click()
    expect(page.locator("#done")).to_contain_text(f"accept event {EVENT}")
    expect(page.locator(f'[id="item-{EVENT}"]')).to_have_count(0)
    expect(page.locator("#reviewer-name")).to_have_value(REVIEWER)  # remembered in a cookie
    page.screenshot(path=str(tmp_path / "review.png"), full_page=False)

    page.get_by_role("link", name="Audit log", exact=True).click()
    page.wait_for_url(f"{server}/review/log")
    row = page.locator("#log tbody tr").first
    expect(row).to_contain_text(EVENT)
    expect(row).to_contain_text(REVIEWER)
    expect(row).to_contain_text("accept")
    expect(page.locator("#chain-ok")).to_be_visible()
    page.screenshot(path=str(tmp_path / "log.png"), full_page=False)
