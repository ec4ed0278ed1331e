"""Fixtures for the resolution tests: a fresh store on SQLite and on PostgreSQL (each test
in its own schema, dropped afterwards), and the `news` builder."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from resolve_builders import News

from quidproquo.store import Store

POSTGRES = os.environ.get("QPQ_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Store]:
    if request.param == "sqlite":
        yield Store(str(tmp_path / "qpq.db"))
        return
    admin = sa.create_engine("postgresql+psycopg://" + POSTGRES.split("://", 1)[1])
    schema = "t_" + uuid.uuid4().hex[:12]
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except sa.exc.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES}: {exc.orig}")
    store = Store(f"{POSTGRES}?options=-csearch_path%3D{schema}")
    try:
        yield store
    finally:
        store.engine.dispose()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def news(store: Store) -> News:
    return News(store)
