"""A polite HTTP client for feeds and article pages: conditional requests, timeouts,
retries with backoff, a delay between two requests to the same host, and a size cap."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

# Status codes worth another try: rate limiting and passing server trouble.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
USER_AGENT = "quidproquo-watch (+https://pypi.org/project/quidproquo/)"


class FetchError(Exception):
    """A URL could not be fetched; the message names the URL and why."""


@dataclass
class Fetched:
    url: str
    status: int  # 200, or 304 when the validators say nothing changed
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class FetchPolicy:
    timeout: float = 20.0  # seconds, for connect and for each read
    retries: int = 3  # further tries after the first
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_backoff: float = 60.0
    host_delay: float = 2.0  # seconds between two requests to the same host
    max_bytes: int = 10_000_000


class Fetcher:
    """One client for a whole watch run, so the per-host delay holds across feeds."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep, self._clock = sleep, clock
        self._last_request: dict[str, float] = {}
        self.client = httpx.Client(
            timeout=self.policy.timeout,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET with the validators of the last fetch; raises FetchError after the last try."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._send("GET", url, headers=headers)

    def post_json(self, url: str, payload: object) -> None:
        """POST a JSON body (a webhook), with the same retries."""
        self._send("POST", url, json=payload)

    def _send(self, method: str, url: str, **kwargs: object) -> Fetched:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs are fetched")
        delay = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            last = attempt == self.policy.retries
            self._wait_for_host(url)
            try:
                fetched = self._once(method, url, **kwargs)
            except (httpx.TransportError, FetchError) as exc:
                if last or isinstance(exc, FetchError):
                    raise FetchError(f"{url}: {exc}") from exc
            else:
                if fetched.status < 400 or fetched.status not in RETRY_STATUSES:
                    if fetched.status >= 400:
                        raise FetchError(f"{url}: HTTP {fetched.status}")
                    return fetched
                if last:
                    raise FetchError(f"{url}: HTTP {fetched.status} after {attempt + 1} tries")
            self._sleep(min(delay, self.policy.max_backoff))
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, method: str, url: str, **kwargs: object) -> Fetched:
        with self.client.stream(method, url, **kwargs) as response:  # type: ignore[arg-type]
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.policy.max_bytes:
                    raise FetchError(f"larger than {self.policy.max_bytes} bytes")
            return Fetched(
                url=str(response.url),
                status=response.status_code,
                body=bytes(body),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                content_type=response.headers.get("Content-Type"),
            )

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        previous = self._last_request.get(host)
        if previous is not None:
            wait = previous + self.policy.host_delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()
