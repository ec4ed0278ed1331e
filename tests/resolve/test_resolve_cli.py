"""The resolve/review commands end to end on an SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from resolve_builders import News

from quidproquo.cli import main
from quidproquo.store import Store


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], env={"QPQ_REVIEWER": "tester"})
    return result.exit_code, result.output


def test_resolve_events_incident_and_review(tmp_path: Path) -> None:
    db = tmp_path / "qpq.db"
    news = News(Store(str(db)))
    doc = news.document("https://a.example/1", "2025-12-14", "Minsk freed 122 people.")
    news.event(doc, "release", "Minsk freed 122 people.", date_min="2025-12-13", count=122)

    code, out = _run(db, "resolve")
    assert code == 0 and "1 attached" in out
    code, out = _run(
        db, "events", "--type", "release", "--since", "2025-12-13", "--until", "2025-12-13"
    )
    assert code == 0
    assert "2025-12-13 release  count: 123 (11 sources) | 122 (1 source)" in out
    assert "CONTESTED" in out
    code, out = _run(db, "events", "--contested", "--json")
    assert "2025-12-13-release-123" in {i["id"] for i in json.loads(out)}
    code, out = _run(db, "events", "--raw", "--json")
    assert [e["count"] for e in json.loads(out)] == [122]

    code, out = _run(db, "incident", "2025-12-13-release-123")
    assert code == 0 and "https://a.example/1" in out and "Minsk freed 122 people." in out
    code, out = _run(db, "incident", "2025-12-13-release-123", "--limit", "2", "--offset", "1")
    assert code == 0 and "claims 2-3 of " in out
    listed = json.loads(_run(db, "incident", "2025-12-13-release-123", "--json")[1])["claims"]
    paged = json.loads(_run(db, "incident", "2025-12-13-release-123", "--json", "--limit", "2",
                            "--offset", "1")[1])["claims"]  # fmt: skip
    assert [c["id"] for c in paged] == [c["id"] for c in listed[1:3]]
    code, out = _run(db, "incident", "no-such-incident")
    assert code == 1

    code, out = _run(db, "entity", "Kolesnikova", "--json")
    assert code == 0 and json.loads(out)["id"] == "maria-kalesnikava"

    claim = Store(str(db)).query("SELECT id FROM claims WHERE source_url = 'https://a.example/1'")
    code, out = _run(db, "review", "queue", "--json")
    assert {q["id"] for q in json.loads(out)} >= {c["id"] for c in claim}
    code, out = _run(
        db, "review", "correct", claim[0]["id"], "--object", "claim", "--set", "note=typo"
    )
    assert code == 0 and "corrected by tester" in out
    code, out = _run(db, "review", "correct", "2025-12-13-release-123", "--set", "colour=red")
    assert code == 1
    code, out = _run(db, "review", "log", "--json")
    assert [e["reviewer"] for e in json.loads(out)] == ["tester"]
    seq = json.loads(out)[0]["seq"]
    assert json.loads(_run(db, "review", "log", "--json", "--before", str(seq))[1]) == []
    code, out = _run(db, "review", "verify")
    assert code == 0 and "intact" in out
