"""Fixtures for the web tests: a database copied fresh for each test, and a client."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from web_fixtures import BASE_URL, TestClient, WebData, build_web_db

from quidproquo.web import create_app


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> WebData:
    tmp = tmp_path_factory.mktemp("web")
    return build_web_db(tmp / "template.db", tmp)


@pytest.fixture
def web(template_db: WebData, tmp_path: Path) -> WebData:
    """A fresh copy of the test database for each test (review changes it)."""
    db = tmp_path / "web.db"
    shutil.copy(template_db.db, db)
    key = Path(str(template_db.db) + ".audit-key")  # the key goes with its database
    if key.exists():
        shutil.copy(key, str(db) + ".audit-key")
    return WebData(db, template_db.document_id, template_db.token)


@pytest.fixture
def client(web: WebData) -> TestClient:
    return TestClient(create_app(str(web.db)), base_url=BASE_URL)
