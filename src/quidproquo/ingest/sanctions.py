"""Sanctions lists: OFAC's SDN file (legacy CSV or XML) and OpenSanctions / FollowTheMoney JSON.

Each reader yields `Listing`s (one listed person, company, vessel, ...) or `IngestError`s
naming the file and row; `Quidproquo.ingest_lists` stores them and ties each to an entity.
OFAC publishes the CSV as a primary file (`sdn.csv`, or `cons_prim.csv` for the consolidated
list) with two companions beside it, `add.csv` (addresses) and `alt.csv` (aliases): reading
the primary reads its companions too, and a companion given alone is named as an error.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from quidproquo.datafile import read_yaml
from quidproquo.ingest.base import IngestError
from quidproquo.ingest.text import decode

SDN_COLUMNS = 12  # ent_num, name, type, programs, title, call sign, vessel x5, remarks
ADD_COLUMNS = 6  # ent_num, add_num, address, city/state/postal code, country, remarks
ALT_COLUMNS = 5  # ent_num, alt_num, alt_type, alt_name, remarks
# Primary CSV file stem -> the stems of its address and alias companions.
COMPANIONS = {"sdn": ("add", "alt"), "cons_prim": ("cons_add", "cons_alt")}
COMPANION_OF = {c: primary for primary, pair in COMPANIONS.items() for c in pair}
SDN_EMPTY = "-0-"
SDN_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft", "": "company"}
AKA = re.compile(r"a\.k\.a\.\s+'([^']+)'", re.IGNORECASE)
PROGRAM = re.compile(r"\[([A-Z0-9-]+)\]")
PUBLISH_DATE = re.compile(r"<Publish_Date>\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*</Publish_Date>")
FTM_KINDS = {
    "Person": "person",
    "Company": "company",
    "Organization": "organization",
    "LegalEntity": "organization",
    "PublicBody": "government_body",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}


@dataclass
class Listing:
    list_name: str
    entry_id: str
    name: str
    kind: str
    programs: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    country: str | None = None
    listed_on: str | None = None


def list_published(path: Path) -> str | None:
    """The publication date a list file states (OFAC XML's Publish_Date), as an ISO date."""
    if path.suffix.lower() != ".xml":
        return None
    try:
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
    except OSError:
        return None
    found = PUBLISH_DATE.search(head)
    if not found:
        return None
    month, day, year = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def is_companion(path: Path) -> bool:
    """True for OFAC's add.csv / alt.csv, read with their primary file, never alone."""
    return path.suffix.lower() == ".csv" and path.stem.lower() in COMPANION_OF


def read_list(path: Path, list_name: str | None = None) -> Iterator[Listing | IngestError]:
    """Read an SDN CSV (`.csv`) or XML (`.xml`), or a FollowTheMoney JSON / JSON Lines file."""
    try:
        content = decode(path, path.read_bytes())
    except (OSError, ValueError) as exc:
        yield IngestError(str(path), f"cannot read: {exc}")
        return
    if is_companion(path):
        primary = COMPANION_OF[path.stem.lower()]
        yield IngestError(str(path), f"an OFAC companion file: give {primary}.csv beside it")
    elif path.suffix.lower() == ".csv":
        yield from read_sdn_csv(path, content, list_name or "OFAC SDN")
    elif path.suffix.lower() == ".xml":
        yield from read_sdn_xml(path, content, list_name or "OFAC SDN")
    elif path.suffix.lower() in (".json", ".jsonl", ".ndjson", ".ftm"):
        yield from read_ftm(path, content, list_name or "OpenSanctions")
    else:
        yield IngestError(str(path), "not a sanctions list (SDN .csv/.xml or FtM .json/.jsonl)")


def _sdn_value(cell: str) -> str:
    cell = cell.strip()
    return "" if cell == SDN_EMPTY else cell


def _csv_rows(
    path: Path, content: str, columns: int
) -> Iterator[tuple[int, list[str]] | IngestError]:
    """Numbered rows of an OFAC CSV file, skipping blank lines and the DOS end-of-file mark."""
    for number, row in enumerate(csv.reader(io.StringIO(content)), start=1):
        if not row or not any(cell.strip() for cell in row) or row[0].strip() == "\x1a":
            continue
        if len(row) != columns:
            yield IngestError(str(path), f"expected {columns} columns, got {len(row)}", number)
            continue
        yield number, [_sdn_value(c) for c in row]


def _companion(path: Path, stem: str) -> Path | None:
    """The file of that stem beside `path`, in any letter case."""
    for sibling in path.parent.iterdir() if path.parent.is_dir() else ():
        if sibling.suffix.lower() == ".csv" and sibling.stem.lower() == stem:
            return sibling
    return None


def read_companions(
    path: Path,
) -> tuple[dict[str, list[str]], dict[str, list[str]], list[IngestError]]:
    """Addresses and aliases by ent_num from the add/alt files beside a primary CSV."""
    addresses: dict[str, list[str]] = {}
    aliases: dict[str, list[str]] = {}
    errors: list[IngestError] = []
    add_stem, alt_stem = COMPANIONS.get(path.stem.lower(), (None, None))
    wanted = ((add_stem, ADD_COLUMNS, addresses), (alt_stem, ALT_COLUMNS, aliases))
    for stem, columns, into in wanted:
        companion = _companion(path, stem) if stem else None
        if companion is None:
            continue
        try:
            text = decode(companion, companion.read_bytes())
        except (OSError, ValueError) as exc:
            errors.append(IngestError(str(companion), f"cannot read: {exc}"))
            continue
        for item in _csv_rows(companion, text, columns):
            if isinstance(item, IngestError):
                errors.append(item)
                continue
            _, row = item
            value = (
                ", ".join(part for part in row[2:5] if part) if columns == ADD_COLUMNS else row[3]
            )
            if value:
                into.setdefault(row[0], []).append(value)
    return addresses, aliases, errors


def read_sdn_csv(path: Path, content: str, list_name: str) -> Iterator[Listing | IngestError]:
    """OFAC's legacy `sdn.csv`: no header, 12 columns, "-0-" for an empty cell; with the
    addresses and aliases of its `add.csv` and `alt.csv` companions where they lie beside it."""
    addresses, aliases, errors = read_companions(path)
    yield from errors
    for item in _csv_rows(path, content, SDN_COLUMNS):
        if isinstance(item, IngestError):
            yield item
            continue
        number, row = item
        entry_id, name, sdn_type, programs = row[:4]
        remarks = row[11]
        if not entry_id.isdigit() or not name:
            yield IngestError(str(path), "an SDN row needs a numeric ent_num and a name", number)
            continue
        kind = SDN_KINDS.get(sdn_type.lower())
        if kind is None:
            yield IngestError(str(path), f"unknown SDN type {sdn_type!r}", number)
            continue
        yield Listing(
            list_name=list_name,
            entry_id=entry_id,
            name=_sdn_name(name, kind),
            kind=kind,
            programs=PROGRAM.findall(programs) or [p for p in programs.split() if p],
            aliases=list(dict.fromkeys(AKA.findall(remarks) + aliases.get(entry_id, []))),
            addresses=addresses.get(entry_id, []),
        )


def _local(tag: str) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _child_text(element: ET.Element, name: str) -> str:
    found = next((c for c in element if _local(c.tag) == name), None)
    return (found.text or "").strip() if found is not None else ""


def _descendants(element: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in element.iter() if _local(e.tag) == name]


def read_sdn_xml(path: Path, content: str, list_name: str) -> Iterator[Listing | IngestError]:
    """OFAC's `sdn.xml`: `sdnEntry` elements with uid, names, sdnType, programs and a.k.a.s."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        yield IngestError(str(path), f"invalid XML: {exc}", exc.position[0])
        return
    for number, entry in enumerate(_descendants(root, "sdnEntry"), start=1):
        uid, last = _child_text(entry, "uid"), _child_text(entry, "lastName")
        first, sdn_type = _child_text(entry, "firstName"), _child_text(entry, "sdnType")
        kind = SDN_KINDS.get("" if sdn_type == "Entity" else sdn_type.lower())
        if not uid or not last or kind is None:
            yield IngestError(
                str(path), f"sdnEntry {number} needs a uid, a lastName and a known sdnType"
            )
            continue
        akas = [
            " ".join(p for p in (_child_text(a, "firstName"), _child_text(a, "lastName")) if p)
            for a in _descendants(entry, "aka")
        ]
        countries = [c.text.strip() for c in _descendants(entry, "country") if c.text]
        addresses = [
            ", ".join(
                (c.text or "").strip()
                for c in address
                if _local(c.tag) not in ("uid",) and (c.text or "").strip()
            )
            for address in _descendants(entry, "address")
        ]
        yield Listing(
            list_name=list_name,
            entry_id=uid,
            name=f"{first} {last.title()}" if first else last,
            kind=kind,
            programs=[p.text.strip() for p in _descendants(entry, "program") if p.text],
            aliases=[a for a in akas if a],
            addresses=[a for a in addresses if a],
            country=countries[0] if countries else None,
        )


def _sdn_name(name: str, kind: str) -> str:
    """SDN writes people as "SURNAME, Given"; keep "Given SURNAME" as the display name."""
    if kind == "person" and "," in name:
        surname, given = (part.strip() for part in name.split(",", 1))
        return f"{given} {surname.title()}"
    return name


def _ftm_entities(path: Path, content: str) -> Iterator[tuple[int, dict[str, Any]] | IngestError]:
    stripped = content.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield IngestError(str(path), f"invalid JSON: {exc.msg}", exc.lineno)
            return
        yield from enumerate(items, start=1)
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield IngestError(str(path), f"invalid JSON: {exc.msg}", number)


def read_ftm(path: Path, content: str, list_name: str) -> Iterator[Listing | IngestError]:
    """FtM entities; `Sanction` entities name which of them are listed (else every entity
    whose topics include a sanction)."""
    entities: dict[str, tuple[int, dict[str, Any]]] = {}
    sanctions: dict[str, list[dict[str, Any]]] = {}
    for item in _ftm_entities(path, content):
        if isinstance(item, IngestError):
            yield item
            continue
        number, entity = item
        props = entity.get("properties") if isinstance(entity, dict) else None
        if not isinstance(props, dict) or not entity.get("id") or not entity.get("schema"):
            yield IngestError(str(path), "an FtM entity needs id, schema and properties", number)
            continue
        if entity["schema"] == "Sanction":
            for target in props.get("entity", []):
                sanctions.setdefault(str(target), []).append(props)
        else:
            entities[str(entity["id"])] = (number, entity)
    for entity_id, (number, entity) in entities.items():
        props = entity["properties"]
        listed = sanctions.get(entity_id, [])
        if not listed and not any("sanction" in t for t in props.get("topics", [])):
            continue
        names = [str(n) for n in props.get("name", [])]
        kind = FTM_KINDS.get(entity["schema"])
        if not names or kind is None:
            yield IngestError(
                str(path), f"entity {entity_id}: no name or unsupported schema", number
            )
            continue
        programs = [str(p) for s in listed for p in s.get("program", []) + s.get("programId", [])]
        starts = sorted(str(d) for s in listed for d in s.get("startDate", []))
        yield Listing(
            list_name=list_name,
            entry_id=entity_id,
            name=names[0],
            kind=kind,
            programs=list(dict.fromkeys(programs)),
            aliases=list(dict.fromkeys(names[1:] + [str(a) for a in props.get("alias", [])])),
            addresses=[str(a) for a in props.get("address", [])],
            country=(props.get("country") or [None])[0],
            listed_on=starts[0] if starts else None,
        )


@dataclass(frozen=True)
class ListScope:
    """Which entries concern the project, and who stands behind a list (sanctions_scope.yaml)."""

    programs: tuple[str, ...]
    countries: frozenset[str]
    lists: dict[str, dict[str, str | None]]
    default: dict[str, str | None]

    def covers(self, programs: list[str], country: str | None) -> bool:
        """True for an entry of a programme or country this project follows."""
        if (country or "").strip().lower() in self.countries:
            return True
        return any(word in p.upper() for p in programs for word in self.programs)

    def about(self, list_name: str) -> dict[str, str | None]:
        """publisher, actor, removal and addition instruments of a list."""
        return self.default | self.lists.get(list_name, {})


@cache
def list_scope() -> ListScope:
    _, data = read_yaml(None, "quidproquo.ingest", "sanctions_scope.yaml", ValueError)
    return ListScope(
        programs=tuple(str(p).upper() for p in data["programs"]),
        countries=frozenset(str(c).lower() for c in data["countries"]),
        lists={str(k): dict(v) for k, v in data["lists"].items()},
        default=dict(data["default"]),
    )
