"""Stores for the export tests: the bundled curated data, and the same with a few extracted
mentions (documents, events, a quote) resolved into incidents."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_builders import QUOTE, REPORTS, add_document, add_release

from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.incidents import resolve
from quidproquo.store import Store, now_iso


@pytest.fixture(scope="module")
def curated_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "curated.db")
    load_curated(Store(path))
    return path


@pytest.fixture(scope="module")
def curated_store(curated_db: str) -> Store:
    return Store(curated_db)


@pytest.fixture
def news_store(tmp_path: Path) -> Store:
    store = Store(str(tmp_path / "news.db"))
    load_curated(store)
    for url, published, day, sentence, count in REPORTS:
        add_release(store, add_document(store, url, published, sentence), sentence, day, count)
    doc = add_document(store, "https://radio.example/statement", "2025-12-14", f'"{QUOTE}"')
    store.execute(
        "INSERT INTO quotes (id, document_id, speaker, text, created_at)"
        " VALUES ('q-1', :doc, 'Natalia Eismont', :text, :at)",
        {"doc": doc, "text": QUOTE, "at": now_iso()},
    )
    resolve(store)
    return store
