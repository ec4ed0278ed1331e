"""Event and quote extraction (FORMAT.md v1): `extract(text, published)` and `Extractor`."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from quidproquo.extract.pipeline import Extractor, parse_published
from quidproquo.model import Extraction

__all__ = ["Extractor", "default_extractor", "extract", "parse_published"]


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """A process-wide Extractor, loaded on first use."""
    return Extractor()


def extract(text: str, published: str | dt.date | None = None) -> Extraction:
    """Events and quotes stated in `text`; `published` (ISO date) anchors relative dates."""
    return default_extractor().extract(text, published)
