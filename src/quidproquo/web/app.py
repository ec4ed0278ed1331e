"""The Starlette application: every page is HTML, and JSON when its path ends in `.json`."""

from __future__ import annotations

import io
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from quidproquo.app import Quidproquo
from quidproquo.export import export
from quidproquo.ledger.report import domain, qualified
from quidproquo.resolve.views import format_claim_set, format_value
from quidproquo.web import views
from quidproquo.web.views import BadRequest, NotFound, Page, Params

REVIEWER_COOKIE = "qpq_reviewer"
COOKIE_MAX_AGE = 180 * 24 * 3600
View = Callable[[Quidproquo, Params], Page]
Endpoint = Callable[[Request], Awaitable[Response]]


def create_app(db: str | None = None, *, project: Quidproquo | None = None) -> Starlette:
    """The web app over one database (a path or URL, as for `qpq --db`)."""
    qpq = project or Quidproquo(db)
    env = _environment()

    def page(view: View) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            params = dict(request.query_params) | request.path_params
            try:
                result = await run_in_threadpool(view, qpq, params)
            except (BadRequest, NotFound) as exc:
                return _error(env, request, exc.status, str(exc))
            if _wants_json(request):
                return _json(result.data)
            reviewer = request.cookies.get(REVIEWER_COOKIE, "")
            context = result.data | result.extra | {"reviewer": reviewer}
            html = env.get_template(result.template).render(context, json_url=_json_url(request))
            return HTMLResponse(html)

        return endpoint

    async def review_post(request: Request) -> Response:
        if not _same_origin(request):
            return _error(env, request, 403, "form posted from another site")
        try:
            form = await _form(request)
            result = await run_in_threadpool(views.review_action, qpq, form)
        except (BadRequest, NotFound) as exc:
            return _error(env, request, exc.status, str(exc))
        response: Response
        if _wants_json(request):
            response = _json(result)
        else:
            done = f"{result['action']} {result['object_type']} {result['object_id']}"
            response = RedirectResponse(f"/review?done={quote(done)}", status_code=303)
        response.set_cookie(
            REVIEWER_COOKIE, form["reviewer"].strip(), max_age=COOKIE_MAX_AGE, samesite="strict"
        )
        return response

    routes: list[BaseRoute] = []
    for path, view in (
        ("/", views.timeline),
        ("/ledger", views.ledger),
        ("/incidents/{id}", views.incident),
        ("/documents/{id}", views.document),
        ("/documents", views.documents),
        ("/people", views.people),
        ("/search", views.search),
        ("/entities/{id}", views.entity),
        ("/review/log", views.review_log),
        ("/review", views.review_queue),
    ):
        endpoint = page(view)
        json_path = "/.json" if path == "/" else path + ".json"  # datasette style
        routes.append(Route(json_path, endpoint))  # first: `{id}` would also match "x.json"
        routes.append(Route(path, endpoint))
    async def people_csv(request: Request) -> Response:
        rows = await run_in_threadpool(_export_text, qpq, "people")
        headers = {"Content-Disposition": 'attachment; filename="people.csv"'}
        return Response(rows, media_type="text/csv; charset=utf-8", headers=headers)

    routes += [
        Route("/people.csv", people_csv),
        Route("/review.json", review_post, methods=["POST"]),
        Route("/review", review_post, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("quidproquo.web", "static")]), name="static"),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(env, request, exc.status_code, str(exc.detail))

    return Starlette(routes=routes, exception_handlers={HTTPException: http_error})


def _export_text(qpq: Quidproquo, kind: str) -> str:
    out = io.StringIO()
    export(qpq.store, kind, "csv", out)
    return out.getvalue()


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("quidproquo.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["domain"] = domain
    env.filters["qualified"] = qualified
    env.filters["value"] = lambda value, prop="": format_value(prop, value)
    env.filters["claim_set"] = lambda values, prop: format_claim_set(prop, values)
    env.filters["urlquote"] = lambda text: quote(str(text), safe="")
    env.filters["href"] = web_link
    return env


def web_link(url: str) -> str:
    """A source URL fit for href: only http(s); anything else (javascript:, data:) is dropped."""
    return url if urlsplit(url).scheme.lower() in ("http", "https") else "#"


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def _json_url(request: Request) -> str:
    path = request.url.path
    path = "/.json" if path == "/" else path + ".json"
    return path + (f"?{request.url.query}" if request.url.query else "")


def _json(data: Any) -> Response:
    text = json.dumps(data, ensure_ascii=False, default=str)
    return Response(text, media_type="application/json")


def _error(env: Environment, request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    html = env.get_template("error.html").render(status=status, message=message, json_url=None)
    return HTMLResponse(html, status_code=status)


def _same_origin(request: Request) -> bool:
    """A browser names the page a form came from; refuse posts made by other sites."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


async def _form(request: Request) -> Params:
    """The posted fields: a urlencoded form (what browsers send) or a JSON object."""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    body = await request.body()
    if kind == "application/json":
        try:
            data = json.loads(body or b"{}")
        except ValueError as exc:
            raise BadRequest(f"the JSON body does not parse: {exc}") from exc
        if not isinstance(data, dict):
            raise BadRequest("the JSON body must be an object of fields")
        return {str(k): "" if v is None else str(v) for k, v in data.items()}
    if kind in ("", "application/x-www-form-urlencoded"):
        return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    raise BadRequest(f"cannot read a {kind} body: send a urlencoded form or JSON")
