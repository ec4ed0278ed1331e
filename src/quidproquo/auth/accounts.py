"""Accounts (reviewer or admin), their API tokens and their web sessions, in the store.

A token reads `qpq_<id>_<secret>`: the id finds the row, the secret is checked against its
argon2 hash. It is shown once, when made. A session cookie is 256 random bits; the store keeps
only its SHA-256, so a copy of the database signs no one in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from quidproquo.auth.hashing import MIN_PASSWORD, burn_time, hash_secret, verify_secret
from quidproquo.store import Store, now_iso

ROLES = ("reviewer", "admin")
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
TOKEN_PATTERN = re.compile(r"qpq_([0-9a-f]{16})_([A-Za-z0-9_-]{20,100})")
SESSION_DAYS = 14


class AccountError(ValueError):
    """A bad name, role or password, or an unknown account; the message says which."""


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    role: str


def add_user(store: Store, name: str, role: str, password: str) -> Account:
    if not NAME_PATTERN.fullmatch(name):
        raise AccountError(f"account name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-'")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}; got {role!r}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    if find_user(store, name):
        raise AccountError(f"account {name!r} already exists")
    account = Account(uuid.uuid4().hex, name, role)
    store.execute(
        "INSERT INTO accounts (id, name, role, password_hash, created_at)"
        " VALUES (:id, :name, :role, :hash, :at)",
        {"id": account.id, "name": name, "role": role, "hash": hash_secret(password),
         "at": now_iso()},
    )  # fmt: skip
    return account


def list_users(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT a.name, a.role, a.created_at, (SELECT COUNT(*) FROM api_tokens t"
        " WHERE t.account_id = a.id) AS tokens FROM accounts a ORDER BY a.name"
    )


def remove_user(store: Store, name: str) -> None:
    """Delete the account with its tokens and sessions (the audit log keeps its name)."""
    account = _require(store, name)
    with store.transaction() as conn:
        for table in ("sessions", "api_tokens"):
            store.execute(f"DELETE FROM {table} WHERE account_id = :id", {"id": account.id}, conn)
        store.execute("DELETE FROM accounts WHERE id = :id", {"id": account.id}, conn)


def find_user(store: Store, name: str) -> Account | None:
    row = store.query_one("SELECT id, name, role FROM accounts WHERE name = :n", {"n": name})
    return Account(**row) if row else None


def authenticate(store: Store, name: str, password: str) -> Account | None:
    """The account if the password is right; None otherwise (in about the same time)."""
    row = store.query_one(
        "SELECT id, name, role, password_hash FROM accounts WHERE name = :n", {"n": name}
    )
    if row is None:
        burn_time(password)
        return None
    if not verify_secret(row["password_hash"], password):
        return None
    return Account(row["id"], row["name"], row["role"])


# -- API tokens -------------------------------------------------------------------
def create_token(store: Store, name: str, label: str | None = None) -> tuple[str, str]:
    """(token id, the full token): the token is shown now and never again."""
    account = _require(store, name)
    token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    store.execute(
        "INSERT INTO api_tokens (id, account_id, secret_hash, label, created_at)"
        " VALUES (:id, :account, :hash, :label, :at)",
        {"id": token_id, "account": account.id, "hash": hash_secret(secret, "token"),
         "label": label, "at": now_iso()},
    )  # fmt: skip
    return token_id, f"qpq_{token_id}_{secret}"


def list_tokens(store: Store, name: str | None = None) -> list[dict[str, Any]]:
    where = "WHERE a.name = :n" if name else ""
    return store.query(
        "SELECT t.id, a.name AS account, t.label, t.created_at, t.last_used_at FROM api_tokens t"
        f" JOIN accounts a ON a.id = t.account_id {where} ORDER BY a.name, t.created_at",
        {"n": name},
    )


def revoke_token(store: Store, token_id: str) -> None:
    if not store.execute("DELETE FROM api_tokens WHERE id = :id", {"id": token_id}):
        raise AccountError(f"no token {token_id!r}")


def token_account(store: Store, token: str) -> Account | None:
    match = TOKEN_PATTERN.fullmatch(token.strip())
    if match is None:
        return None
    row = store.query_one(
        "SELECT a.id, a.name, a.role, t.secret_hash FROM api_tokens t"
        " JOIN accounts a ON a.id = t.account_id WHERE t.id = :id",
        {"id": match.group(1)},
    )
    if row is None:
        burn_time(match.group(2), "token")
        return None
    if not verify_secret(row["secret_hash"], match.group(2)):
        return None
    store.execute(
        "UPDATE api_tokens SET last_used_at = :at WHERE id = :id",
        {"at": now_iso(), "id": match.group(1)},
    )
    return Account(row["id"], row["name"], row["role"])


# -- sessions ---------------------------------------------------------------------
def open_session(store: Store, account: Account) -> str:
    """A new session for the account; returns the cookie value."""
    cookie = secrets.token_urlsafe(32)
    now = datetime.now(UTC).replace(microsecond=0)
    store.execute(
        "INSERT INTO sessions (id, account_id, created_at, expires_at)"
        " VALUES (:id, :account, :at, :expires)",
        {"id": _digest(cookie), "account": account.id, "at": now.isoformat(),
         "expires": (now + timedelta(days=SESSION_DAYS)).isoformat()},
    )  # fmt: skip
    return cookie


def session_account(store: Store, cookie: str) -> Account | None:
    row = store.query_one(
        "SELECT a.id, a.name, a.role FROM sessions s JOIN accounts a ON a.id = s.account_id"
        " WHERE s.id = :id AND s.expires_at > :now",
        {"id": _digest(cookie), "now": now_iso()},
    )
    return Account(**row) if row else None


def close_session(store: Store, cookie: str) -> None:
    store.execute(
        "DELETE FROM sessions WHERE id = :id OR expires_at <= :now",
        {"id": _digest(cookie), "now": now_iso()},
    )


def _digest(cookie: str) -> str:
    return hashlib.sha256(cookie.encode("utf-8")).hexdigest()


def _require(store: Store, name: str) -> Account:
    account = find_user(store, name)
    if account is None:
        raise AccountError(f"no account {name!r}")
    return account
