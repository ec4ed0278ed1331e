"""The store: one schema for SQLite (default) and PostgreSQL, with numbered migrations.

`Store(url)` accepts a file path (`./quidproquo.db`), `sqlite:///path`, or `postgresql://...`.
Queries are written once with `:name` parameters and run on either database through SQLAlchemy.
Migrations are `migrations/NNNN_name.sql` (portable SQL), optionally accompanied by
`NNNN_name.sqlite.sql` / `NNNN_name.postgresql.sql` for what differs between the two.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import sqlalchemy as sa
import sqlparse
from sqlalchemy.engine import Connection, Engine

from quidproquo.dburl import DB_ENV, DEFAULT_DB, database_url
from quidproquo.validate import sane_row

MIGRATION_LOCK = 0x717071  # the PostgreSQL advisory lock key of migrations ("qpq")

__all__ = [
    "CHUNK", "DB_ENV", "DEFAULT_DB", "Store", "database_url", "from_json", "in_list", "now_iso",
    "to_json",
]  # fmt: skip
CHUNK = 500  # ids per IN (...) list


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def from_json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def in_list(prefix: str, ids: Sequence[str]) -> tuple[str, dict[str, str]]:
    """':p0, :p1, ...' and its parameters, for `column IN (...)`."""
    names = [f"{prefix}{n}" for n in range(len(ids))]
    return ", ".join(f":{n}" for n in names), dict(zip(names, ids, strict=True))


class Store:
    """A connection pool to one quidproquo database, migrated to the latest schema."""

    def __init__(self, target: str | None = None, *, migrate: bool = True) -> None:
        self.url = database_url(target)
        self.engine: Engine = sa.create_engine(self.url, future=True)
        if self.dialect == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # -- queries -----------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """All statements inside commit together or not at all."""
        with self.engine.begin() as conn:
            yield conn

    def query(
        self, sql: str, params: Mapping[str, Any] | None = None, conn: Connection | None = None
    ) -> list[dict[str, Any]]:
        """Rows as dicts; values of the wrong shape read as None (validate.sane_row)."""
        if conn is not None:
            return _rows(conn.execute(_text(sql), dict(params or {})))
        with self.engine.connect() as c:
            return _rows(c.execute(_text(sql), dict(params or {})))

    def query_one(
        self, sql: str, params: Mapping[str, Any] | None = None, conn: Connection | None = None
    ) -> dict[str, Any] | None:
        rows = self.query(sql, params, conn)
        return rows[0] if rows else None

    def execute(
        self,
        sql: str,
        params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
        conn: Connection | None = None,
    ) -> int:
        """Run one statement (or one per parameter set); returns the rows affected."""
        bound: list[dict[str, Any]] | dict[str, Any]
        if isinstance(params, Mapping) or params is None:
            bound = dict(params or {})
        else:
            bound = [dict(p) for p in params]
        if conn is not None:
            return int(conn.execute(_text(sql), bound).rowcount or 0)
        with self.transaction() as c:
            return int(c.execute(_text(sql), bound).rowcount or 0)

    # -- schema ------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        with self.engine.connect() as c:
            if not sa.inspect(c).has_table("schema_migrations"):
                return []
            return [r[0] for r in c.execute(sa.text("SELECT version FROM schema_migrations"))]

    def migrate(self) -> list[str]:
        """Apply every migration not yet applied, under a lock, so that two processes opening
        a fresh database at once do not both create its tables: PostgreSQL takes an advisory
        lock (each migration in its own transaction); SQLite runs them all in one
        `BEGIN IMMEDIATE` transaction, which holds the write lock. The applied versions are
        read again once the lock is held."""
        applied: list[str] = []
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
                conn.commit()
            else:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                conn.exec_driver_sql(
                    "CREATE TABLE IF NOT EXISTS schema_migrations"
                    " (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
                done = {r[0] for r in conn.exec_driver_sql("SELECT version FROM schema_migrations")}
                for version, scripts in _migrations(self.dialect):
                    if version in done:
                        continue
                    for script in scripts:
                        for statement in sqlparse.split(script):
                            if statement.strip().rstrip(";").strip():
                                conn.exec_driver_sql(statement)
                    conn.execute(
                        sa.text(
                            "INSERT INTO schema_migrations (version, applied_at) VALUES (:v, :t)"
                        ),
                        {"v": version, "t": now_iso()},
                    )
                    if self.dialect == "postgresql":
                        conn.commit()
                    applied.append(version)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            finally:
                if self.dialect == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
                    conn.commit()
        return applied


@lru_cache(maxsize=1024)
def _text(sql: str) -> sa.TextClause:
    """Parsed once per distinct statement (pages of ids repeat the same one)."""
    return sa.text(sql)


def _rows(result: sa.CursorResult[Any]) -> list[dict[str, Any]]:
    keys = list(result.keys())
    return [sane_row(dict(zip(keys, row, strict=True))) for row in result.all()]


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")  # wait for another writer, e.g. migrating
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def _migrations(dialect: str) -> list[tuple[str, list[str]]]:
    """(version, [scripts]) in order: the portable script, then the dialect's own."""
    folder = resources.files("quidproquo.store") / "migrations"
    names = [p.name for p in folder.iterdir() if p.name.endswith(".sql")]
    versions: dict[str, list[str]] = {}
    # Within a version the portable script runs first, then the dialect's own.
    for name in sorted(names, key=lambda n: (n.split(".", 1)[0], n.count("."), n)):
        stem = name[: -len(".sql")]
        version, _, suffix = stem.partition(".")
        if suffix and suffix != dialect:
            continue
        versions.setdefault(version, []).append((folder / name).read_text(encoding="utf-8"))
    return sorted(versions.items())
