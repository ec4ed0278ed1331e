"""Rights groups' registries of named political prisoners: CSV files whose columns a layout
(data: `registry_layouts.yaml`, or the user's own YAML) maps to registry fields."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from quidproquo.datafile import read_yaml
from quidproquo.ingest.base import IngestError
from quidproquo.ingest.text import decode

FIELDS = ("name", "birth_year", "charges", "sentence", "arrest_date", "status", "url")
EARLIEST_BIRTH_YEAR = 1900
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class RegistryLayoutError(ValueError):
    """A layout file or name that cannot be used; the message says which and why."""


@dataclass
class RegistryEntry:
    line: int
    name: str
    birth_year: int | None = None
    charges: str | None = None
    sentence: str | None = None
    arrest_date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    status: str | None = None  # as the registry words it
    url: str | None = None


def _header_key(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.strip().casefold())


def load_layout(name: str = "plain", path: Path | None = None) -> dict[str, list[str]]:
    """field -> accepted headers, from the bundled layouts or a mapping file."""
    if path is not None:
        label, data = read_yaml(path, "", "", RegistryLayoutError)
    else:
        label, layouts = read_yaml(None, "quidproquo.ingest", "registry_layouts.yaml",
                                   RegistryLayoutError)  # fmt: skip
        if name not in layouts:
            raise RegistryLayoutError(f"no registry layout {name!r} (known: {', '.join(layouts)})")
        data = layouts[name]
    if not isinstance(data, dict) or "name" not in data:
        raise RegistryLayoutError(f"{label}: a layout maps fields to header lists and needs 'name'")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise RegistryLayoutError(f"{label}: unknown fields {', '.join(unknown)}")
    return {f: [_header_key(str(h)) for h in headers] for f, headers in data.items()}


def read_registry(
    path: Path, layout: dict[str, list[str]]
) -> Iterator[RegistryEntry | IngestError]:
    """Entries of a registry CSV; a bad row is named and the others still come."""
    try:
        content = decode(path, path.read_bytes())
    except (OSError, ValueError) as exc:
        yield IngestError(str(path), f"cannot read: {exc}")
        return
    reader = csv.reader(io.StringIO(content))
    header = next(reader, None)
    if not header:
        yield IngestError(str(path), "empty file: a registry needs a header row")
        return
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for field, accepted in layout.items():
            if _header_key(title) in accepted and field not in columns:
                columns[field] = index
    if "name" not in columns:
        wanted = ", ".join(repr(h) for h in layout["name"])
        yield IngestError(str(path), f"no name column (one of {wanted})", 1)
        return
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {f: (row[i].strip() if i < len(row) else "") or None for f, i in columns.items()}
        try:
            yield _entry(line, values)
        except ValueError as exc:
            yield IngestError(str(path), str(exc), line)


def _entry(line: int, values: dict[str, Any]) -> RegistryEntry:
    if not values.get("name"):
        raise ValueError("no name")
    year = values.get("birth_year")
    if year is not None:
        if not year.isdigit() or not EARLIEST_BIRTH_YEAR <= int(year) <= date.today().year:
            raise ValueError(f"birth year {year!r} is not a year between "
                             f"{EARLIEST_BIRTH_YEAR} and now")  # fmt: skip
        year = int(year)
    arrested = values.get("arrest_date")
    if arrested is not None:
        if not PARTIAL_DATE.match(arrested):
            raise ValueError(f"arrest date {arrested!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        try:
            date.fromisoformat((arrested + "-01-01")[:10])
        except ValueError:
            raise ValueError(f"arrest date {arrested!r} is not a real date") from None
        if arrested > date.today().isoformat():
            raise ValueError(f"arrest date {arrested!r} is in the future")
    return RegistryEntry(
        line=line,
        name=values["name"],
        birth_year=year,
        charges=values.get("charges"),
        sentence=values.get("sentence"),
        arrest_date=arrested,
        status=values.get("status"),
        url=values.get("url"),
    )
