"""Fixtures shared by the extraction tests."""

from collections.abc import Callable

import pytest

from quidproquo.extract import Extractor
from quidproquo.model import Event


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The rules on bare sentences, not relevance: the subject gate is off.

    A test file that wants the gated extractor defines its own `extractor`."""
    return Extractor(subject_gate=False)


EventsOf = Callable[..., list[Event]]


@pytest.fixture(scope="session")
def events_of(extractor: Extractor) -> EventsOf:
    """`events_of(text, kind, published=...)`: the events of one type the rules find in
    `text` (the subject gate off)."""

    def of_type(text: str, kind: str, published: str = "2025-10-02") -> list[Event]:
        return [e for e in extractor.extract(text, published).events if e.type == kind]

    return of_type
