"""Passwords and API-token secrets, hashed with argon2id (argon2-cffi's default parameters)."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD = 10


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_secret(secret: str) -> str:
    return _hasher().hash(secret)


def verify_secret(stored: str, secret: str) -> bool:
    try:
        return _hasher().verify(stored, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def burn_time(secret: str) -> None:
    """Spend what a verification costs, so an unknown name answers as slowly as a known one."""
    verify_secret(_dummy_hash(), secret)


@functools.cache
def _dummy_hash() -> str:
    return hash_secret("not a password anyone has")
