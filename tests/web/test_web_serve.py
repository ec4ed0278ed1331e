"""`qpq serve` hands the app for the chosen database to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from web_fixtures import BASE_URL, INCIDENT, TestClient, WebData

from quidproquo.cli import main


def test_serve_runs_the_app_on_the_chosen_database(
    web: WebData, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app} | kw))
    result = CliRunner().invoke(main, ["--db", str(web.db), "serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert "answering to Host localhost, 127.0.0.1, ::1 (more with --allowed-host" in result.output
    [call] = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    data = TestClient(call["app"], base_url=BASE_URL).get(f"/incidents/{INCIDENT}.json").json()
    assert data["id"] == INCIDENT  # served from the database given with --db


def test_serve_allows_the_bound_host_and_the_named_ones(
    web: WebData, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(app))
    args = ["--db", str(web.db), "serve", "--host", "10.1.2.3", "--private",
            "--allowed-host", "qpq.example.org"]  # fmt: skip
    assert CliRunner().invoke(main, args).exit_code == 0
    [app] = calls
    for host, status in (("10.1.2.3:8001", 401), ("qpq.example.org", 401), ("localhost", 401),
                         ("rebound.example", 400)):  # fmt: skip
        client = TestClient(app, base_url=f"http://{host}")
        assert client.get("/.json").status_code == status, host  # 401: private, host allowed


def test_serve_names_an_unsafe_audit_key(web: WebData) -> None:
    key = Path(str(web.db) + ".audit-key")
    key.write_text("00" * 32 + "\n")
    key.chmod(0o644)
    result = CliRunner().invoke(main, ["--db", str(web.db), "serve"])
    assert result.exit_code == 1 and f"audit key {key}: readable by other users" in result.output


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "serve", "--port", "0"])
    assert result.exit_code == 2 and "--port" in result.output
