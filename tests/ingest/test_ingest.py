"""Every ingest format, with small files written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidproquo.app import Quidproquo
from quidproquo.cli import main
from quidproquo.ingest import SourceMeta

ARTICLE = (
    "Minsk frees eleven detainees\n\n"
    "The authorities in Minsk freed eleven detainees on Friday, a rights group said.\n"
    "Most of them crossed into Lithuania by bus.\n"
)

HTML = """<!doctype html><html><head><title>Eleven freed | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2025-09-12T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Eleven freed in Minsk</h1>
<p>The authorities in Minsk freed eleven detainees on Friday, according to a rights group that
tracks political cases in the country.</p>
<p>Most of them crossed into Lithuania by bus later the same day, the group said in a statement
posted on its website.</p></article>
<footer>Subscribe to our newsletter. Cookie settings. All rights reserved.</footer></body></html>
"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<link>https://wire.example/</link><description>News</description>
<item><title>First report</title><link>https://wire.example/1</link>
<pubDate>Sat, 13 Dec 2025 10:00:00 GMT</pubDate>
<description>Belarus released 123 prisoners on Saturday.</description></item>
<item><title>Second report</title>
<link>https://wire.example/2</link>
<pubDate>Mon, 15 Dec 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;The Treasury issued a general license for potash.&lt;/p&gt;
</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Example Monitor</title><id>urn:example:monitor</id><updated>2025-06-22T00:00:00Z</updated>
<entry><title>Fourteen freed</title><id>urn:example:1</id><link href="https://monitor.example/14"/>
<updated>2025-06-21T18:00:00Z</updated>
<summary>Fourteen prisoners were freed after a visit.</summary>
</entry></feed>"""


def jsonl_line(**fields: object) -> str:
    return json.dumps(fields) + "\n"


@pytest.fixture
def qpq(tmp_path: Path) -> Quidproquo:
    return Quidproquo(str(tmp_path / "q.db"))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_text_keeps_metadata_and_title(qpq: Quidproquo, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    meta = SourceMeta(publisher="Example Daily", published="2025-09-12", url="https://x.example/a")
    report = qpq.ingest([path], meta)
    assert report.ok and len(report.added) == 1
    stored = qpq.document(report.added[0].id)
    assert stored is not None
    assert stored.title == "Minsk frees eleven detainees"
    assert (stored.publisher, stored.published, stored.url) == (
        "Example Daily",
        "2025-09-12",
        "https://x.example/a",
    )
    assert len(stored.content_hash) == 64 and stored.id == stored.content_hash[:16]
    assert stored.retrieved


def test_html_body_without_boilerplate(qpq: Quidproquo, tmp_path: Path) -> None:
    report = qpq.ingest([write(tmp_path / "a.html", HTML)])
    assert report.ok, report.errors
    doc = qpq.document(report.added[0].id)
    assert doc is not None
    assert "freed eleven detainees" in doc.text
    assert "Cookie settings" not in doc.text and "Sport" not in doc.text
    assert doc.published is not None and doc.published.startswith("2025-09-12")
    assert doc.publisher == "Example Daily"


def test_rss_and_atom_entries_become_documents(qpq: Quidproquo, tmp_path: Path) -> None:
    report = qpq.ingest([write(tmp_path / "f.rss", RSS), write(tmp_path / "g.atom", ATOM)])
    assert report.ok, report.errors
    docs = {d.url: d for d in report.added}
    assert set(docs) == {
        "https://wire.example/1",
        "https://wire.example/2",
        "https://monitor.example/14",
    }
    first = docs["https://wire.example/1"]
    assert first.publisher == "Example Wire" and first.title == "First report"
    assert first.published is not None and first.published.startswith("2025-12-13T10:00")
    assert "<p>" not in docs["https://wire.example/2"].text
    assert docs["https://monitor.example/14"].publisher == "Example Monitor"


def test_jsonl_in_format_shape(qpq: Quidproquo, tmp_path: Path) -> None:
    path = write(
        tmp_path / "set.jsonl",
        jsonl_line(
            id="a",
            text="Belarus freed 52 prisoners.",
            published="2025-09-11",
            url=None,
            publisher="Example Wire",
        )
        + jsonl_line(id="b", text="No event here.", published=None, url=None, publisher=None),
    )
    report = qpq.ingest([path])
    assert report.ok
    assert sorted(d.published or "" for d in report.added) == ["", "2025-09-11"]


def test_reingesting_same_content_is_a_no_op(qpq: Quidproquo, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    first = qpq.ingest([path])
    copy = write(tmp_path / "copy.txt", ARTICLE.replace("\n", "\r\n"))  # same text, other newlines
    second = qpq.ingest([path, copy])
    assert len(first.added) == 1
    assert second.added == [] and len(second.unchanged) == 2
    assert len(qpq.documents()) == 1


def test_bad_files_are_named_and_good_ones_still_go_in(qpq: Quidproquo, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "good.txt", ARTICLE)
    (folder / "utf16.txt").write_bytes("Łukaszenka".encode("utf-16"))
    write(
        folder / "mixed.jsonl",
        jsonl_line(text="Ten were freed.")
        + "{not json\n"
        + jsonl_line(text="x", published="13/12/2025"),
    )
    write(folder / "empty.html", "<html><body></body></html>")
    report = qpq.ingest([folder])
    reasons = {(Path(e.path).name, e.line): e.reason for e in report.errors}
    assert ("utf16.txt", None) in reasons and "UTF-8" in reasons[("utf16.txt", None)]
    assert "invalid JSON" in reasons[("mixed.jsonl", 2)]
    assert "ISO date" in reasons[("mixed.jsonl", 3)]
    assert ("empty.html", None) in reasons
    assert sorted(d.text for d in report.added) == [
        ARTICLE.strip(),
        "Ten were freed.",
    ]
    assert len(qpq.documents()) == 2


def test_cli_exit_code_and_json(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", ARTICLE)
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    ok = runner.invoke(main, ["--db", db, "ingest", str(good), "--json"])
    assert ok.exit_code == 0, ok.output
    assert len(json.loads(ok.output)["added"]) == 1
    bad = runner.invoke(main, ["ingest", str(good), str(tmp_path / "missing.txt"), "--db", db])
    assert bad.exit_code == 1
    assert "missing.txt: no such file" in bad.output
    listed = runner.invoke(main, ["documents", "--db", db, "--json"])
    assert [d["title"] for d in json.loads(listed.output)] == ["Minsk frees eleven detainees"]


def test_many_files_show_a_progress_bar(tmp_path: Path) -> None:
    for i in range(8):
        write(tmp_path / f"n{i}.txt", f"Report number {i}: {i} people were freed.")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "p.db"), "ingest", str(tmp_path)])
    assert result.exit_code == 0
    assert "ingest: 100%" in result.output and "8 added" in result.output


def test_demo_stores_the_seed(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "Polish Radio English Section" in result.output
    assert (tmp_path / "demo" / "demo.db").exists()
