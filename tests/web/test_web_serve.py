"""`qpq serve` hands the app for the chosen database to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from web_fixtures import INCIDENT, TestClient, WebData

from quidproquo.cli import main


def test_serve_runs_the_app_on_the_chosen_database(
    web: WebData, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app} | kw))
    result = CliRunner().invoke(main, ["--db", str(web.db), "serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    [call] = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    data = TestClient(call["app"]).get(f"/incidents/{INCIDENT}.json").json()
    assert data["id"] == INCIDENT  # served from the database given with --db


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "serve", "--port", "0"])
    assert result.exit_code == 2 and "--port" in result.output
