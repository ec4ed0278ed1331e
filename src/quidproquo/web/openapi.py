"""The OpenAPI description of the JSON API (`/openapi.json`), kept as data in openapi.yaml;
the enumerations come from the code so that they cannot drift."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from quidproquo.ledger.stats import PERIOD_RULES
from quidproquo.model import EVENT_TYPES
from quidproquo.resolve import review
from quidproquo.resolve.people import STATUSES
from quidproquo.search import KINDS as SEARCH_KINDS

ENUMS = {
    "event_type": list(EVENT_TYPES),
    "object_type": list(review.TABLES),
    "person_status": list(STATUSES),
    "period_rule": list(PERIOD_RULES),
    "search_kind": list(SEARCH_KINDS),
    "field": sorted({"date", *(f for fields in review.EDITABLE.values() for f in fields)}),
}


@functools.cache
def openapi_document() -> dict[str, Any]:
    text = (resources.files("quidproquo.web") / "openapi.yaml").read_text(encoding="utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    schemas = document["components"]["schemas"]
    for name, values in ENUMS.items():
        schemas[name]["enum"] = values
    return document
