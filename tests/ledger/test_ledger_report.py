"""The HTML report: self-contained, and carrying the ledger rows with their sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quidproquo.ledger.links import build_ledger
from quidproquo.ledger.report import domain, write_report
from quidproquo.store import Store


@pytest.fixture(scope="module")
def report_html(curated_store: Store, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write_report(curated_store, tmp_path_factory.mktemp("report"))
    assert path.name == "index.html"
    return path.read_text(encoding="utf-8")


def test_no_external_resources(report_html: str) -> None:
    # scripts, styles, images, frames, objects: nothing may be fetched from the network.
    tags = re.findall(
        r"<(script|link|img|iframe|object|embed|source|image|use)\b[^>]*>", report_html, flags=re.I
    )
    fetched = re.findall(
        r"<(?:script|link|img|iframe|object|embed|source|image|use)\b[^>]*\b(?:src|href)\s*=\s*"
        r"[\"']?(?:https?:)?//",
        report_html,
        flags=re.I,
    )
    assert fetched == [], tags
    assert "@import" not in report_html
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", report_html)
    # Links to sources are plain <a> elements.
    assert '<a class="src" href="https://' in report_html


def test_report_has_every_ledger_row_with_its_sources(
    report_html: str, curated_store: Store
) -> None:
    ledger = build_ledger(curated_store)
    assert len(ledger.rows) >= 20
    for row in ledger.rows:
        assert f'id="inc-{row.release.id}"' in report_html
        for url in row.release.sources:
            assert f'href="{url.replace("&", "&amp;")}"' in report_html
    row = re.search(r'<tr id="inc-2025-12-13-release-123">(.*?)</tr>', report_html, re.S)
    assert row is not None
    assert "General License 13" in row.group(1)
    assert 'href="#inc-2025-12-12-13-visit-coale-minsk"' in row.group(1)


def test_report_shows_charts_statistics_and_what_is_left(report_html: str) -> None:
    assert report_html.count("<svg") == 3
    assert 'id="chance-headline"' in report_html and "window-free test" in report_html
    assert "Null model:" in report_html and "Coincidence is not cause" in report_html
    assert "Visits and relief steps met by a release" in report_html
    assert report_html.count("<tr><td>±") == 5 and "same day</td>" in report_html
    assert '<table class="params" id="chance-periods">' in report_html
    assert "under sanctions, eased by General License 13 (2025-12-15)" in report_html
    assert "removed from the SDN list on 2025-11-04" in report_html
    assert "more than 1,100" in report_html


def test_window_and_filter_reach_the_report(curated_store: Store, tmp_path: Path) -> None:
    path = write_report(curated_store, tmp_path, 3, True, period="all", earliest_year=2025)
    html = path.read_text()
    assert "window ±3 days" in html and "rule <b>all</b>" in html
    assert 'id="chance-excluded"' in html and "before 2025" in html
    assert "accepted (reviewed) facts only" in html


def test_output_path_that_is_a_file_is_an_error(curated_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    with pytest.raises(NotADirectoryError, match="taken"):
        write_report(curated_store, target)


def test_domain_is_link_text() -> None:
    assert domain("https://www.example.org/a?b=1") == "example.org"
