"""Shared fixtures: a fresh database on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from quidproquo.store import database_url

POSTGRES = os.environ.get("QPQ_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session", autouse=True)
def _config_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keys that live in the user's config folder (the PostgreSQL audit key) go to a temporary
    one, never to the real home."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        patch.delenv("QPQ_AUDIT_KEY_FILE", raising=False)
        yield


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a schema made for this test and dropped after it."""
    if os.environ.get("QPQ_SKIP_POSTGRES"):
        pytest.skip("QPQ_SKIP_POSTGRES is set")
    schema = f"qpq_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(database_url(POSTGRES))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    """The same test on an SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path) + "/test.db"
    else:
        yield request.getfixturevalue("postgres_url")
