"""Ingest and CLI behaviour on bad input: per-record errors, missing databases, flags."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quidproquo.app import Quidproquo
from quidproquo.cli import main


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_records_of_the_wrong_shape_are_errors_with_their_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        {"id": "a", "text": "Officials in Minsk opened a new bridge.", "title": "Bridge"},
        {"id": "b", "text": "A second story about farming.", "title": ["not", "a", "string"]},
        {"id": "c", "text": "A third story about trains.", "publisher": 42, "url": {"x": 1}},
        {"id": "d", "text": "A fourth story about a museum.", "published": "2025-06-01"},
    ]
    (folder / "a.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    (folder / "b.txt").write_text("The file after the bad records is read.", encoding="utf-8")
    db = tmp_path / "j.db"
    code, out, err = _run("--db", str(db), "ingest", str(folder))
    assert code == 1
    assert "a.jsonl:2: 'title' is list: must be a string" in err
    assert "a.jsonl:3: 'url' is dict, 'publisher' is int: must be a string" in err
    assert "3 added, 0 unchanged, 2 failed" in out
    titles = {d["title"] for d in Quidproquo(str(db)).documents()}
    assert {"Bridge", None} <= titles and len(titles) == 2


def test_empty_feed_is_an_error(tmp_path: Path) -> None:
    empty, hollow = tmp_path / "empty.rss", tmp_path / "hollow.xml"
    empty.write_text("", encoding="utf-8")
    hollow.write_text('<rss version="2.0"><channel><title>T</title></channel></rss>', "utf-8")
    code, out, err = _run("--db", str(tmp_path / "f.db"), "ingest", str(empty), str(hollow))
    assert code == 1 and "0 added" in out
    assert "empty.rss: " in err and "hollow.xml: no entries in the feed" in err


def test_flags_fill_only_what_a_record_lacks_unless_overridden(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    records = [
        {"id": "1", "text": "The first report on river levels.", "publisher": "River Post"},
        {"id": "2", "text": "The second report on river levels."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = tmp_path / "m.db"
    assert _run("--db", str(db), "ingest", str(path), "--publisher", "Given")[0] == 0
    assert sorted(d["publisher"] for d in Quidproquo(str(db)).documents()) == [
        "Given",
        "River Post",
    ]
    db2 = tmp_path / "m2.db"
    assert _run("--db", str(db2), "ingest", str(path), "--publisher", "Given", "--override")[0] == 0
    assert [d["publisher"] for d in Quidproquo(str(db2)).documents()] == ["Given", "Given"]


def test_noscript_text_is_not_article_text(tmp_path: Path) -> None:
    body = " ".join(["The harbour authority approved a longer quay for ferries."] * 8)
    html = (
        "<html><head><title>Quay</title></head><body><article><h1>Quay</h1>"
        f"<noscript>Please switch on scripts to read this site.</noscript><p>{body}</p>"
        "</article></body></html>"
    )
    path = tmp_path / "q.html"
    path.write_text(html, encoding="utf-8")
    qpq = Quidproquo(str(tmp_path / "h.db"))
    assert qpq.ingest([path]).ok
    text = qpq.document(qpq.documents()[0]["id"]).text  # type: ignore[union-attr]
    assert "harbour authority" in text and "switch on scripts" not in text


def test_read_commands_on_a_missing_database_say_so_and_create_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for args in (["documents"], ["events"], ["ledger"], ["review", "queue"]):
        code, _, err = _run("--db", str(missing), *args)
        assert code == 1 and f"no database at {missing}" in err, (args, err)
    assert not missing.exists()


def test_explicit_db_wins_over_the_environment(tmp_path: Path) -> None:
    chosen, other = tmp_path / "chosen.db", tmp_path / "other.db"
    text = tmp_path / "t.txt"
    text.write_text("A short note on a quiet day.", encoding="utf-8")
    env = {"QPQ_DB": str(other)}
    assert _run("--db", str(chosen), "ingest", str(text), env=env)[0] == 0
    assert chosen.exists() and not other.exists()
    code, out, _ = _run("--db", str(chosen), "documents", "--json", env=env)
    assert code == 0 and len(json.loads(out)) == 1


def test_database_connection_errors_are_one_line(tmp_path: Path) -> None:
    for url in ("postgresql://nobody@127.0.0.1:1/none", "nosuchdb://x/y"):
        code, out, err = _run("--db", url, "documents")
        assert code == 1, (url, out, err)
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: database: "), (url, err)


def test_date_options_are_dates(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert _run("--db", str(db), "resolve")[0] == 0
    code, out, _ = _run("--db", str(db), "events", "--since", "2025-6-1", "--json")
    same = _run("--db", str(db), "events", "--since", "2025-06-01", "--json")[1]
    assert code == 0 and json.loads(out) and out == same
    code, _, err = _run("--db", str(db), "events", "--since", "June")
    assert code == 2 and "'June' is not a date" in err
    assert _run("--db", str(db), "events", "--until", "2025-02-30")[0] == 2


def test_importing_the_cli_loads_neither_spacy_nor_sqlalchemy() -> None:
    probe = (
        "import sys, quidproquo.cli;"
        "print(sorted(m for m in ('spacy', 'sqlalchemy', 'trafilatura') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_command_list_read_from_source_matches_the_commands() -> None:
    from quidproquo.cli import COMMAND_MODULES, LazyGroup
    from quidproquo.cli.commands import command_table

    table = command_table(tuple(COMMAND_MODULES))
    assert isinstance(main, LazyGroup)
    for name in table:
        assert main.get_command(None, name) is not None, name  # type: ignore[arg-type]
    assert set(main.commands) == set(table)


def test_resolve_reports_progress_through_its_callback(tmp_path: Path) -> None:
    from quidproquo.resolve.incidents import resolve

    qpq = Quidproquo(str(tmp_path / "p.db"))
    qpq.load_curated()
    seen: list[tuple[str, int]] = []

    def record(items: list[object], label: str) -> list[object]:
        seen.append((label, len(items)))
        return items

    resolve(qpq.store, record)
    assert [label for label, _ in seen] == ["merge", "claims"] and seen[1][1] > 0
