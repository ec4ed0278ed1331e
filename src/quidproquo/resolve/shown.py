"""How a property's value is shown, the same way on every surface (CLI, web, exports, report).

An incident's value is the sources' consensus unless a reviewer corrected it. A reviewer's
value is never passed off as the sources': it reads "18 (reviewer) [17×2]" — the value, who
set it, then what the sources say. Which properties a reviewer set is read from the audit log
(each `correct` records the row before and after), so it survives later accepts and resolves.

A shown value is a plain dict (it goes into JSON as is):
    {"value": 18, "qualifier": None, "by_reviewer": True,
     "claims": [{"value": 17, "qualifier": None, "sources": 2}]}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from quidproquo.store import Store
from quidproquo.validate import stored_json

# The properties a reviewer may set, each with the stored columns that hold it.
PROPERTY_COLUMNS: dict[str, tuple[str, ...]] = {
    "type": ("type",),
    "date": ("date_min", "date_max"),
    "count": ("count", "count_qualifier"),
    "destination": ("destination",),
    "persons": ("persons",),
    "actor": ("actor",),
    "target": ("target",),
    "instrument": ("instrument", "instrument_label"),
    "modality": ("modality",),
}
QUALIFIER_WORDS = {
    "more_than": "more than",
    "about": "about",
    "at_least": "at least",
    "less_than": "fewer than",
}
Shown = dict[str, Any]


def qualified(count: Any, qualifier: str | None) -> str:
    """'about 1,200'; None reads 'unknown'."""
    if count is None:
        return "unknown"
    words = QUALIFIER_WORDS.get(qualifier or "")
    text = f"{count:,}" if isinstance(count, int) and not isinstance(count, bool) else str(count)
    return f"{words} {text}" if words else text


def format_value(prop: str, value: Any, qualifier: str | None = None) -> str:
    """One value as text: a date range '2025-06-01..2025-06-30', a list 'A, B'."""
    if prop == "date" and isinstance(value, dict):
        low, high = value.get("min"), value.get("max")
        return str(low) if low == high or not high else f"{low}..{high}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return qualified(value, qualifier) if qualifier else str(value)


def property_value(row: Mapping[str, Any], prop: str) -> tuple[Any, str | None]:
    """(value, qualifier) of a property in a stored incident or event row."""
    if prop == "date":
        low, high = row.get("date_min"), row.get("date_max")
        return ({"min": low, "max": high or low} if low or high else None), None
    if prop == "count":
        return row.get("count"), row.get("count_qualifier")
    if prop == "persons":
        persons = row.get("persons")
        return (stored_json(persons) if isinstance(persons, str) else persons) or None, None
    if prop == "instrument":
        return row.get("instrument_label") or row.get("instrument"), None
    return row.get(prop), None


def shown(
    prop: str,
    row: Mapping[str, Any],
    claims: Iterable[Mapping[str, Any]],
    by_reviewer: bool,
) -> Shown:
    """The shown value of `prop`: the row's value, who set it, the sources' claims (dicts
    with value, sources and maybe qualifier; best supported first)."""
    value, qualifier = property_value(row, prop)
    return {
        "value": value,
        "qualifier": qualifier,
        "by_reviewer": by_reviewer,
        "claims": [
            {"value": c["value"], "qualifier": c.get("qualifier"), "sources": c["sources"]}
            for c in claims
        ],
    }


def shown_values(
    row: Mapping[str, Any],
    claim_sets: Mapping[str, Iterable[Mapping[str, Any]]],
    reviewed: Mapping[str, Any],
    props: Iterable[str] = PROPERTY_COLUMNS,
) -> dict[str, Shown]:
    """Every property that has a value or a claim, shown (`reviewed`: what a reviewer set)."""
    result = {}
    for prop in props:
        claims = claim_sets.get(prop) or []
        if claims or any(row.get(c) is not None for c in PROPERTY_COLUMNS[prop]):
            value = shown(prop, row, claims, prop in reviewed)
            if value["value"] is not None or value["claims"]:
                result[prop] = value
    return result


def _claim_text(prop: str, claim: Mapping[str, Any]) -> str:
    return f"{format_value(prop, claim['value'], claim.get('qualifier'))}×{claim['sources']}"


def value_text(prop: str, value: Shown) -> str:
    """'123 (×11)'; sources disagreeing '14 [14×5 / 16×1]'; a reviewer's value
    '18 (reviewer) [17×2]' (or '18 (reviewer) [no source]')."""
    head = "?" if value["value"] is None else format_value(prop, value["value"], value["qualifier"])
    claims = value["claims"]
    if value["by_reviewer"]:
        head += " (reviewer)"
        if not claims:
            return f"{head} [no source]"
    if not claims:
        return head
    if len(claims) == 1 and claims[0]["value"] == value["value"] and not value["by_reviewer"]:
        return f"{head} (×{claims[0]['sources']})"
    return f"{head} [{' / '.join(_claim_text(prop, c) for c in claims)}]"


def claims_text(prop: str, value: Shown, separator: str = " | ") -> str:
    """The sources' claims '123 (4 sources) | 122 (1 source)'; a reviewer's value first
    when a reviewer set it ('18 (reviewer) [17×2]'); no claim: the stored value alone."""
    if value["by_reviewer"] or not value["claims"]:
        return value_text(prop, value)
    return separator.join(
        f"{format_value(prop, c['value'], c.get('qualifier'))} ({_sources(c['sources'])})"
        for c in value["claims"]
    )


def _sources(n: int) -> str:
    return f"{n} source" if n == 1 else f"{n} sources"


# -- which properties a reviewer set ------------------------------------------------------

_CACHE: dict[tuple[str, str], tuple[Any, dict[str, dict[str, Any]]]] = {}


def reviewer_set(store: Store, object_type: str) -> dict[str, dict[str, Any]]:
    """object id -> {property: its value before the first correction that changed it}, for
    every incident (or event) a reviewer corrected. Read from the audit log once per log head;
    when the log grew from the head last read (it is append-only), only the entries after it."""
    head = store.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
    key = (store.url, object_type)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == head:
        return cached[1]
    found: dict[str, dict[str, Any]] = {}
    since = -1
    if cached is not None and cached[0] is not None and head is not None:
        then = store.query_one("SELECT hash FROM audit_log WHERE seq = :s", {"s": cached[0]["seq"]})
        if then is not None and then["hash"] == cached[0]["hash"]:  # the same log, grown
            found = {i: dict(props) for i, props in cached[1].items()}
            since = cached[0]["seq"]
    rows = store.query(
        "SELECT object_id, before, after FROM audit_log"
        " WHERE object_type = :t AND action = 'correct' AND seq > :s ORDER BY seq",
        {"t": object_type, "s": since},
    )
    for row in rows:
        before, after = stored_json(row["before"]), stored_json(row["after"])  # never raise
        if not isinstance(before, dict) or not isinstance(after, dict):
            continue
        props = found.setdefault(row["object_id"], {})
        for prop, columns in PROPERTY_COLUMNS.items():
            if prop not in props and any(before.get(c) != after.get(c) for c in columns):
                props[prop] = property_value(before, prop)
    _CACHE[key] = (head, found)
    return found


def reviewer_text(prop: str, values: Mapping[str, Shown], plain: str) -> str:
    """The text of a value a reviewer set ('18 (reviewer) [17×2]'), else `plain`."""
    value = values.get(prop)
    return value_text(prop, value) if value and value["by_reviewer"] else plain


def reviewer_summary(values: Mapping[str, Shown], skip: Iterable[str] = ()) -> str:
    """'date: 2025-12-13 (reviewer) [2025-12-12×2] | destination: ...' for every property a
    reviewer set (those in `skip` left out); '' when none."""
    return " | ".join(
        f"{prop}: {value_text(prop, value)}"
        for prop, value in values.items()
        if value["by_reviewer"] and prop not in skip
    )
