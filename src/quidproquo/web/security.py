"""Request hygiene for the web app: one ASGI middleware that refuses unknown Host headers and
oversized bodies and adds the security headers to every response; CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
MAX_BODY = 64 * 1024
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make form Origins "null"
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000")


@dataclass(frozen=True)
class WebSettings:
    """How `create_app` guards itself; `qpq serve` fills it from its options."""

    private: bool = False  # reading needs an account too
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    max_body: int = MAX_BODY

    @classmethod
    def for_bind(
        cls, host: str, extra_hosts: Iterable[str] = (), private: bool = False
    ) -> WebSettings:
        """The bound host (unless a wildcard) and the localhost names, plus `extra_hosts`."""
        hosts = [*LOCAL_HOSTS, *extra_hosts]
        if host not in ("0.0.0.0", "::", ""):
            hosts.append(host)
        return cls(private, tuple(dict.fromkeys(h.lower().strip("[]") for h in hosts)))


class BodyTooLarge(Exception):
    pass


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        https = scope.get("scheme") == "https"

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS] + (
                    [HSTS] if https else []
                )
            await send(message)

        host = host_name(headers.get("host", ""))
        if host not in self.settings.allowed_hosts:
            hint = f"host {host!r} is not allowed (qpq serve --allowed-host {host or 'NAME'})"
            await _refuse(send_guarded, scope, 400, hint)
            return
        declared = headers.get("content-length", "")
        limit = self.settings.max_body
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send_guarded, scope, 413, f"request body over {limit} bytes")
            return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge
            return message

        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_guarded(message)

        try:
            await self.app(scope, receive_limited, send_tracked)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send_guarded, scope, 413, f"request body over {limit} bytes")


def host_name(header: str) -> str:
    """'Example.org:8001' -> 'example.org'; '[::1]:8001' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


async def _refuse(send: Send, scope: Scope, status: int, message: str) -> None:
    if scope["path"].endswith(".json"):
        body, kind = json.dumps({"error": message}).encode(), b"application/json"
    else:
        body, kind = message.encode(), b"text/plain; charset=utf-8"
    length = str(len(body)).encode()
    headers = [(b"content-type", kind), (b"content-length", length)]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def csrf_token(secret: bytes, binding: str) -> str:
    """The token a form must echo: bound to the session (or pre-sign-in) cookie."""
    return hmac.new(secret, b"csrf|" + binding.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: bytes, binding: str | None, given: str | None) -> bool:
    if not binding or not given:
        return False
    return hmac.compare_digest(csrf_token(secret, binding), given)
