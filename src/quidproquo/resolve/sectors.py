"""Which sanctioned sector a target belongs to, from the data file `sectors.yaml`."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from quidproquo.resolve.names import fold


@lru_cache(maxsize=1)
def _members() -> list[tuple[str, re.Pattern[str]]]:
    text = (resources.files("quidproquo.resolve") / "sectors.yaml").read_text(encoding="utf-8")
    data: dict[str, list[str]] = yaml.safe_load(text)
    return [
        (sector, re.compile(r"\b(?:" + "|".join(re.escape(fold(m)) for m in members) + r")\b"))
        for sector, members in data.items()
    ]


def sectors_of(target: str | None) -> set[str]:
    """{'potash'} for "Belarusian Potash Company" and for "the potash sector"; may be empty."""
    if not target:
        return set()
    folded = fold(target)
    return {sector for sector, pattern in _members() if pattern.search(folded)}
