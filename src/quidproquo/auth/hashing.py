"""Passwords and API-token secrets, hashed with argon2id (argon2-cffi).

Passwords use OWASP's argon2id setting (19 MiB, 2 passes, 1 lane): slow enough to make
guessing from a stolen database costly. A token secret is 256 random bits that nobody can
guess, so its hash need only be one-way and stays cheap (it is checked on every API call).
"""

from __future__ import annotations

import functools
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD = 10
Kind = Literal["password", "token"]
# (passes, memory in KiB, lanes) per kind of secret
PARAMETERS: dict[Kind, tuple[int, int, int]] = {
    "password": (2, 19 * 1024, 1),
    "token": (1, 1024, 1),
}


@functools.cache
def _hasher(kind: Kind) -> PasswordHasher:
    time_cost, memory_cost, parallelism = PARAMETERS[kind]
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def hash_secret(secret: str, kind: Kind = "password") -> str:
    return _hasher(kind).hash(secret)


def verify_secret(stored: str, secret: str) -> bool:
    """Whether `secret` matches; the parameters are read from the stored hash."""
    try:
        return _hasher("password").verify(stored, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def burn_time(secret: str, kind: Kind = "password") -> None:
    """Spend what a verification costs, so an unknown name answers as slowly as a known one."""
    verify_secret(_dummy_hash(kind), secret)


@functools.cache
def _dummy_hash(kind: Kind) -> str:
    return hash_secret("not a secret anyone has", kind)
