"""Accounts, API tokens and sessions in the store; the sign-in rate limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from quidproquo.auth import accounts
from quidproquo.auth.accounts import AccountError
from quidproquo.auth.ratelimit import RateLimiter, SignInLimits
from quidproquo.store import Store

PASSWORD = "correct horse battery"


@pytest.fixture
def store(db_url: str) -> Store:
    return Store(db_url)


def test_passwords_are_stored_as_argon2_hashes(store: Store) -> None:
    accounts.add_user(store, "olga", "reviewer", PASSWORD)
    [row] = store.query("SELECT password_hash FROM accounts")
    assert row["password_hash"].startswith("$argon2id$v=19$m=19456,t=2,p=1$")  # OWASP setting
    assert PASSWORD not in row["password_hash"]
    signed = accounts.authenticate(store, "olga", PASSWORD)
    assert signed is not None and (signed.name, signed.role) == ("olga", "reviewer")
    assert accounts.authenticate(store, "olga", PASSWORD + "!") is None
    assert accounts.authenticate(store, "nobody", PASSWORD) is None


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("olga smith", "reviewer", PASSWORD, "account name"),
        ("", "reviewer", PASSWORD, "account name"),
        ("olga", "owner", PASSWORD, "role must be one of reviewer, admin"),
        ("olga", "admin", "short", "at least 10 characters"),
    ],
)
def test_bad_accounts_are_refused(
    tmp_path: Path, name: str, role: str, password: str, message: str
) -> None:
    store = Store(str(tmp_path / "a.db"))
    with pytest.raises(AccountError, match=message):
        accounts.add_user(store, name, role, password)
    assert accounts.list_users(store) == []


def test_duplicate_and_unknown_accounts(store: Store) -> None:
    accounts.add_user(store, "olga", "admin", PASSWORD)
    with pytest.raises(AccountError, match="already exists"):
        accounts.add_user(store, "olga", "reviewer", PASSWORD)
    with pytest.raises(AccountError, match="no account 'ihar'"):
        accounts.remove_user(store, "ihar")
    with pytest.raises(AccountError, match="no account 'ihar'"):
        accounts.create_token(store, "ihar")


def test_tokens_are_hashed_checked_and_revocable(store: Store) -> None:
    accounts.add_user(store, "olga", "reviewer", PASSWORD)
    token_id, token = accounts.create_token(store, "olga", "nightly script")
    assert token.startswith(f"qpq_{token_id}_")
    [row] = store.query("SELECT secret_hash FROM api_tokens")
    assert row["secret_hash"].startswith("$argon2id$") and token.split("_", 2)[2] not in str(row)
    account = accounts.token_account(store, token)
    assert account is not None and account.name == "olga"
    [listed] = accounts.list_tokens(store, "olga")
    assert (listed["id"], listed["label"]) == (token_id, "nightly script")
    assert listed["last_used_at"] is not None
    assert accounts.token_account(store, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert accounts.token_account(store, "qpq_0000000000000000_" + "x" * 43) is None
    assert accounts.token_account(store, "not a token") is None
    accounts.revoke_token(store, token_id)
    assert accounts.token_account(store, token) is None
    with pytest.raises(AccountError, match="no token"):
        accounts.revoke_token(store, token_id)


def test_sessions_open_close_and_die_with_their_account(store: Store) -> None:
    olga = accounts.add_user(store, "olga", "reviewer", PASSWORD)
    cookie = accounts.open_session(store, olga)
    assert accounts.session_account(store, cookie) == olga
    assert store.query("SELECT id FROM sessions")[0]["id"] != cookie  # only its digest is kept
    accounts.close_session(store, cookie)
    assert accounts.session_account(store, cookie) is None
    cookie = accounts.open_session(store, olga)
    store.execute("UPDATE sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
    assert accounts.session_account(store, cookie) is None  # expired
    cookie = accounts.open_session(store, olga)
    _, token = accounts.create_token(store, "olga")
    accounts.remove_user(store, "olga")
    assert accounts.session_account(store, cookie) is None
    assert accounts.token_account(store, token) is None
    assert accounts.list_users(store) == []


def test_rate_limiter_counts_failures_in_a_sliding_window() -> None:
    now = [1000.0]
    limiter = RateLimiter(3, 60, clock=lambda: now[0])
    for _ in range(3):
        assert limiter.retry_after("olga") == 0
        limiter.fail("olga")
    assert 59 <= limiter.retry_after("olga") <= 61
    assert limiter.retry_after("ihar") == 0  # counted apart
    now[0] += 61
    assert limiter.retry_after("olga") == 0
    limiter.fail("olga")
    limiter.clear("olga")
    assert limiter.retry_after("olga") == 0


def test_sign_in_limits_apply_per_account_and_per_address() -> None:
    limits = SignInLimits(RateLimiter(2, 60), RateLimiter(3, 60))
    limits.fail("Olga", "10.0.0.1")
    limits.fail("olga", "10.0.0.2")
    assert limits.retry_after("OLGA", "10.0.0.3") > 0  # the account, from any address
    assert limits.retry_after("ihar", "10.0.0.3") == 0
    limits.fail("ihar", "10.0.0.3")
    limits.fail("anna", "10.0.0.3")
    limits.fail("ben", "10.0.0.3")
    assert limits.retry_after("dasha", "10.0.0.3") > 0  # the address, for any account
    assert limits.retry_after("dasha", "10.0.0.4") == 0
