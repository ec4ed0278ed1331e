from __future__ import annotations

import pytest
import sqlalchemy as sa

from quidproquo.store import Store, database_url


def test_urls_default_to_sqlite_files() -> None:
    assert database_url("x.db") == "sqlite:///x.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///a/b.db") == "sqlite:///a/b.db"


def test_env_var_names_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QPQ_DB", "from-env.db")
    assert database_url(None) == "sqlite:///from-env.db"


def test_migrations_apply_once(db_url: str) -> None:
    store = Store(db_url)
    applied = store.applied_migrations()
    assert "0001_documents" in applied
    assert Store(db_url).migrate() == []  # a second open applies nothing
    assert store.applied_migrations() == applied


def test_transaction_rolls_back_as_a_whole(db_url: str) -> None:
    store = Store(db_url)
    row = {
        "id": "d1",
        "h": "h1",
        "k": "text",
        "r": "2025-01-01T00:00:00",
        "t": "Some text.",
    }
    insert = (
        "INSERT INTO documents (id, content_hash, kind, retrieved, text)"
        " VALUES (:id, :h, :k, :r, :t)"
    )
    with pytest.raises(sa.exc.IntegrityError), store.transaction() as conn:
        store.execute(insert, row, conn=conn)
        store.execute(insert, row, conn=conn)  # same primary key: the whole unit fails
    assert store.query("SELECT id FROM documents") == []
