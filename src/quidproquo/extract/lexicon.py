"""Reading the lexicon files of `extract/lexicons/` (YAML data, not code)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

import yaml


class LexiconError(ValueError):
    """A lexicon file is missing, unreadable or lacks a required key."""


def load_lexicon(name: str, required: Sequence[str] = ()) -> dict[str, Any]:
    """Read `extract/lexicons/<name>`; a clear error names the file and the problem."""
    path = resources.files("quidproquo.extract").joinpath("lexicons", name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LexiconError(f"{path}: lexicon file not found") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    missing = [key for key in required if key not in data]
    if missing:
        raise LexiconError(f"{path}: missing key(s) {', '.join(missing)}")
    for key, value in data.items():
        items = value if isinstance(value, list) else list(value) if isinstance(value, dict) else []
        if any(isinstance(item, bool) for item in items):
            raise LexiconError(
                f'{path}: key {key!r} holds a YAML boolean; quote words such as "on", "no", "yes"'
            )
    return data
