"""CSV exports: one flat row per record, written as it is read.

An incident row never shows a single value of a property its sources dispute: beside each
consensus column stands a `<property>_claims` column listing every value with its number of
sources ("123 (4 sources); 122 (1 source)"), and `contested` flags the disagreement. A value a
reviewer set reads "18 (reviewer) [17×2]" there, and `by_reviewer` names those properties.

Cells come from article text and feeds, so a cell a spreadsheet would run as a formula
(starting with =, +, -, @, tab or carriage return) is written with a leading apostrophe;
numbers, negative ones included, stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from quidproquo.export import records
from quidproquo.export.ledger_rows import CSV_COLUMNS as LEDGER_COLUMNS
from quidproquo.export.ledger_rows import csv_row as ledger_csv_row
from quidproquo.resolve.shown import claims_text, reviewer_summary
from quidproquo.resolve.views import format_value
from quidproquo.store import Store

# Incident properties exported as consensus value + claim set, in column order.
CLAIMED_PROPERTIES = ("date", "count", "destination", "target", "actor", "instrument", "persons")

INCIDENT_COLUMNS = [
    "id",
    "type",
    "status",
    "origin",
    "contested",
    "date",
    "date_claims",
    "count",
    "count_qualifier",
    "count_claims",
    "destination",
    "destination_claims",
    "target",
    "target_claims",
    "actor",
    "actor_claims",
    "instrument",
    "instrument_label",
    "instrument_claims",
    "persons",
    "persons_claims",
    "notes",
    "by_reviewer",
]
CLAIM_COLUMNS = [
    "id",
    "incident_id",
    "incident_type",
    "incident_date",
    "property",
    "value",
    "qualifier",
    "attributed_to",
    "as_of",
    "source_url",
    "document_id",
    "event_id",
    "evidence",
    "sentence_start",
    "sentence_end",
    "status",
    "origin",
    "note",
]
EVENT_COLUMNS = [
    "id",
    "document_id",
    "type",
    "date_min",
    "date_max",
    "count",
    "count_qualifier",
    "actor",
    "target",
    "destination",
    "persons",
    "modality",
    "instrument",
    "status",
    "source_url",
    "evidence",
    "sentence_start",
    "sentence_end",
    "reviewer_values",
]
QUOTE_COLUMNS = [
    "id",
    "document_id",
    "speaker",
    "text",
    "quote_start",
    "quote_end",
    "sentence_start",
    "sentence_end",
    "status",
    "source_url",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
ENTITY_COLUMNS = ["id", "name", "kind", "role", "aliases", "attributes", "origin", "incidents"]
PEOPLE_COLUMNS = [
    "key", "name", "status", "status_since", "doubts", "registries", "facts", "sources",
]  # fmt: skip


def cell(value: Any) -> str:
    """A CSV cell: lists joined by '; ', mappings as JSON, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def safe_cell(value: Any) -> str:
    """`cell`, with text a spreadsheet would evaluate turned into plain text."""
    text = cell(value)
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def _writer(out: TextIO) -> Any:
    return csv.writer(out, lineterminator="\n")


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], out: TextIO) -> int:
    """Header, then each row as soon as it comes; returns the number of rows."""
    writer = _writer(out)
    writer.writerow(columns)
    written = 0
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
        written += 1
    return written


def csv_line(row: dict[str, Any], columns: list[str]) -> str:
    """One row as `write_rows` writes it, as text (a stored line is written as it is)."""
    buffer = io.StringIO()
    write_rows([row], columns, buffer)
    return buffer.getvalue().partition("\n")[2]


def incident_lines(incidents: list[dict[str, Any]]) -> dict[str, str]:
    """incident id -> its line of the incidents CSV (`records.incidents_with_claims` rows)."""
    return {i["id"]: csv_line(incident_row(i), INCIDENT_COLUMNS) for i in incidents}


def write_stored_incidents(store: Store, out: TextIO) -> int:
    """The incidents CSV (not rejected ones) from the lines stored with their summaries
    (`records.stored_incident_lines`): a page of lines at a time, written as they are."""
    _writer(out).writerow(INCIDENT_COLUMNS)
    written = 0
    for lines in records.stored_incident_lines(store, incident_lines):
        out.write("".join(lines))
        written += len(lines)
    return written


def claim_set_text(prop: str, incident: dict[str, Any]) -> str:
    """'123 (4 sources); 122 (1 source)', or '18 (reviewer) [17×2]' (resolve/shown.py); ''
    when no source claims a value and no reviewer set one."""
    value = incident["values"].get(prop)
    if value is None or not (value["claims"] or value["by_reviewer"]):
        return ""
    return claims_text(prop, value, "; ")


def incident_row(incident: dict[str, Any]) -> dict[str, Any]:
    """An incident (`records.incident_summaries`) as one flat row."""
    date = {"min": incident["date_min"], "max": incident["date_max"]}
    row = dict(incident)
    row["date"] = format_value("date", date) if incident["date_min"] else ""
    for prop in CLAIMED_PROPERTIES:
        row[f"{prop}_claims"] = claim_set_text(prop, incident)
    return row


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    """An extracted event; what a reviewer changed in it beside what was extracted."""
    return event | {"reviewer_values": reviewer_summary(event["values"])}


def person_row(person: dict[str, Any]) -> dict[str, Any]:
    """A person with their story in one cell: 'date kind: detail' per fact."""
    facts = [f"{f['date']} {f['kind']}" + (f": {f['detail']}" if f["detail"] else "")
             for f in person["facts"]]  # fmt: skip
    sources = list(dict.fromkeys(s for f in person["facts"] for s in f["sources"]))
    return person | {"facts": facts, "sources": sources}


def claim_row(claim: dict[str, Any]) -> dict[str, Any]:
    return claim | {"value": format_value(claim["property"], claim["value"])}


def write_csv(
    store: Store,
    kind: str,
    out: TextIO,
    accepted_only: bool = False,
    window_days: int = records.DEFAULT_WINDOW_DAYS,
) -> int:
    """Write one export kind as CSV; returns the number of data rows."""
    if kind == "incidents" and not accepted_only:
        return write_stored_incidents(store, out)
    sources: dict[str, tuple[list[str], Callable[[], Iterable[dict[str, Any]]]]] = {
        "incidents": (
            INCIDENT_COLUMNS,
            lambda: map(incident_row, records.incident_summaries(store, accepted_only)),
        ),
        "claims": (CLAIM_COLUMNS, lambda: map(claim_row, records.claims(store, accepted_only))),
        "events": (EVENT_COLUMNS, lambda: map(event_row, records.events(store, accepted_only))),
        "quotes": (QUOTE_COLUMNS, lambda: records.quotes(store, accepted_only)),
        "entities": (ENTITY_COLUMNS, lambda: records.entities(store)),
        "people": (PEOPLE_COLUMNS, lambda: map(person_row, records.people(store))),
        "ledger": (
            LEDGER_COLUMNS,
            lambda: map(ledger_csv_row, records.ledger_rows(store, window_days, accepted_only)),
        ),
    }
    columns, rows = sources[kind]
    return write_rows(rows(), columns, out)
