"""`qpq users` and `qpq tokens`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quidproquo.auth import accounts
from quidproquo.cli import main
from quidproquo.store import Store

PASSWORD = "a long enough secret"


def _qpq(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_users_add_list_remove(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    code, out, _ = _qpq(db, "users", "add", "olga", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and "added reviewer olga" in out
    prompt = f"{PASSWORD}\n{PASSWORD}\n"
    code, out, _ = _qpq(db, "users", "add", "ihar", "--role", "admin", stdin=prompt)
    assert code == 0 and "added admin ihar" in out
    assert accounts.authenticate(Store(str(db)), "ihar", PASSWORD) is not None
    code, out, _ = _qpq(db, "users", "list", "--json")
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [
        ("ihar", "admin"),
        ("olga", "reviewer"),
    ]
    code, out, _ = _qpq(db, "users", "remove", "olga")
    assert code == 0 and "removed olga" in out
    code, out, _ = _qpq(db, "users", "list")
    assert "ihar" in out and "olga" not in out


def test_users_add_refuses_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    code, _, err = _qpq(db, "users", "add", "olga", "--password-stdin", stdin="short\n")
    assert code == 1 and "at least 10 characters" in err
    code, _, err = _qpq(db, "users", "add", "olga", "--role", "owner", "--password-stdin")
    assert code == 2 and "--role" in err
    code, _, err = _qpq(db, "users", "remove", "nobody")
    assert code == 1 and "no account 'nobody'" in err


def test_tokens_create_list_revoke(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    _qpq(db, "users", "add", "olga", "--password-stdin", stdin=PASSWORD + "\n")
    code, out, err = _qpq(db, "tokens", "create", "olga", "--label", "ci")
    token = out.strip()
    assert code == 0 and token.startswith("qpq_") and "shown once" in err
    account = accounts.token_account(Store(str(db)), token)
    assert account is not None and account.name == "olga"
    code, out, _ = _qpq(db, "tokens", "list", "--json")
    [listed] = json.loads(out)
    assert listed["account"] == "olga" and listed["label"] == "ci" and token not in out
    code, out, _ = _qpq(db, "tokens", "revoke", listed["id"])
    assert code == 0 and accounts.token_account(Store(str(db)), token) is None
    code, _, err = _qpq(db, "tokens", "create", "nobody")
    assert code == 1 and "no account 'nobody'" in err
