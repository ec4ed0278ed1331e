"""Which database a command means: --db, else $QPQ_DB, else ./quidproquo.db (no heavy imports)."""

from __future__ import annotations

import os

DEFAULT_DB = "quidproquo.db"
DB_ENV = "QPQ_DB"


def database_url(target: str | None) -> str:
    """Turn a CLI/env value into an SQLAlchemy URL (file paths become SQLite)."""
    target = target or os.environ.get(DB_ENV) or DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    if "://" in target:
        return target
    return f"sqlite:///{target}"
