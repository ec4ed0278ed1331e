"""The audit log is signed with the server's key: a chain recomputed without the key, a tail
cut off behind a kept head and stripped signatures are all found; old unsigned rows are named."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from resolve_builders import News

from quidproquo.auth.keys import KEY_FILE_ENV, AuditKeyError, audit_key, key_path, sign
from quidproquo.cli import main
from quidproquo.resolve.incidents import resolve
from quidproquo.resolve.review import (
    accept,
    check_audit_log,
    parse_head,
    reject,
    row_hash,
    verify_audit_log,
)
from quidproquo.store import Store


def _three_decisions(store: Store, news: News) -> None:
    doc = news.document("https://c.example/r", "2026-06-02", "Belarus freed 12.")
    news.event(doc, "release", "Belarus freed 12.", date_min="2026-06-01", count=12)
    news.event(doc, "release", "Belarus freed 4 more.", date_min="2026-06-25", count=4)
    resolve(store)
    first, second = [r["id"] for r in store.query("SELECT id FROM incidents ORDER BY date_min")]
    accept(store, "incident", first, "anna")
    reject(store, "incident", second, "ben")
    accept(store, "incident", second, "anna", "second look")


def _drop_triggers(store: Store) -> None:
    for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_truncate"):
        on = " ON audit_log" if store.dialect == "postgresql" else ""
        store.execute(f"DROP TRIGGER IF EXISTS {trigger}{on}")


def _rewrite_from(store: Store, seq: int, reviewer: str) -> None:
    """What someone with the database but not the key can do: change a row and recompute
    the hash chain from there on (signatures copied over unchanged)."""
    _drop_triggers(store)
    rows = store.query("SELECT * FROM audit_log WHERE seq >= :seq ORDER BY seq", {"seq": seq})
    prev = store.query_one("SELECT hash FROM audit_log WHERE seq = :s", {"s": seq - 1})
    prev_hash = prev["hash"] if prev else "0" * 64
    for row in rows:
        if row["seq"] == seq:
            row["reviewer"] = reviewer
        row["prev_hash"] = prev_hash
        row["hash"] = prev_hash = row_hash(row)
        store.execute(
            "UPDATE audit_log SET reviewer = :reviewer, prev_hash = :prev_hash, hash = :hash"
            " WHERE seq = :seq",
            row,
        )


def test_rows_are_signed_and_the_head_is_the_last_row(store: Store, news: News) -> None:
    _three_decisions(store, news)
    rows = store.query("SELECT seq, hash, signature FROM audit_log ORDER BY seq")
    key = audit_key(store.engine)
    assert all(r["signature"] == sign(key, r["hash"]) for r in rows)
    check = check_audit_log(store)
    assert check.problems == [] and check.unsigned == 0
    assert check.head == (3, rows[-1]["hash"])
    assert verify_audit_log(store, check.head) == []


def test_a_recomputed_chain_fails_its_signatures(store: Store, news: News) -> None:
    _three_decisions(store, news)
    _rewrite_from(store, 2, "mallory")
    problems = verify_audit_log(store)
    assert len(problems) == 2  # the rewritten row and the one whose link was recomputed
    assert all("signature does not match" in p for p in problems)
    assert "seq 2" in problems[0] and "seq 3" in problems[1]


def test_a_cut_tail_is_found_only_with_a_kept_head(store: Store, news: News) -> None:
    _three_decisions(store, news)
    head = check_audit_log(store).head
    assert head is not None
    _drop_triggers(store)
    store.execute("DELETE FROM audit_log WHERE seq = 3")
    assert verify_audit_log(store) == []  # a shorter chain is still a valid chain
    [problem] = verify_audit_log(store, head)
    assert "kept head seq 3 is missing" in problem and "ends at seq 2" in problem
    store.execute("DELETE FROM audit_log")
    assert "it is empty" in verify_audit_log(store, head)[0]


def test_a_rewrite_behind_the_head_changes_the_kept_hash(store: Store, news: News) -> None:
    _three_decisions(store, news)
    head = check_audit_log(store).head
    assert head is not None
    _rewrite_from(store, 1, "mallory")
    assert any("kept head seq 3: the hash differs" in p for p in verify_audit_log(store, head))


def test_rows_from_before_signing_are_named_and_then_covered(store: Store, news: News) -> None:
    _three_decisions(store, news)
    _drop_triggers(store)
    store.execute("UPDATE audit_log SET signature = NULL")  # as a database made before 0011
    legacy = check_audit_log(store)
    assert (legacy.problems, legacy.unsigned, legacy.covered) == ([], 3, False)
    kept = legacy.head
    assert kept is not None
    first = store.query("SELECT id FROM incidents ORDER BY date_min")[0]["id"]
    reject(store, "incident", first, "ben")
    accept(store, "incident", first, "anna")
    reject(store, "incident", first, "ben")
    signed = check_audit_log(store, kept)
    assert (signed.problems, signed.unsigned, signed.covered) == ([], 3, True)
    store.execute("UPDATE audit_log SET signature = NULL WHERE seq = 5")
    [problem] = verify_audit_log(store)  # a hole in the signed rows
    assert "seq 5" in problem and "must be signed" in problem
    store.execute("UPDATE audit_log SET signature = NULL")
    stripped = check_audit_log(store)  # all stripped: looks legacy, and is reported so
    assert (stripped.problems, stripped.unsigned, stripped.covered) == ([], 6, False)
    problems = verify_audit_log(store, kept)  # but rows after a kept head must be signed
    assert len(problems) == 3 and all("must be signed" in p for p in problems)


def test_key_file_is_private_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(str(tmp_path / "k.db"))
    path = key_path(store.engine)
    assert path == tmp_path / "k.db.audit-key"
    key = audit_key(store.engine)
    assert len(key) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert audit_key(store.engine) == key  # read back, not remade
    os.chmod(path, 0o644)
    with pytest.raises(AuditKeyError, match="readable by other users"):
        audit_key(store.engine)
    other = tmp_path / "team.key"
    other.write_text("not hex\n")
    other.chmod(0o600)
    monkeypatch.setenv(KEY_FILE_ENV, str(other))
    assert key_path(store.engine) == other
    with pytest.raises(AuditKeyError, match="expected 64 hex digits"):
        audit_key(store.engine)


def test_another_key_fails_every_signature(
    store: Store, news: News, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_decisions(store, news)
    monkeypatch.setenv(KEY_FILE_ENV, str(tmp_path / "stranger.key"))
    problems = verify_audit_log(store)
    assert len(problems) == 3 and all("another audit key" in p for p in problems)


def test_parse_head() -> None:
    digest = "ab" * 32
    assert parse_head(f" 12:{digest.upper()} ") == (12, digest)
    for bad in ("12", f"x:{digest}", "12:abc"):
        with pytest.raises(ValueError, match="SEQ:HASH"):
            parse_head(bad)


def test_cli_verify_prints_the_head_and_checks_a_kept_one(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    store = Store(db)
    _three_decisions(store, News(store))
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db, "review", "verify"])
    head = check_audit_log(store).head
    assert head is not None
    shown = f"{head[0]}:{head[1]}"
    assert result.exit_code == 0 and "audit log intact" in result.output
    assert f"head {shown}" in result.output
    _drop_triggers(store)
    store.execute("DELETE FROM audit_log WHERE seq = 3")
    result = runner.invoke(main, ["--db", db, "review", "verify", "--head", shown, "--json"])
    report = json.loads(result.output)
    assert result.exit_code == 1 and report["ok"] is False
    assert "cut short" in report["problems"][0] and report["head"].startswith("2:")
    result = runner.invoke(main, ["--db", db, "review", "verify", "--head", "3"])
    assert result.exit_code == 1 and "SEQ:HASH" in result.output


def test_cli_verify_names_rows_from_before_signing(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    store = Store(db)
    _three_decisions(store, News(store))
    _drop_triggers(store)
    store.execute("UPDATE audit_log SET signature = NULL")
    result = CliRunner().invoke(main, ["--db", db, "review", "verify"])
    assert result.exit_code == 0
    assert "seq 1-3: written before signing, unsigned (not yet covered" in result.output
    first = store.query("SELECT id FROM incidents ORDER BY date_min")[0]["id"]
    reject(store, "incident", first, "ben")
    result = CliRunner().invoke(main, ["--db", db, "review", "verify"])
    assert result.exit_code == 0 and "(covered by the signed row after them)" in result.output
    assert "audit log intact" in result.output and "head 4:" in result.output
