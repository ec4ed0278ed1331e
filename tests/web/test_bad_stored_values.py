"""No stored value can make a page, a command or an export fail.

Each kind of bad value is written straight into the database with SQL (as an old version or a
hand edit could leave it), then every page (HTML and JSON) and every read command and export
is run: none may answer 500 or end in a traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_fixtures import DENIAL, EVENT, INCIDENT, QUOTE_ID, TestClient, WebData

from quidproquo.cli import main
from quidproquo.store import Store
from quidproquo.web import create_app

BAD = {
    "date not ISO": [
        f"UPDATE incidents SET date_min = '13/12/2025', date_max = '13/12/2025'"
        f" WHERE id = '{INCIDENT}'",
        f"UPDATE events SET date_min = '31/02/2026', date_max = 'soon' WHERE id = '{EVENT}'",
        "UPDATE claims SET value = '{\"min\": \"13/12/2025\", \"max\": 5}'"
        " WHERE id = 'clm-web-url8'",
        "UPDATE held_counts SET as_of_min = 'yesterday', as_of_max = '2026-13-45'"
        " WHERE id = (SELECT MIN(id) FROM held_counts)",
    ],
    "date out of range": [
        f"UPDATE incidents SET date_min = '0001-01-01', date_max = '0001-01-01'"
        f" WHERE id = '{INCIDENT}'",
        f"UPDATE incidents SET date_min = '9999-12-31', date_max = '9999-12-31'"
        f" WHERE id = '{DENIAL}'",
    ],
    "count negative or giant": [
        f"UPDATE incidents SET count = -123 WHERE id = '{INCIDENT}'",
        f"UPDATE events SET count = '100000000000000000000000000' WHERE id = '{EVENT}'",
        "UPDATE claims SET value = '100000000000000000000000000' WHERE id = 'clm-web-url8'",
        "UPDATE claims SET value = '-5' WHERE id = 'clm-web-url9'",
        "UPDATE held_counts SET count = -7 WHERE id = (SELECT MIN(id) FROM held_counts)",
    ],
    "count not a number": [
        f"UPDATE incidents SET count = 'many' WHERE id = '{INCIDENT}'",
        "UPDATE claims SET value = '\"many\"' WHERE id = 'clm-web-url8'",
        "UPDATE held_counts SET count = 'lots' WHERE id = (SELECT MIN(id) FROM held_counts)",
    ],
    "JSON malformed": [
        f"UPDATE incidents SET persons = 'Ales, Maria' WHERE id = '{INCIDENT}'",
        f"UPDATE events SET persons = '{{\"a\": 1}}' WHERE id = '{EVENT}'",
        "UPDATE claims SET value = 'not json' WHERE id = 'clm-web-url9'",
        "UPDATE entities SET attributes = '[1' WHERE id = (SELECT MIN(id) FROM entities)",
        "UPDATE held_counts SET sources = 'x' WHERE id = (SELECT MIN(id) FROM held_counts)",
    ],
    "JSON of the wrong shape": [
        f"UPDATE incidents SET persons = '[1, null, {{}}]' WHERE id = '{INCIDENT}'",
        "UPDATE claims SET value = '[\"a\", 2]' WHERE id = 'clm-web-url9'",
        "UPDATE entities SET attributes = '[1, 2]' WHERE id = (SELECT MIN(id) FROM entities)",
    ],
    "vocabulary unknown": [
        f"UPDATE incidents SET type = 'teleport', status = 'weird', contested = 7,"
        f" count_qualifier = 'roughly' WHERE id = '{INCIDENT}'",
        f"UPDATE events SET type = 'teleport', modality = 'maybe' WHERE id = '{EVENT}'",
        f"UPDATE quotes SET speaker = NULL, quote_start = 99999 WHERE id = '{QUOTE_ID}'",
    ],
    "offsets and text odd": [
        f"UPDATE events SET sentence_start = 500000, sentence_end = -3 WHERE id = '{EVENT}'",
        "UPDATE documents SET published = 'last Tuesday'",
        f"UPDATE incidents SET notes = 'a' || char(1) || 'b', actor = '' WHERE id = '{INCIDENT}'",
    ],
}

PAGES = ["/", "/ledger", f"/incidents/{INCIDENT}", f"/incidents/{DENIAL}", "/review",
         "/review/log"]  # fmt: skip
COMMANDS = [
    ["documents"], ["events"], ["events", "--raw"], ["events", "--contested"],
    ["events", "--since", "2025-01-01"], ["incident", INCIDENT], ["incident", DENIAL],
    ["entity", "Lukashenko"], ["review", "queue"], ["review", "log"], ["review", "verify"],
    ["ledger"], ["ledger", "--csv"], ["ledger", "--json"], ["ledger", "--accepted-only"],
    ["listings"], ["resolve"],
]  # fmt: skip
EXPORTS = [("incidents", "csv"), ("incidents", "jsonl"), ("incidents", "ftm"), ("claims", "csv"),
           ("events", "csv"), ("quotes", "jsonl"), ("entities", "ftm"), ("entities", "csv"),
           ("ledger", "csv"), ("ledger", "jsonl")]  # fmt: skip


@pytest.fixture(params=sorted(BAD))
def spoiled(request: pytest.FixtureRequest, template_db: WebData, tmp_path: Path) -> WebData:
    db = tmp_path / "bad.db"
    shutil.copy(template_db.db, db)
    store = Store(str(db))
    for sql in BAD[request.param]:
        assert store.execute(sql) >= 1, sql
    store.engine.dispose()
    return WebData(db, template_db.document_id)


def test_every_page_answers(spoiled: WebData) -> None:
    client = TestClient(create_app(str(spoiled.db)), raise_server_exceptions=False)
    entity = Store(str(spoiled.db)).query("SELECT MIN(id) AS id FROM entities")[0]["id"]
    paths = [*PAGES, f"/documents/{spoiled.document_id}", f"/entities/{entity}"]
    for path in paths:
        for url in (path, "/.json" if path == "/" else path + ".json"):
            response = client.get(url)
            assert response.status_code in (200, 404), (url, response.text[-2000:])


def test_every_read_command_and_export_runs(spoiled: WebData, tmp_path: Path) -> None:
    runner = CliRunner()
    runs = [*COMMANDS, ["report", "--out", str(tmp_path / "report")]]
    runs += [["export", kind, "--format", fmt] for kind, fmt in EXPORTS]
    for args in runs:
        result = runner.invoke(main, ["--db", str(spoiled.db), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            result.output[-1500:],
            repr(result.exception),
        )
        assert "Traceback" not in result.output, args
        assert result.exit_code == 0, (args, result.output[-1500:])
