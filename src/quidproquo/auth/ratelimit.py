"""Sign-in throttling: failed attempts counted per account and per client address.

Counts live in the server process (a restart forgets them; several workers count apart).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    """At most `limit` failures per key within `window` seconds."""

    limit: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, key: str) -> int:
        """Seconds until `key` may try again (0: now)."""
        with self._lock:
            times = self._recent(key)
            if len(times) < self.limit:
                return 0
            return max(1, int(times[0] + self.window - self.clock()) + 1)

    def fail(self, key: str) -> None:
        with self._lock:
            self._failures[key] = self._recent(key)
            self._failures[key].append(self.clock())

    def clear(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str) -> deque[float]:
        """The failures still inside the window (a key with none is forgotten)."""
        times = self._failures.pop(key, deque())
        while times and times[0] <= self.clock() - self.window:
            times.popleft()
        if times:
            self._failures[key] = times
        return times


@dataclass
class SignInLimits:
    """The two limits a sign-in must pass: per account name and per client address."""

    account: RateLimiter = field(default_factory=lambda: RateLimiter(5, 15 * 60))
    address: RateLimiter = field(default_factory=lambda: RateLimiter(20, 15 * 60))

    def retry_after(self, name: str, address: str) -> int:
        keys = (self.account, name.casefold()), (self.address, address)
        return max(limiter.retry_after(key) for limiter, key in keys)

    def fail(self, name: str, address: str) -> None:
        self.account.fail(name.casefold())
        self.address.fail(address)

    def succeed(self, name: str) -> None:
        self.account.clear(name.casefold())
