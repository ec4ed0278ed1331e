"""What a value may be when it enters the store, and how a stored value is read safely.

Every entry point (review corrections, curated facts, extracted events, sanctions lists) calls
`check_fields` (or one `check_*`), which returns the value in its stored form or raises
`InvalidValue` naming the field. The ranges are data (`limits.yaml`): dates between an earliest
year (`QPQ_EARLIEST_YEAR` overrides it) and the publication date (else today) plus a year,
counts non-negative and bounded.

The `stored_*` readers never raise: a value that got into the database some other way (an old
version, hand-written SQL) reads as None or an empty list, so no page or command fails on it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from quidproquo.model import EVENT_TYPES, MODALITIES, QUALIFIERS, STATUSES, Event

EARLIEST_YEAR_ENV = "QPQ_EARLIEST_YEAR"
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
LOOSE_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")  # 2025-6-1 as typed in an option
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidValue(ValueError):
    """A value refused at entry; the message names the field and says what is allowed."""

    def __init__(self, field: str, value: Any, reason: str) -> None:
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        super().__init__(f"{field}: {reason} (got {shown})")
        self.field = field


@dataclass(frozen=True)
class Limits:
    earliest_year: int
    future_days: int
    max_count: int
    max_name_chars: int
    max_text_chars: int
    max_list_items: int
    chunk_chars: int
    max_document_chars: int


@cache
def _bundled() -> dict[str, int]:
    text = (resources.files("quidproquo") / "limits.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def limits() -> Limits:
    values = _bundled()
    override = os.environ.get(EARLIEST_YEAR_ENV, "").strip()
    if override:
        if not override.isdigit() or not 1 <= int(override) <= date.today().year:
            raise InvalidValue(
                EARLIEST_YEAR_ENV, override, "must be a year up to this one, such as 1991"
            )
        values = values | {"earliest_year": int(override)}
    return Limits(**values)


# -- checks at entry -------------------------------------------------------------------


def parse_day(text: str) -> date:
    """A day typed as an option or URL parameter: 2025-06-01 or 2025-6-1. Raises ValueError
    saying why (not YYYY-MM-DD, or no such day: 2026-02-31)."""
    match = LOOSE_DAY.match(text.strip())
    if not match:
        raise ValueError("expected YYYY-MM-DD")
    return date(*map(int, match.groups()))


def check_date(
    value: Any, field: str, published: Any = None, earliest_year: int | None = None
) -> str | None:
    """An ISO day (YYYY-MM-DD) within the plausible range; None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        day = value
    else:
        match = ISO_DAY.match(str(value).strip())
        if not match:
            raise InvalidValue(field, value, "must be a date written YYYY-MM-DD")
        try:
            day = date(*map(int, match.groups()))
        except ValueError as exc:
            raise InvalidValue(field, value, f"is not a day of the calendar ({exc})") from None
    bound = limits()
    latest = (stored_date(published) or datetime.now(UTC).date()) + timedelta(bound.future_days)
    earliest = earliest_year or bound.earliest_year
    if day.year < earliest:
        raise InvalidValue(field, value, f"is before {earliest}, the earliest year")
    if day > latest:
        raise InvalidValue(
            field, value, f"is after {latest.isoformat()} (publication or today + a year)"
        )
    return day.isoformat()


def check_count(value: Any, field: str) -> int | None:
    """A whole number of people between 0 and max_count."""
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
        raise InvalidValue(field, value, "must be a whole number")
    if isinstance(value, str):
        if not value.strip().isdigit():
            raise InvalidValue(field, value, "must be a whole number, 0 or more")
        value = value.strip()
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidValue(field, value, "must be a whole number") from None
    top = limits().max_count
    if not 0 <= number <= top:
        raise InvalidValue(field, value, f"must be between 0 and {top:,}")
    return number


def check_text(value: Any, field: str, max_chars: int | None = None) -> str | None:
    """Text without control characters, within its length limit; '' becomes None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValue(field, value, "must be text")
    top = max_chars or limits().max_text_chars
    if len(value) > top:
        raise InvalidValue(field, value, f"is longer than {top:,} characters")
    if CONTROL.search(value):
        raise InvalidValue(field, value, "contains control characters")
    return value.strip() or None


def check_name(value: Any, field: str) -> str | None:
    text = check_text(value, field, limits().max_name_chars)
    if text is not None and "\n" in text:
        raise InvalidValue(field, value, "must be one line")
    return text


def check_names(value: Any, field: str) -> list[str]:
    """A list of names: a list, or its JSON text (as `--set persons='["A", "B"]'` gives it)."""
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise InvalidValue(field, value, 'must be a JSON list of names, e.g. ["A B"]') from None
    if not isinstance(value, list | tuple):
        raise InvalidValue(field, value, "must be a list of names")
    if len(value) > limits().max_list_items:
        raise InvalidValue(field, value, f"names more than {limits().max_list_items} people")
    names = []
    for item in value:
        if not isinstance(item, str):
            raise InvalidValue(field, value, "must be a list of names (text)")
        name = check_name(item, field)
        if name:
            names.append(name)
    return names


def check_choice(value: Any, field: str, choices: Iterable[str]) -> str | None:
    allowed = tuple(choices)
    if value is None:
        return None
    if value not in allowed:
        raise InvalidValue(field, value, f"must be one of {', '.join(allowed)}")
    return str(value)


def check_flag(value: Any, field: str) -> int:
    text = str(value).strip().lower()
    if isinstance(value, bool) or text in ("0", "1", "true", "false"):
        return int(value is True or text in ("1", "true"))
    raise InvalidValue(field, value, "must be 0 or 1 (true or false)")


def _choice(choices: Iterable[str]) -> Callable[[Any, str], str | None]:
    return lambda value, field: check_choice(value, field, choices)


# Each stored field and the check for it; dates take the publication date as a third argument.
CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "count": check_count,
    "persons": check_names,
    "type": _choice(EVENT_TYPES),
    "count_qualifier": _choice(QUALIFIERS),
    "qualifier": _choice(QUALIFIERS),
    "modality": _choice(MODALITIES),
    "status": _choice(STATUSES),
    "contested": check_flag,
    "text": check_text,
    "evidence": check_text,
    "notes": check_text,
    "note": check_text,
}
DATE_FIELDS = ("date_min", "date_max", "as_of", "as_of_min", "as_of_max")
LISTS_EARLIEST_YEAR = 1950


def check_fields(values: Mapping[str, Any], published: Any = None) -> dict[str, Any]:
    """Every value checked by its field's rule (names for the rest); the range kept in order."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name in DATE_FIELDS:
            out[name] = check_date(value, name, published)
        else:
            out[name] = CHECKS.get(name, check_name)(value, name)
    for low, high in (("date_min", "date_max"), ("as_of_min", "as_of_max")):
        if out.get(low) and out.get(high) and out[low] > out[high]:
            raise InvalidValue(high, out[high], f"is before {low} {out[low]}")
    return out


def check_claim_value(prop: str, value: Any, published: Any = None) -> Any:
    """A claim's value by its property: a count, a date range, a list of persons, or a name."""
    if prop == "date":
        if not isinstance(value, Mapping):
            value = {"min": value, "max": value}
        both = check_fields(
            {"date_min": value.get("min"), "date_max": value.get("max")}, published
        )
        return {"min": both["date_min"], "max": both["date_max"]}
    return check_fields({prop: value}, published)[prop]


# -- reading what is stored ------------------------------------------------------------


def stored_date(value: Any) -> date | None:
    """The day a stored value starts with, or None when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = ISO_DAY.match(str(value or "")[:10])
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def plausible_date(value: Any) -> date | None:
    """A stored event date inside the entry range (earliest year .. today plus a year)."""
    day = stored_date(value)
    bound = limits()
    latest = datetime.now(UTC).date() + timedelta(bound.future_days)
    return day if day is not None and bound.earliest_year <= day.year and day <= latest else None


def stored_count(value: Any) -> int | None:
    """A stored count as an int within the counts' range, or None."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 <= number <= limits().max_count else None


def stored_json(value: Any) -> Any:
    """Decoded JSON text, or None when it is not JSON."""
    if value is None or not isinstance(value, str | bytes):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return None


def stored_names(value: Any) -> list[str]:
    """A stored list of names (JSON text), or [] when it is not one."""
    found = stored_json(value) if isinstance(value, str | bytes) else value
    if not isinstance(found, list):
        return []
    return [str(item) for item in found if isinstance(item, str | int) and str(item).strip()]


def check_listing(name: Any, country: Any, listed_on: Any) -> None:
    """A sanctions-list entry: a name, a country name, a listing date (lists go back to 1950)."""
    check_name(name, "name")
    check_name(country, "country")
    if not (name or "").strip():
        raise InvalidValue("name", name, "must not be empty")
    partial = str(listed_on or "")
    if re.fullmatch(r"\d{4}(-\d{2})?", partial):  # lists often give only a year or month
        listed_on = (partial + "-01-01")[:10]
    check_date(listed_on, "listed_on", earliest_year=LISTS_EARLIEST_YEAR)


def checked_event(
    event: Event, published: Any = None, refused: list[InvalidValue] | None = None
) -> Event:
    """An extracted event before it is stored: each value that fails its check is dropped
    (a 26-digit count, a date in year 1, a name of control characters), the event kept.
    Each refusal is appended to `refused` (the caller counts and reports them)."""
    refusals: list[InvalidValue] = [] if refused is None else refused

    def check(values: dict[str, Any], empty: dict[str, Any]) -> dict[str, Any]:
        try:
            return check_fields(values, published)
        except InvalidValue as exc:
            refusals.append(exc)
            return empty

    values: dict[str, Any] = {}
    for name in ("count", "actor", "target", "destination", "instrument"):
        values |= check({name: getattr(event, name)}, {name: None})
    if values["count"] is None:
        values["count_qualifier"] = None
    dates = {"date_min": event.date_min, "date_max": event.date_max}
    values |= check(dates, dict.fromkeys(dates))
    persons: list[str] = []
    for person in event.persons:
        persons += check({"persons": [person]}, {"persons": []})["persons"]
    return replace(event, **values, persons=persons)


def _json_text(value: Any, keep: Callable[[Any], bool], empty: str) -> Any:
    if value is None:
        return None
    found = stored_json(value)
    return value if keep(found) else empty


def _names_list(found: Any) -> bool:
    return isinstance(found, list) and all(isinstance(item, str) for item in found)


def _claim_value(row: Mapping[str, Any], value: Any) -> Any:
    """A claim's JSON value of the shape its property needs, else JSON null."""
    found = stored_json(value)
    prop = row.get("property")
    if prop == "count":
        whole = isinstance(found, int) and not isinstance(found, bool)
        return value if whole and stored_count(found) is not None else "null"
    if prop == "date":
        ok = isinstance(found, dict) and all(
            found.get(k) is None or stored_date(found.get(k)) for k in ("min", "max")
        )
        return value if ok else "null"
    if prop == "persons":
        return value if _names_list(found) else "null"
    return value if value is None or found is not None or value == "null" else "null"


# Columns read through Store.query and what a stored value must look like to be handed out.
READ_GUARDS: dict[str, Callable[[Mapping[str, Any], Any], Any]] = {
    "count": lambda row, v: stored_count(v),
    "contested": lambda row, v: int(bool(stored_count(v))),
    "persons": lambda row, v: _json_text(v, _names_list, "[]"),
    "programs": lambda row, v: _json_text(v, _names_list, "[]"),
    "aliases": lambda row, v: _json_text(v, _names_list, "[]"),
    "sources": lambda row, v: _json_text(v, _names_list, "[]"),
    "attributes": lambda row, v: _json_text(v, lambda f: isinstance(f, dict), "{}"),
    "value": _claim_value,
    # Readable dates pass, implausible ones too: the chance test lists and excludes them.
    **{
        name: (lambda row, v: v if v is None or stored_date(v) else None)
        for name in (*DATE_FIELDS, "listed_on", "published", "retrieved")
    },
}


def sane_row(row: dict[str, Any]) -> dict[str, Any]:
    """The row with every guarded column readable: a bad stored value reads as None (or an
    empty list), so no page, command or export fails on it."""
    for name in row.keys() & READ_GUARDS.keys():
        row[name] = READ_GUARDS[name](row, row[name])
    return row
