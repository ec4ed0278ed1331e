"""Reading a YAML data file: a bundled package resource, or a file the user names."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def read_yaml(
    path: str | Path | None, package: str, name: str, error: type[ValueError]
) -> tuple[str, Any]:
    """(label, parsed YAML) of `path`, or of the bundled `package`/`name` when path is None.

    Unreadable or invalid files raise `error` with a message naming the file.
    """
    if path is None:
        label = f"<bundled>/{name}"
        text = (resources.files(package) / name).read_text(encoding="utf-8")
    else:
        label = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise error(f"{label}: cannot read: {exc.strerror}") from exc
    try:
        return label, yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{label}: not valid YAML: {exc}") from exc
    except ValueError as exc:  # YAML reads 2026-02-31 as a date and fails on it
        raise error(f"{label}: a date that is not a day of the calendar: {exc}") from exc
