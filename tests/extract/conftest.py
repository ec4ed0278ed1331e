"""Fixtures shared by the extraction tests."""

import pytest

from quidproquo.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The rules on bare sentences, not relevance: the subject gate is off.

    A test file that wants the gated extractor defines its own `extractor`."""
    return Extractor(subject_gate=False)
