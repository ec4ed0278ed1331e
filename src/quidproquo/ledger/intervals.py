"""Day intervals for incidents whose date is known only as a range.

An incident's date is the closed interval [date_min, date_max]. An open end (one bound missing)
falls back to the known bound: the ledger only reasons about days a source actually gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from quidproquo.validate import stored_date


@dataclass(frozen=True, order=True)
class Interval:
    """A closed interval of days."""

    start: date
    end: date

    @classmethod
    def parse(cls, date_min: str | None, date_max: str | None) -> Interval | None:
        """Build from ISO strings (date or date-time); None when neither bound is known or
        readable, or when the interval ends before it starts (a bad stored value)."""
        low = stored_date(date_min)
        high = stored_date(date_max)
        if low is None and high is None:
            return None
        low = low or high
        high = high or low
        assert low is not None and high is not None
        return cls(low, high) if low <= high else None

    @property
    def width(self) -> int:
        """Days from start to end (0 for a single day)."""
        return (self.end - self.start).days

    def shifted_to(self, start: date) -> Interval:
        return Interval(start, start + timedelta(days=self.width))

    def offset_from(self, anchor: Interval) -> int:
        """Signed days from `anchor` to this interval: 0 if they overlap, negative if before."""
        if self.end < anchor.start:
            return -(anchor.start - self.end).days
        if self.start > anchor.end:
            return (self.start - anchor.end).days
        return 0

    def within(self, other: Interval, days: int) -> bool:
        """True when the closest days of the two intervals are at most `days` apart."""
        return abs(self.offset_from(other)) <= days

    def label(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

