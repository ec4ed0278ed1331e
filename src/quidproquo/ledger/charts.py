"""Inline SVG charts for the report: no script, no external asset, readable without CSS.

Every mark carries a <title> (hover text) and links to its row in the report (#inc-<id>).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.links import IncidentView, Ledger
from quidproquo.ledger.terms import HeldCount, SeriesPoint, release_range
from quidproquo.resolve.shown import reviewer_text

WIDTH = 1120
LEFT, RIGHT = 110, 60
INSTRUMENT_COLOURS = {
    "general_license": "#1f6fb2",
    "sdn_removal": "#2e8b57",
    "permit": "#17a2b8",
    "announcement": "#e08a00",
}
OTHER_COLOUR = "#7a7a7a"
RELEASE_LINKED, RELEASE_ALONE = "#b22222", "#c9a9a6"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class DateScale:
    start: date
    end: date
    x0: float
    x1: float

    def __call__(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.x0 + (self.x1 - self.x0) * (day - self.start).days / span

    def day_width(self) -> float:
        return (self.x1 - self.x0) / max((self.end - self.start).days, 1)

    def ticks(self) -> list[tuple[float, str, bool]]:
        """(x, label, major) for every month start; quarters get a label."""
        ticks = []
        day = date(self.start.year, self.start.month, 1)
        while day <= self.end:
            if day >= self.start:
                major = day.month in (1, 4, 7, 10)
                label = f"{MONTHS[day.month - 1]} {day.year}" if major else ""
                ticks.append((self(day), label, major))
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return ticks


@dataclass
class LinearScale:
    low: float
    high: float
    bottom: float
    top: float

    def __call__(self, value: float) -> float:
        span = (self.high - self.low) or 1
        return self.bottom - (self.bottom - self.top) * (value - self.low) / span

    def ticks(self, count: int = 5) -> list[float]:
        step = nice_step((self.high - self.low) / count)
        first = math.ceil(self.low / step) * step
        return [first + i * step for i in range(int((self.high - first) / step) + 1)]


def nice_step(raw: float) -> float:
    if raw <= 0:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def nice_ceiling(value: float) -> float:
    step = nice_step(value / 5)
    return max(step, math.ceil(value / step) * step)


def period_of(intervals: list[Interval]) -> Interval:
    start = min(i.start for i in intervals)
    end = max(i.end for i in intervals)
    return Interval(date(start.year, start.month, 1), end + timedelta(days=10))


def timeline_svg(ledger: Ledger) -> str:
    """Releases as bars sized by count; visits and relief as markers on two lanes below."""
    rows = [r for r in ledger.rows if r.release.interval]
    visits = [v for v in ledger.of_type("visit") if v.interval]
    relief = [c for c in ledger.of_type("sanctions_eased") if c.interval]
    intervals = [i.interval for i in [*(r.release for r in rows), *visits, *relief] if i.interval]
    if not intervals:
        return _empty("No dated releases, visits or concessions.")
    x = DateScale(*_span(period_of(intervals)), LEFT, WIDTH - RIGHT)
    top_count = nice_ceiling(max((release_range(r.release)[0] or 0 for r in rows), default=0) or 1)
    y = LinearScale(0, top_count, 230, 30)
    parts = [_svg_open(360, "Timeline of releases, visits and sanctions relief")]
    parts += _y_axis(y, "prisoners freed")
    for row in rows:
        release = row.release
        interval = release.interval
        assert interval is not None
        count, low, high = release_range(release)
        linked = bool(row.visits or row.concessions)
        bar_w = max(3.0, x.day_width() * (interval.width + 1))
        x_mid = x(interval.start) + x.day_width() * interval.width / 2
        height = y.bottom - y(count or 0)
        values = release.values  # a reviewer's date or count says so: '18 (reviewer) [17×2]'
        when = reviewer_text("date", values, release.date_label)
        freed = reviewer_text("count", values, _count_text(count, low, high))
        title = f"{when}: release of {freed} ({release.id})"
        bar = (
            f'<rect x="{x_mid - bar_w / 2:.1f}" y="{y(count or 0):.1f}" width="{bar_w:.1f}" '
            f'height="{max(height, 1.5):.1f}" '
            f'fill="{RELEASE_LINKED if linked else RELEASE_ALONE}"/>'
        )
        label = ""
        if count and count >= 20:
            label = (
                f'<text x="{x_mid:.1f}" y="{y(count) - 4:.1f}" class="lbl" '
                f'text-anchor="middle">{count}</text>'
            )
        parts.append(_linked(release.id, title, bar + label))
    parts.append(_lane_label(266, "Visits"))
    for visit, dy in zip(visits, _stack(x, visits), strict=True):
        parts.append(
            _marker(x, visit.interval, 266 + dy, "triangle", "#333", _title(visit), visit.id)
        )
    parts.append(_lane_label(296, "Sanctions relief"))
    for step, dy in zip(relief, _stack(x, relief), strict=True):
        colour = INSTRUMENT_COLOURS.get(step.instrument or "", OTHER_COLOUR)
        parts.append(_marker(x, step.interval, 296 + dy, "diamond", colour, _title(step), step.id))
    parts += _x_axis(x, 316, top=30)
    parts.append(
        _legend(
            [
                ("rect", RELEASE_LINKED, "release with a linked visit or relief"),
                ("rect", RELEASE_ALONE, "release with none"),
                *[("diamond", c, k.replace("_", " ")) for k, c in INSTRUMENT_COLOURS.items()],
            ],
            y_pos=350,
        )
    )
    parts.append("</svg>")
    return "\n".join(parts)


def terms_svg(series: list[SeriesPoint]) -> str:
    """Cumulative prisoners released (left axis) against cumulative concessions (right axis)."""
    if not series:
        return _empty("No dated releases or concessions.")
    days = [date.fromisoformat(p.date) for p in series]
    x = DateScale(*_span(period_of([Interval(d, d) for d in days])), LEFT, WIDTH - RIGHT)
    y = LinearScale(0, nice_ceiling(max(p.released_high for p in series) or 1), 250, 30)
    y2 = LinearScale(0, nice_ceiling(max(p.concessions for p in series) or 1), 250, 30)
    parts = [_svg_open(310, "Cumulative prisoners released against cumulative concessions")]
    parts += _y_axis(y, "prisoners released (cumulative)")
    parts += _y_axis(y2, "concessions (cumulative)", right=True)
    end = x.x1
    band_top = _steps(x, days, [p.released_high for p in series], y, end)
    band_bottom = _steps(x, days, [p.released_low for p in series], y, end)
    if band_top != band_bottom:
        parts.append(
            f'<path d="{band_top} {_reverse(band_bottom)} Z" fill="#b22222" opacity="0.18"/>'
        )
    parts.append(_path(_steps(x, days, [p.released for p in series], y, end), RELEASE_LINKED, 2.5))
    parts.append(_path(_steps(x, days, [p.concessions for p in series], y2, end), "#1f6fb2", 2.5))
    for day, point in zip(days, series, strict=True):
        text = (
            f"{point.date}: {point.released} released so far "
            f"(claims range {point.released_low}–{point.released_high}), "
            f"{point.concessions} concessions so far — {', '.join(point.incident_ids)}"
        )
        parts.append(
            f'<circle cx="{x(day):.1f}" cy="{y(point.released):.1f}" r="2.5" '
            f'fill="{RELEASE_LINKED}"><title>{escape(text)}</title></circle>'
        )
    parts += _x_axis(x, 250, top=30)
    parts.append(
        _legend(
            [
                (
                    "line",
                    RELEASE_LINKED,
                    "prisoners released (left axis; band: lowest–highest claims)",
                ),
                ("line", "#1f6fb2", "concessions (right axis)"),
            ],
            y_pos=300,
        )
    )
    parts.append("</svg>")
    return "\n".join(parts)


def held_svg(held: list[HeldCount]) -> str:
    """Political prisoners held, every reported value as its own point."""
    points = [(h, Interval.parse(h.as_of_min, h.as_of_max)) for h in held if h.count is not None]
    dated = [(h, i) for h, i in points if i is not None]
    if not dated:
        return _empty("No dated counts of political prisoners held.")
    x = DateScale(*_span(period_of([i for _, i in dated])), LEFT, WIDTH - RIGHT)
    counts = [h.count for h, _ in dated if h.count is not None]
    step = nice_step((max(counts) - min(counts) or 100) / 4)
    y = LinearScale(
        math.floor(min(counts) / step) * step - step, math.ceil(max(counts) / step) * step, 230, 30
    )
    parts = [_svg_open(290, "Political prisoners held over time, as reported")]
    parts += _y_axis(y, "political prisoners held")
    line = " ".join(
        f"{'M' if n == 0 else 'L'}{x(i.start):.1f},{y(h.count or 0):.1f}"
        for n, (h, i) in enumerate(dated)
    )
    parts.append(_path(line, "#999", 1, dash="3 3"))
    for h, interval in dated:
        cx, cy = x(interval.start), y(h.count or 0)
        who = h.attributed_to or "unattributed"
        title = f"{h.as_of}: {_qualified(h.count, h.qualifier)} held, per {who}"
        parts.append(f"<g><title>{escape(title)}</title>{_held_mark(cx, cy, h.qualifier)}</g>")
    parts += _x_axis(x, 230, top=30)
    parts.append(
        _legend(
            [
                ("dot", "#444", "exact"),
                ("circle", "#444", "about"),
                ("triangle", "#444", "more than"),
            ],
            y_pos=280,
        )
    )
    parts.append("</svg>")
    return "\n".join(parts)


# -- pieces -----------------------------------------------------------------------


def _span(interval: Interval) -> tuple[date, date]:
    return interval.start, interval.end


def _svg_open(height: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(label)}" class="chart">'
        f"<title>{escape(label)}</title>"
    )


def _empty(message: str) -> str:
    return f'<p class="empty">{escape(message)}</p>'


def _x_axis(x: DateScale, y_pos: float, top: float) -> list[str]:
    parts = [f'<line x1="{x.x0}" y1="{y_pos}" x2="{x.x1}" y2="{y_pos}" class="axis"/>']
    for pos, label, major in x.ticks():
        parts.append(
            f'<line x1="{pos:.1f}" y1="{y_pos}" x2="{pos:.1f}" y2="{y_pos + (6 if major else 3)}" '
            'class="axis"/>'
        )
        if major:
            parts.append(
                f'<line x1="{pos:.1f}" y1="{top}" x2="{pos:.1f}" y2="{y_pos}" class="grid"/>'
            )
            parts.append(
                f'<text x="{pos:.1f}" y="{y_pos + 18}" class="tick" text-anchor="middle">'
                f"{label}</text>"
            )
    return parts


def _y_axis(y: LinearScale, label: str, right: bool = False) -> list[str]:
    x_pos = WIDTH - RIGHT if right else LEFT
    sign, anchor = (1, "start") if right else (-1, "end")
    parts = [f'<line x1="{x_pos}" y1="{y.top}" x2="{x_pos}" y2="{y.bottom}" class="axis"/>']
    for value in y.ticks():
        pos = y(value)
        parts.append(
            f'<line x1="{x_pos}" y1="{pos:.1f}" x2="{x_pos + 4 * sign}" y2="{pos:.1f}" '
            'class="axis"/>'
        )
        parts.append(
            f'<text x="{x_pos + 7 * sign}" y="{pos + 4:.1f}" class="tick" '
            f'text-anchor="{anchor}">{value:g}</text>'
        )
    mid = (y.top + y.bottom) / 2
    lx = x_pos + (48 if right else -52)
    parts.append(
        f'<text x="{lx}" y="{mid:.1f}" class="tick" text-anchor="middle" '
        f'transform="rotate(-90 {lx} {mid:.1f})">{escape(label)}</text>'
    )
    return parts


def _lane_label(y_pos: float, text: str) -> str:
    return (
        f'<text x="{LEFT - 8}" y="{y_pos + 4}" class="tick" text-anchor="end">{escape(text)}</text>'
        f'<line x1="{LEFT}" y1="{y_pos}" x2="{WIDTH - RIGHT}" y2="{y_pos}" class="lane"/>'
    )


def _marker(
    x: DateScale,
    interval: Interval | None,
    y_pos: float,
    shape: str,
    colour: str,
    title: str,
    incident_id: str,
) -> str:
    assert interval is not None
    start, end = x(interval.start), x(interval.end)
    span = ""
    if interval.width:
        span = (
            f'<rect x="{start:.1f}" y="{y_pos - 3}" width="{max(end - start, 1):.1f}" height="6" '
            f'fill="{colour}" opacity="0.3"/>'
        )
    return _linked(incident_id, title, span + _shape(shape, (start + end) / 2, y_pos, colour))


def _stack(x: DateScale, incidents: list[IncidentView], gap: float = 10) -> list[float]:
    """Vertical offsets so that markers closer than `gap` pixels do not hide each other."""
    offsets = (0.0, -8.0, 8.0, -16.0, 16.0)
    placed: list[tuple[float, float]] = []
    result = []
    for incident in incidents:
        assert incident.interval is not None
        pos = (x(incident.interval.start) + x(incident.interval.end)) / 2
        taken = {dy for px, dy in placed if abs(px - pos) < gap}
        dy = next((o for o in offsets if o not in taken), offsets[-1])
        placed.append((pos, dy))
        result.append(dy)
    return result


def _shape(shape: str, cx: float, cy: float, colour: str, size: float = 6) -> str:
    """One legend/marker glyph centred on (cx, cy)."""
    s = size
    if shape == "triangle":
        pts = _points([(cx, cy - s), (cx - s, cy + s), (cx + s, cy + s)])
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "diamond":
        pts = _points([(cx, cy - s), (cx + s, cy), (cx, cy + s), (cx - s, cy)])
        return f'<polygon points="{pts}" fill="{colour}" stroke="#fff" stroke-width="0.8"/>'
    if shape in ("circle", "dot"):
        fill, stroke = ("#fff", colour) if shape == "circle" else (colour, "none")
        return (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{s * 0.7:.1f}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"/>'
        )
    if shape == "line":
        return (
            f'<line x1="{cx - s * 1.5:.1f}" y1="{cy:.1f}" x2="{cx + s * 1.5:.1f}" y2="{cy:.1f}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
    return (
        f'<rect x="{cx - s:.1f}" y="{cy - s:.1f}" width="{s * 2:.1f}" height="{s * 2:.1f}" '
        f'fill="{colour}"/>'
    )


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)


def _held_mark(cx: float, cy: float, qualifier: str | None) -> str:
    shape = {"more_than": "triangle", "at_least": "triangle", "about": "circle"}.get(
        qualifier or "", "dot"
    )
    return _shape(shape, cx, cy, "#444", 5)


def _legend(items: list[tuple[str, str, str]], y_pos: float) -> str:
    parts, cursor = [], float(LEFT)
    for shape, colour, text in items:
        parts.append(_shape(shape, cursor + 6, y_pos - 4, colour, 5))
        parts.append(
            f'<text x="{cursor + 16:.1f}" y="{y_pos:.1f}" class="tick">{escape(text)}</text>'
        )
        cursor += 30 + 6.2 * len(text)
    return "".join(parts)


def _steps(x: DateScale, days: list[date], values: list[int], y: LinearScale, end: float) -> str:
    """A step path: flat until the next day, then up."""
    d = f"M{x.x0:.1f},{y(0):.1f}"
    for day, value in zip(days, values, strict=True):
        d += f" H{x(day):.1f} V{y(value):.1f}"
    return d + f" H{end:.1f}"


def _reverse(path: str) -> str:
    """Walk a step path backwards (for closing a band between two step lines)."""
    coords: list[tuple[float, float]] = []
    cx = cy = 0.0
    for token in path.split():
        kind, rest = token[0], token[1:]
        if kind == "M":
            cx, cy = (float(v) for v in rest.split(","))
        elif kind == "H":
            cx = float(rest)
        elif kind == "V":
            cy = float(rest)
        coords.append((cx, cy))
    return " ".join(f"L{px:.1f},{py:.1f}" for px, py in reversed(coords))


def _path(d: str, colour: str, width: float, dash: str | None = None) -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}"{dashed}/>'


def _linked(incident_id: str, title: str, body: str) -> str:
    return f'<a href="#inc-{escape(incident_id)}"><g><title>{escape(title)}</title>{body}</g></a>'


def _title(incident: object) -> str:
    values = getattr(incident, "values", {})  # a reviewer's value says so (resolve/shown.py)
    instrument = getattr(incident, "instrument_label", None)
    label = (
        reviewer_text("instrument", values, instrument)
        if instrument
        else reviewer_text("actor", values, getattr(incident, "actor", None) or "")
    )
    target = reviewer_text("target", values, getattr(incident, "target", None) or "")
    parts = [reviewer_text("date", values, getattr(incident, "date_label", "")), label]
    if target:
        parts.append(f"target: {target}")
    return " — ".join(p for p in parts if p) + f" ({getattr(incident, 'id', '')})"


def _count_text(count: int | None, low: int | None, high: int | None) -> str:
    if count is None:
        return "an unknown number"
    if low is not None and high is not None and low != high:
        return f"{count} (claims {low}–{high})"
    return str(count)


def _qualified(count: int | None, qualifier: str | None) -> str:
    words = {
        "more_than": "more than ",
        "about": "about ",
        "at_least": "at least ",
        "less_than": "fewer than ",
    }
    return f"{words.get(qualifier or '', '')}{count}"
