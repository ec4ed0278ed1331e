"""A real local HTTP server for the watch tests: routes that can change between polls,
ETag validation, failures on demand, and a record of every request."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    fail_first: int = 0  # answer 503 to this many requests first
    status: int = 200


@dataclass
class FeedServer:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str], float]] = field(default_factory=list)
    posts: list[bytes] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for _method, p, headers, _at in self.requests if p == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            server.requests.append(("GET", self.path, dict(self.headers), time.monotonic()))
            route = server.routes.get(self.path)
            if route is None:
                return self._answer(404, b"not here")
            if route.fail_first > 0:
                route.fail_first -= 1
                return self._answer(503, b"busy")
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                return self._answer(304, headers={"ETag": route.etag})
            since = self.headers.get("If-Modified-Since")
            if route.last_modified and since == route.last_modified:
                return self._answer(304, headers={"Last-Modified": route.last_modified})
            headers = {"Content-Type": route.content_type}
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            return self._answer(route.status, route.body, headers)

        def do_POST(self) -> None:  # noqa: N802
            server.requests.append(("POST", self.path, dict(self.headers), time.monotonic()))
            length = int(self.headers.get("Content-Length") or 0)
            server.posts.append(self.rfile.read(length))
            self._answer(204)

    return Handler


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
