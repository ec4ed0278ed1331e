"""The server key that signs audit-log rows (HMAC-SHA256).

Where it lives, first match wins: `$QPQ_AUDIT_KEY_FILE`; next to an SQLite database
(`<db file>.audit-key`); otherwise `$XDG_CONFIG_HOME/quidproquo/audit.key` (default
`~/.config`). It is created on first use (32 random bytes, hex, mode 0600) and refused when
other users may read it. An in-memory database gets a key for the life of the process.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from sqlalchemy.engine import Engine

KEY_FILE_ENV = "QPQ_AUDIT_KEY_FILE"
KEY_BYTES = 32


class AuditKeyError(RuntimeError):
    """The key file is unreadable, malformed or open to other users; the message says which."""


def key_path(engine: Engine) -> Path | None:
    """The key file for a database; None for an in-memory SQLite database."""
    configured = os.environ.get(KEY_FILE_ENV)
    if configured:
        return Path(configured)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if not database or database == ":memory:":
            return None
        return Path(database + ".audit-key")
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "quidproquo" / "audit.key"


def audit_key(engine: Engine) -> bytes:
    path = key_path(engine)
    return _process_key() if path is None else load_or_create(path)


def sign(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def load_or_create(path: Path) -> bytes:
    """Read the key at `path`, creating it (mode 0600) if it does not exist."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first; read theirs
        else:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_hex(KEY_BYTES) + "\n")
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise AuditKeyError(f"audit key {path}: readable by other users; run chmod 600 {path}")
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < KEY_BYTES:
        raise AuditKeyError(f"audit key {path}: expected {KEY_BYTES * 2} hex digits")
    return key


@functools.cache
def _process_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)
