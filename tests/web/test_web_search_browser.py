"""The search box of every page, in a real browser: a folded name, then a sentence found
and shown highlighted in its document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_web_browser import page, pytestmark, server  # noqa: F401 - shared fixtures
from web_fixtures import WebData


def test_search_box_finds_names_across_spellings_and_sentences(
    page: Any,  # noqa: F811
    server: str,  # noqa: F811
    web: WebData,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    page.goto(server + "/ledger")
    box = page.locator("header form.search input[name=q]")
    box.fill("Kolesnikova")
    box.press("Enter")
    page.wait_for_url(f"{server}/search?q=Kolesnikova")
    entity = page.locator("#hits li.entity a").first
    expect(entity).to_have_text("Maria Kalesnikava")
    page.screenshot(path=str(tmp_path / "search.png"), full_page=False)
    entity.click()
    page.wait_for_url(f"{server}/entities/**")

    page.locator("header form.search input[name=q]").fill("crossed Lithuania afternoon")
    page.locator("header form.search input[name=q]").press("Enter")
    hit = page.locator("#hits li.document a").first
    expect(page.locator("#hits li.document .snippet").first).to_have_text(
        "The group crossed into Lithuania in the afternoon."
    )
    hit.click()
    page.wait_for_url(f"{server}/documents/{web.document_id}?**")
    expect(page.locator("mark.match")).to_have_text(
        "The group crossed into Lithuania in the afternoon."
    )
