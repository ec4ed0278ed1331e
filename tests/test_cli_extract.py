"""`qpq extract` on JSON Lines, text files and bad input."""

import json
from pathlib import Path

from click.testing import CliRunner

from quidproquo.cli import main


def test_jsonl_in_predictions_out(tmp_path: Path) -> None:
    source = tmp_path / "docs.jsonl"
    docs = [
        {"id": "a", "published": "2025-04-04", "text": "Belarus freed 12 prisoners on Friday."},
        {"id": "b", "published": None, "text": "The weather was mild."},
    ]
    source.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(
        main, ["extract", str(source), "--format", "jsonl", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert lines[0]["events"][0]["count"] == 12
    assert lines[0]["events"][0]["date_min"] == "2025-04-04"
    assert lines[1]["events"] == []


def test_text_file_with_published_option(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text("Lukashenko pardoned five people on Monday.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(source), "--published", "2025-06-04"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.output)
    assert line["id"] == "story"
    assert line["events"][0]["date_min"] == "2025-06-02"


def test_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "broken.jsonl"
    source.write_text('{"id": "x", "text": "ok"}\n{not json\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(source)])
    assert result.exit_code != 0
    assert "broken.jsonl:2" in result.output


def test_unsupported_suffix_is_rejected(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    source.write_text("a,b\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(source)])
    assert result.exit_code == 1
    assert "data.csv: not a .jsonl, .txt or .html file" in result.output


def test_stored_documents_are_extracted_into_the_database(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    story = tmp_path / "story.txt"
    story.write_text("Lukashenko pardoned five people on Monday.", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(story), "--published", "2025-06-04", "--db", db])
    result = runner.invoke(main, ["extract", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["events"] == 1
    raw = runner.invoke(main, ["events", "--raw", "--json", "--db", db])
    events = json.loads(raw.output)
    assert [(e["type"], e["count"], e["status"]) for e in events] == [("release", 5, "candidate")]


def test_all_documents_flag_parses_texts_off_the_subject(tmp_path: Path) -> None:
    source = tmp_path / "crime.txt"
    source.write_text(
        'Police arrested a van driver on Sunday. "We had watched him for weeks," an officer said.',
        encoding="utf-8",
    )
    gated = CliRunner().invoke(main, ["extract", str(source), "--published", "2025-06-04"])
    assert gated.exit_code == 0, gated.output
    assert json.loads(gated.output)["events"] == json.loads(gated.output)["quotes"] == []
    args = ["extract", str(source), "--published", "2025-06-04", "--all-documents"]
    every = CliRunner().invoke(main, args)
    assert every.exit_code == 0, every.output
    line = json.loads(every.output)
    assert [e["type"] for e in line["events"]] == ["detention"]
    assert len(line["quotes"]) == 1
