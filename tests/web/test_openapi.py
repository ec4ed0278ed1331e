"""The OpenAPI description served at /openapi.json, and a schema-driven fuzz run against it
(schemathesis): whatever the generated request, the app never answers 500 and its answers
match the description. QPQ_FUZZ_EXAMPLES sets the examples per operation (25 here; see
SECURITY.md for a longer run)."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from starlette.routing import Route
from web_fixtures import BASE_URL, TestClient, WebData

from quidproquo.model import EVENT_TYPES
from quidproquo.web import create_app
from quidproquo.web.openapi import openapi_document

EXAMPLES = int(os.environ.get("QPQ_FUZZ_EXAMPLES", "25"))
REPEATABLE = "QPQ_FUZZ_EXAMPLES" not in os.environ  # CI: the same examples every run


def test_openapi_describes_every_json_route(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.")
    routes = {
        (route.path, method.lower())
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route)
        and route.path.endswith(".json")
        and route.path != "/openapi.json"
        for method in (route.methods or set()) - {"HEAD"}
    }
    described = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert routes - described == set(), "JSON routes missing from web/openapi.yaml"
    assert described - routes == set(), "web/openapi.yaml describes routes the app lacks"
    types = document["components"]["schemas"]["event_type"]["enum"]
    assert types == list(EVENT_TYPES)


OPERATIONS = [(path, method) for path, ops in openapi_document()["paths"].items() for method in ops]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_api_never_fails_on_generated_requests(
    web: WebData, path: str, method: str, mode: GenerationMode
) -> None:
    """Positive: valid requests get their described answers. Negative: requests that break
    the description never get a 500 (the app may take an empty or over-long parameter as
    given, so acceptance itself is not judged)."""
    app = create_app(str(web.db))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers={"host": "localhost"})
    operation = schema[path][method.upper()]
    headers = {"authorization": f"Bearer {web.token}"}
    # A decision can be schema-valid yet refused (a field that its object type lacks): 400.
    excluded = [positive_data_acceptance] if method == "post" else []
    if mode == GenerationMode.NEGATIVE:
        excluded = [positive_data_acceptance, negative_data_rejection]

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=REPEATABLE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: Any) -> None:
        case.call_and_validate(base_url=BASE_URL, headers=headers, excluded_checks=excluded)

    check()
