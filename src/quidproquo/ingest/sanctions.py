"""Sanctions lists: OFAC's SDN file (legacy CSV or XML) and OpenSanctions / FollowTheMoney JSON.

Each reader yields `Listing`s (one listed person, company, vessel, ...) or `IngestError`s
naming the file and row; `Quidproquo.ingest_lists` stores them and ties each to an entity.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quidproquo.ingest.base import IngestError
from quidproquo.ingest.text import decode

SDN_COLUMNS = 12  # ent_num, name, type, programs, title, call sign, vessel x5, remarks
SDN_EMPTY = "-0-"
SDN_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft", "": "company"}
AKA = re.compile(r"a\.k\.a\.\s+'([^']+)'", re.IGNORECASE)
PROGRAM = re.compile(r"\[([A-Z0-9-]+)\]")
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
    country: str | None = None
    listed_on: str | None = None


def read_list(path: Path, list_name: str | None = None) -> Iterator[Listing | IngestError]:
    """Read an SDN CSV (`.csv`) or XML (`.xml`), or a FollowTheMoney JSON / JSON Lines file."""
    try:
        content = decode(path, path.read_bytes())
    except (OSError, ValueError) as exc:
        yield IngestError(str(path), f"cannot read: {exc}")
        return
    if path.suffix.lower() == ".csv":
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


def read_sdn_csv(path: Path, content: str, list_name: str) -> Iterator[Listing | IngestError]:
    """OFAC's legacy `sdn.csv`: no header, 12 columns, "-0-" for an empty cell."""
    for number, row in enumerate(csv.reader(io.StringIO(content)), start=1):
        if not row or not any(cell.strip() for cell in row) or row[0].strip() == "\x1a":
            continue
        if len(row) != SDN_COLUMNS:
            yield IngestError(str(path), f"expected {SDN_COLUMNS} columns, got {len(row)}", number)
            continue
        entry_id, name, sdn_type, programs = (_sdn_value(c) for c in row[:4])
        remarks = _sdn_value(row[11])
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
            aliases=AKA.findall(remarks),
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
        yield Listing(
            list_name=list_name,
            entry_id=uid,
            name=f"{first} {last.title()}" if first else last,
            kind=kind,
            programs=[p.text.strip() for p in _descendants(entry, "program") if p.text],
            aliases=[a for a in akas if a],
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
            country=(props.get("country") or [None])[0],
            listed_on=starts[0] if starts else None,
        )
