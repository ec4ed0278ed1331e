"""The Starlette application: every page is HTML, and JSON when its path ends in `.json`."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, cast
from urllib.parse import parse_qsl, quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from quidproquo.app import Quidproquo
from quidproquo.auth import accounts
from quidproquo.auth.accounts import Account
from quidproquo.auth.keys import audit_key
from quidproquo.auth.ratelimit import SignInLimits
from quidproquo.export import export
from quidproquo.resolve import review
from quidproquo.web import views
from quidproquo.web.openapi import openapi_document
from quidproquo.web.rendering import environment
from quidproquo.web.security import SecurityMiddleware, WebSettings, csrf_ok, csrf_token
from quidproquo.web.views import BadRequest, NotFound, Page, Params

SESSION_COOKIE = "qpq_session"
PRESESSION_COOKIE = "qpq_presession"  # binds the sign-in form's CSRF token before a session
CSRF_FIELD, CSRF_HEADER = "csrf_token", "x-csrf-token"
View = Callable[[Quidproquo, Params], Page]
Endpoint = Callable[[Request], Awaitable[Response]]


def create_app(
    db: str | None = None,
    *,
    project: Quidproquo | None = None,
    settings: WebSettings | None = None,
) -> Starlette:
    """The web app over one database (a path or URL, as for `qpq --db`)."""
    qpq = project or Quidproquo(db)
    settings = settings or WebSettings()
    env = environment()
    secret = hmac.new(audit_key(qpq.store.engine), b"qpq web", hashlib.sha256).digest()
    limits = SignInLimits()

    async def account_of(request: Request) -> Account | None:
        """The signed-in account: a bearer token, else the session cookie."""
        if not hasattr(request.state, "account"):  # looked up once per request
            bearer = _bearer(request)
            cookie = request.cookies.get(SESSION_COOKIE)
            account = None
            if bearer is not None:
                account = await run_in_threadpool(accounts.token_account, qpq.store, bearer)
            elif cookie:
                account = await run_in_threadpool(accounts.session_account, qpq.store, cookie)
            request.state.account = account
        return cast(Account | None, request.state.account)

    def render(
        request: Request, template: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        binding = _binding(request)
        fresh = binding is None
        binding = binding or secrets.token_urlsafe(32)
        context = context | {
            "account": getattr(request.state, "account", None),
            "csrf": csrf_token(secret, binding),
            "json_url": context.get("json_url", _json_url(request)),
        }
        html = env.get_template(template).render(context)
        response = HTMLResponse(html, status_code=status)
        if fresh:
            _set_cookie(request, response, PRESESSION_COOKIE, binding, max_age=None)
        return response

    def refuse(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            headers = {"www-authenticate": "Bearer"} if status == 401 else None
            return JSONResponse({"error": message}, status_code=status, headers=headers)
        if status == 401:
            here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            target = quote(here, safe="/")
            return RedirectResponse(f"/signin?next={target}", status_code=303)
        context = {"status": status, "message": message, "json_url": None}
        return render(request, "error.html", context, status)

    def page(view: View) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            account = await account_of(request)
            if settings.private and account is None:
                return refuse(request, 401, "this site is private: sign in or send a token")
            params = dict(request.query_params) | request.path_params
            try:
                result = await run_in_threadpool(view, qpq, params)
            except (BadRequest, NotFound) as exc:
                return refuse(request, exc.status, str(exc))
            # In a worker thread too: a page may read parts it makes only when shown (Page).
            if _wants_json(request):
                return await run_in_threadpool(lambda: _json(result.json()))
            context = result.data | result.extra
            return await run_in_threadpool(render, request, result.template, context)

        return endpoint

    async def writer(request: Request) -> tuple[Account | None, Params | Response]:
        """The posted form and who sent it, or the response refusing it."""
        try:
            form = await _form(request)
        except BadRequest as exc:
            return None, refuse(request, exc.status, str(exc))
        if _bearer(request) is None:  # a browser: the form must carry this session's token
            if not _same_origin(request):
                return None, refuse(request, 403, "form posted from another site")
            given = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
            if not csrf_ok(secret, _binding(request), given):
                return None, refuse(
                    request, 403, "the form's CSRF token is missing or stale: reload the page"
                )
        return await account_of(request), form

    async def review_post(request: Request) -> Response:
        if _bearer(request) is None and not request.cookies.get(SESSION_COOKIE):
            return refuse(request, 401, "sign in (or send a bearer token) to review")
        account, form = await writer(request)
        if isinstance(form, Response):
            return form
        if account is None:
            return refuse(request, 401, "sign in (or send a bearer token) to review")
        if account.role != "admin":  # a reviewer may revise their own decisions only
            where = form.get("object_type", ""), form.get("object_id", "")
            previous = await run_in_threadpool(review.last_reviewer, qpq.store, *where)
            if previous not in (None, account.name):
                message = f"{previous} decided this; only an admin may change another's decision"
                return refuse(request, 403, message)
        try:
            form = form | {"reviewer": account.name}  # the account, never a typed name
            result = await run_in_threadpool(views.review_action, qpq, form)
        except (BadRequest, NotFound) as exc:
            return refuse(request, exc.status, str(exc))
        if _wants_json(request):
            return _json(result)
        done = f"{result['action']} {result['object_type']} {result['object_id']}"
        return RedirectResponse(f"/review?done={quote(done)}", status_code=303)

    async def signin_page(request: Request) -> Response:
        await account_of(request)
        next_path = _local_path(request.query_params.get("next"))
        return render(request, "signin.html", {"next": next_path, "json_url": None})

    async def signin_post(request: Request) -> Response:
        _, form = await writer(request)
        if isinstance(form, Response):
            return form
        name, password = form.get("name", "").strip(), form.get("password", "")
        next_path = _local_path(form.get("next"))
        context = {"next": next_path, "name": name, "json_url": None}
        address = request.client.host if request.client else ""
        wait = limits.retry_after(name, address)
        if wait:
            message = f"too many failed sign-ins: try again in {wait} s"
            response = render(request, "signin.html", context | {"error": message}, 429)
            response.headers["retry-after"] = str(wait)
            return response
        account = await run_in_threadpool(accounts.authenticate, qpq.store, name, password)
        if account is None:
            limits.fail(name, address)
            error = {"error": "wrong name or password"}
            return render(request, "signin.html", context | error, 401)
        limits.succeed(name)
        previous = request.cookies.get(SESSION_COOKIE)
        if previous:  # a new session each sign-in; the old one ends
            await run_in_threadpool(accounts.close_session, qpq.store, previous)
        cookie = await run_in_threadpool(accounts.open_session, qpq.store, account)
        response = RedirectResponse(next_path, status_code=303)
        _set_cookie(request, response, SESSION_COOKIE, cookie, accounts.SESSION_DAYS * 86400)
        return response

    async def signout_post(request: Request) -> Response:
        _, form = await writer(request)
        if isinstance(form, Response):
            return form
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            await run_in_threadpool(accounts.close_session, qpq.store, cookie)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    async def openapi(_request: Request) -> Response:
        return _json(openapi_document())

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
        if settings.private and await account_of(request) is None:
            return refuse(request, 401, "this site is private: sign in or send a token")
        rows = await run_in_threadpool(_export_text, qpq, "people")
        headers = {"Content-Disposition": 'attachment; filename="people.csv"'}
        return Response(rows, media_type="text/csv; charset=utf-8", headers=headers)

    routes += [
        Route("/people.csv", people_csv),
        Route("/review.json", review_post, methods=["POST"]),
        Route("/review", review_post, methods=["POST"]),
        Route("/signin", signin_page, methods=["GET"]),
        Route("/signin", signin_post, methods=["POST"]),
        Route("/signout", signout_post, methods=["POST"]),
        Route("/openapi.json", openapi),
        Mount("/static", StaticFiles(packages=[("quidproquo.web", "static")]), name="static"),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return refuse(request, exc.status_code, str(exc.detail))

    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.add_middleware(SecurityMiddleware, settings=settings)
    return app


def _export_text(qpq: Quidproquo, kind: str) -> str:
    out = io.StringIO()
    export(qpq.store, kind, "csv", out)
    return out.getvalue()


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def _json_url(request: Request) -> str:
    path = request.url.path
    path = "/.json" if path == "/" else path + ".json"
    return path + (f"?{request.url.query}" if request.url.query else "")


def _json(data: Any) -> Response:
    text = json.dumps(data, ensure_ascii=False, default=str)
    return Response(text, media_type="application/json")


def _same_origin(request: Request) -> bool:
    """A browser names the page a form came from; refuse posts made by other sites."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _binding(request: Request) -> str | None:
    """What CSRF tokens are bound to: the session cookie, else the pre-session one."""
    return request.cookies.get(SESSION_COOKIE) or request.cookies.get(PRESESSION_COOKIE)


def _set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None
) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite="lax",
        secure=request.url.scheme == "https",
    )  # fmt: skip


def _local_path(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (never //host or a URL)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/review"
    return target


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
