"""Do releases and US contacts fall closer together in time than chance would place them?

The primary test needs no window. Its statistic is the log-distance score: for each release,
d = days to the nearest visit or relief step (0 when the date ranges overlap), scored
s(d) = ceil(log2(1 + d)), the number of bits of d: 0 the same day, 1 the next day, 2 within
3 days, 3 within 7, 4 within 15, 5 within 31, and so on. The sum of the scores equals the sum,
over the windows 0, 1, 3, 7, 15, 31, 63 ... days, of the number of releases outside each window:
every window counts once, so no window is chosen, and a release a day away counts as much
closer than one a week away as a week is closer than a month. The prisoner-weighted version
multiplies each release's score by its count. Lower means closer.

Null model: the visits and relief steps stay on their dates; each release keeps the length of
its date range and is placed on a day drawn uniformly and independently from the period (two
releases may share a day). Its score is then independent of the others', with a distribution
counted over every day of the period, and the null distribution of the sum is their
convolution (nulldist.py), so p = P(score <= observed) is exact up to rounding for the bundled
facts. Assumptions: any day of the period was as likely as any other for a release (no
weekdays, holidays or seasons), and releases are independent of each other (a wave split
across two days counts as two releases). The other direction (each visit or relief step met
by a release) swaps the roles: releases stay, markers move.

The per-window counts (same day, 1, 3, 7, 14, 30 days) are kept as description, each with
the same null; a window picked after looking at the data tests nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.links import CONCESSION, RELEASE, VISIT, IncidentView, Ledger
from quidproquo.ledger.nulldist import SumDistribution, sum_distribution
from quidproquo.ledger.terms import release_range
from quidproquo.validate import limits, parse_day

MIN_RELEASES = 8  # below this, the sentence says n is too small to conclude
ALPHA = 0.05
EARLIEST_YEAR = limits().earliest_year  # one bound with entry validation (limits.yaml)
LATE_MARGIN = timedelta(days=366)  # dates after the publication date plus a year are implausible
WINDOWS = (0, 1, 3, 7, 14, 30)
PERIOD_RULES = ("contact", "first-release", "all")
DEFAULT_PERIOD = "contact"
Method = Literal["auto", "monte_carlo"]
REVIEWED = ("accepted", "corrected")
PERIOD_REASONS = {
    "contact": (
        "from the first US visit or relief step to the last dated fact: the question is about"
        " timing relative to US contacts, which can only be asked while the channel exists;"
        " earlier releases (the 2024 domestic pardons) say when the channel opened, not"
        " whether releases track it"
    ),
    "first-release": "from the first dated release to the last dated fact",
    "all": "from the first to the last dated release, visit or relief step",
    "fixed": "from a start date given by the user to the last dated fact",
}
MARKER_SETS = {"visits": (VISIT,), "relief steps": (CONCESSION,)}
BOTH = "visits and relief steps"
Group = tuple[np.ndarray, int, int]  # a table over placements, a weight, how many subjects


@dataclass
class Period:
    rule: str
    start: date
    end: date
    reason: str

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)

    @property
    def days(self) -> int:
        return self.interval.width + 1

    @property
    def label(self) -> str:
        return f"{self.start} to {self.end}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass
class Excluded:
    id: str
    type: str
    date: str
    reason: str


@dataclass
class ClosenessTest:
    """The window-free test: sum of log-distance scores, lower = closer."""

    subjects: str  # what moves under the null: releases, prisoners, visits ...
    targets: str  # what stays: visits and relief steps, or releases
    n: int
    weighted: bool
    observed: int
    expected: float
    p_value: float  # P(score <= observed) under the null
    min_attainable_p: float  # p if every subject had been as close as it could be
    method: str  # exact, fft, normal or monte_carlo
    error_bound: float | None  # bound (normal) or estimate (fft) of |p - exact p|
    resamples: int | None
    seed: int | None
    median_days: float  # descriptive: median days to the nearest target
    same_day: int  # subjects at distance 0
    too_small: bool

    @property
    def sentence(self) -> str:
        return describe(self)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"sentence": self.sentence}


@dataclass
class WindowRow:
    """Description: how many subjects fall within `window_days`, with the same null."""

    window_days: int
    releases_near: int
    releases_expected: float
    releases_p: float
    prisoners_near: int | None
    prisoners_total: int | None
    prisoners_p: float | None
    markers_met: int
    markers_expected: float
    markers_p: float


@dataclass
class PeriodRow:
    rule: str
    start: str
    n: int
    releases_p: float | None
    prisoners_p: float | None


@dataclass
class LedgerTests:
    """Everything the chance test reports on a ledger."""

    period: Period
    releases: ClosenessTest  # the headline
    prisoners: ClosenessTest | None  # None when no tested release has a count
    markers: list[ClosenessTest]  # visits, relief steps, both: met by a release
    windows: list[WindowRow]
    sensitivity: list[PeriodRow]
    excluded: list[Excluded]  # implausible or unreadable dates
    outside: list[Excluded]  # plausible, but outside the period
    reviewed_only: bool
    unreviewed: int  # tested facts not (yet) accepted by a reviewer
    earliest_year: int
    headline: str = ""
    caveat: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.to_dict(),
            "releases": self.releases.to_dict(),
            "prisoners": self.prisoners.to_dict() if self.prisoners else None,
            "markers": [m.to_dict() for m in self.markers],
            "windows": [asdict(w) for w in self.windows],
            "sensitivity": [asdict(s) for s in self.sensitivity],
            "excluded": [asdict(e) for e in self.excluded],
            "outside_period": [asdict(e) for e in self.outside],
            "reviewed_only": self.reviewed_only,
            "unreviewed": self.unreviewed,
            "earliest_year": self.earliest_year,
            "headline": self.headline,
            "caveat": self.caveat,
        }


# --- distances and scores ------------------------------------------------------------------


class Targets:
    """Targets sorted once, for distances from many intervals to the nearest of them."""

    def __init__(self, targets: Sequence[Interval]) -> None:
        if not targets:
            raise ValueError("no target to measure distances to")
        spans = sorted((t.start.toordinal(), t.end.toordinal()) for t in targets)
        self.lows = np.array([a for a, _ in spans], dtype=np.int64)
        self.reach = np.maximum.accumulate(np.array([b for _, b in spans], dtype=np.int64))

    def distances(self, starts: np.ndarray, width: int) -> np.ndarray:
        """Days from [t, t + width] (t = day ordinals) to the nearest target; 0 when overlapping.

        A target [a, b] is within reach of the interval exactly when t is within reach of
        [a - width, b], so this is the distance from points to a union of intervals.
        """
        lows = self.lows - width
        idx = np.searchsorted(lows, starts, side="right")
        big = np.iinfo(np.int64).max // 4
        left = np.where(idx > 0, np.maximum(starts - self.reach[np.maximum(idx - 1, 0)], 0), big)
        right = np.where(idx < len(lows), lows[np.minimum(idx, len(lows) - 1)] - starts, big)
        return np.minimum(left, right)


def distances(starts: np.ndarray, width: int, targets: Sequence[Interval]) -> np.ndarray:
    return Targets(targets).distances(starts, width)


def scores(days: np.ndarray) -> np.ndarray:
    """ceil(log2(1 + d)) = the number of bits of d."""
    out = np.zeros(days.shape, dtype=np.int64)
    pos = days > 0
    out[pos] = np.floor(np.log2(days[pos])).astype(np.int64) + 1
    return out


class Placements:
    """Distances to the targets for every placement of a subject in the period, per width."""

    def __init__(self, period: Interval, targets: Sequence[Interval]) -> None:
        self.period = period
        self.longest = period.width
        self.targets = Targets(targets)
        self._tables: dict[Hashable, np.ndarray] = {}

    def key(self, subject: Interval) -> Hashable:
        """Subjects with the same key have the same placements (a too-long one stays put)."""
        width = subject.width
        return width if width <= self.longest else subject

    def table(self, subject: Interval) -> np.ndarray:
        key = self.key(subject)
        if key not in self._tables:
            slots = self.period.width - subject.width + 1
            first = (self.period.start if slots >= 1 else subject.start).toordinal()
            starts = np.arange(first, first + max(slots, 1), dtype=np.int64)
            self._tables[key] = self.targets.distances(starts, subject.width)
        return self._tables[key]

    def observed(self, subjects: Sequence[Interval]) -> np.ndarray:
        """The subjects' own distances to the nearest target."""
        starts = np.array([s.start.toordinal() for s in subjects], dtype=np.int64)
        widths = np.array([s.width for s in subjects], dtype=np.int64)
        out = np.zeros(len(subjects), dtype=np.int64)
        for width in np.unique(widths):
            mask = widths == width
            out[mask] = self.targets.distances(starts[mask], int(width))
        return out

    def groups(self, subjects: Sequence[Interval], weights: Sequence[int]) -> list[Group]:
        """(distance table, weight, copies) for each kind of subject."""
        keys = [self.key(s) for s in subjects]
        counts = Counter(zip(keys, weights, strict=True))
        firsts = dict(zip(keys, subjects, strict=True))
        return [(self.table(firsts[k]), w, c) for (k, w), c in counts.items()]


# --- the tests -----------------------------------------------------------------------------


def closeness_test(
    subjects: Sequence[Interval],
    targets: Sequence[Interval],
    period: Interval,
    weights: Sequence[int] | None = None,
    method: Method = "auto",
    resamples: int = 10_000,
    seed: int = 0,
    names: tuple[str, str] = ("releases", BOTH),
) -> ClosenessTest:
    """The window-free test: are the subjects closer to the targets than random placement?"""
    scored = score_null(subjects, targets, period, weights)
    dist, observed = scored.dist, scored.observed
    min_p = dist.at_most(sum(c * w * int(t.min()) for t, w, c in scored.groups))
    if method == "monte_carlo":
        p_value = _monte_carlo(scored.groups, observed, resamples, seed)
        min_p = max(min_p, 1 / (resamples + 1))
        how, err, used = "monte_carlo", None, (resamples, seed)
    elif method == "auto":
        p_value, how, err, used = dist.at_most(observed), dist.method, dist.error_bound, None
    else:
        raise ValueError(f"unknown method {method!r}: use 'auto' or 'monte_carlo'")
    return ClosenessTest(
        subjects=names[0] if weights is None else "prisoners",
        targets=names[1],
        n=len(subjects),
        weighted=weights is not None,
        observed=observed,
        expected=dist.mean,
        p_value=min(1.0, p_value),
        min_attainable_p=min_p,
        method=how,
        error_bound=err,
        resamples=used[0] if used else None,
        seed=used[1] if used else None,
        median_days=float(np.median(scored.days)),
        same_day=int(np.count_nonzero(scored.days == 0)),
        too_small=len(subjects) < MIN_RELEASES or min_p > ALPHA,
    )


@dataclass
class Scored:
    """The observed log-distance score and its null distribution."""

    observed: int
    dist: SumDistribution
    groups: list[Group]  # (scores of every placement, weight, copies) per kind of subject
    days: np.ndarray  # observed distances

    def randomized_p(self, u: float) -> float:
        """P(S < obs) + u * P(S = obs): exactly uniform under the null when u is (calibration)."""
        below = self.dist.at_most(self.observed - 1)
        return below + u * (self.dist.at_most(self.observed) - below)


def score_null(
    subjects: Sequence[Interval],
    targets: Sequence[Interval],
    period: Interval,
    weights: Sequence[int] | None = None,
) -> Scored:
    if not subjects:
        raise ValueError("the closeness test needs at least one dated subject")
    unit = _weights(subjects, weights)
    place = Placements(period, targets)
    days = place.observed(subjects)
    observed = int((np.array(unit, dtype=np.int64) * scores(days)).sum())
    raw = place.groups(subjects, unit)
    scored = {id(t): t for t, _, _ in raw}  # tables shared by subjects of the same width
    scored = {k: scores(t) for k, t in scored.items()}
    pmfs = {k: np.bincount(t) / len(t) for k, t in scored.items()}
    groups = [(scored[id(t)], w, c) for t, w, c in raw]
    dist = sum_distribution([(pmfs[id(t)], w, c) for t, w, c in raw])
    return Scored(observed, dist, groups, days)


def window_tests(
    subjects: Sequence[Interval],
    targets: Sequence[Interval],
    period: Interval,
    windows: Sequence[int],
    weights: Sequence[int] | None = None,
) -> list[tuple[int, float, float]]:
    """Per window, (observed, expected, p): subjects (or their weights) near a target.

    Each subject is near with the share of its placements within the window; the count is a
    sum of independent weighted Bernoullis and p = P(count >= observed).
    """
    unit = np.array(_weights(subjects, weights), dtype=np.int64)
    place = Placements(period, targets)
    days = place.observed(subjects)
    raw = place.groups(subjects, [int(w) for w in unit])
    tables = {id(t): t for t, _, _ in raw}
    out = []
    for window in windows:
        share = {k: float(np.mean(t <= window)) for k, t in tables.items()}
        pmfs = {k: np.array([1 - q, q]) for k, q in share.items()}
        dist = sum_distribution([(pmfs[id(t)], w, c) for t, w, c in raw])
        observed = int(unit[days <= window].sum())
        out.append((observed, dist.mean, dist.at_least(observed)))
    return out


def window_test(
    subjects: Sequence[Interval],
    targets: Sequence[Interval],
    period: Interval,
    window_days: int,
    weights: Sequence[int] | None = None,
) -> tuple[int, float, float]:
    return window_tests(subjects, targets, period, [window_days], weights)[0]


def _weights(subjects: Sequence[Interval], weights: Sequence[int] | None) -> list[int]:
    unit = [1] * len(subjects) if weights is None else [int(w) for w in weights]
    if len(unit) != len(subjects) or any(w < 0 for w in unit):
        raise ValueError("weights must be one non-negative integer per subject")
    return unit


def _monte_carlo(groups: Sequence[Group], observed: int, resamples: int, seed: int) -> float:
    """p = (k + 1) / (N + 1), k = random placements scoring at most the observed."""
    rng = np.random.default_rng(seed)
    total = np.zeros(resamples, dtype=np.int64)
    chunk = max(1, 1_000_000 // resamples)
    for table, w, copies in groups:
        for done in range(0, copies, chunk):
            size = (resamples, min(chunk, copies - done))
            total += w * table[rng.integers(0, len(table), size=size)].sum(axis=1)
    return float((np.count_nonzero(total <= observed) + 1) / (resamples + 1))


# --- the ledger ----------------------------------------------------------------------------


@dataclass
class Dated:
    incident: IncidentView
    interval: Interval


CHANCE_STEPS = 4  # the parts of `chance_tests` a progress bar shows


def chance_tests(
    ledger: Ledger,
    period: str = DEFAULT_PERIOD,
    earliest_year: int = EARLIEST_YEAR,
    method: Method = "auto",
    resamples: int = 10_000,
    seed: int = 0,
    today: date | None = None,
    step: Callable[[str], None] | None = None,
) -> LedgerTests | None:
    """Run every test on a ledger; None when there is no dated release or no dated marker.
    `step` is called with the name of each of the CHANCE_STEPS parts as it starts.

    `period` is a rule ("contact", "first-release", "all") or an ISO start date. Dates before
    `earliest_year` or after the publication date plus a year (today plus a year for facts
    with no dated source) are left out and listed.
    """
    kinds = (RELEASE, VISIT, CONCESSION)
    facts, excluded = plausible(
        (i for i in ledger.incidents.values() if i.type in kinds),
        earliest_year,
        today or date.today(),
    )
    releases = [f for f in facts if f.incident.type == RELEASE]
    markers = [f for f in facts if f.incident.type != RELEASE]
    if not releases or not markers:
        return None
    anchors = _anchors(releases, markers)
    chosen = choose_period(period, *anchors)
    if len(anchors[0]) + len(anchors[1]) < len(facts):
        chosen.reason += " (its ends are read from reviewed facts only)"
    inside = [r for r in releases if _within(r, chosen)]
    outside = [
        Excluded(r.incident.id, RELEASE, r.interval.label(), f"outside the period ({chosen.label})")
        for r in releases
        if not _within(r, chosen)
    ]
    moving_markers = [m for m in markers if _within(m, chosen)]
    if not inside:
        return None
    run = dict(method=method, resamples=resamples, seed=seed)
    note = step or (lambda _name: None)
    note("chance test: releases")
    headline, prisoners = _release_tests(inside, markers, chosen.interval, **run)
    note("chance test: visits and relief")
    marker_tests = _marker_tests(moving_markers, releases, chosen.interval, **run)
    note("chance test: windows")
    windows = _windows(inside, markers, moving_markers, releases, chosen.interval)
    note("chance test: other periods")
    sensitivity = _sensitivity(
        period, releases, markers, anchors, {chosen.interval: (headline, prisoners)}, **run
    )
    tested = inside + moving_markers
    tests = LedgerTests(
        period=chosen,
        releases=headline,
        prisoners=prisoners,
        markers=marker_tests,
        windows=windows,
        sensitivity=sensitivity,
        excluded=excluded,
        outside=outside,
        reviewed_only=ledger.accepted_only,
        unreviewed=sum(f.incident.status not in REVIEWED for f in tested),
        earliest_year=earliest_year,
    )
    tests.headline = headline_sentence(tests)
    tests.caveat = CAVEAT
    return tests


def _anchors(
    releases: Sequence[Dated], markers: Sequence[Dated]
) -> tuple[Sequence[Dated], Sequence[Dated]]:
    """The facts the period rule reads: reviewed ones when there are reviewed releases and
    markers, so that an unreviewed candidate can never stretch the period."""
    reviewed = [
        [f for f in facts if f.incident.status in REVIEWED] for facts in (releases, markers)
    ]
    return (reviewed[0], reviewed[1]) if all(reviewed) else (releases, markers)


def _within(fact: Dated, period: Period) -> bool:
    return period.start <= fact.interval.start and fact.interval.end <= period.end


def plausible(
    incidents: Iterable[IncidentView], earliest_year: int, today: date
) -> tuple[list[Dated], list[Excluded]]:
    """Dated incidents with plausible dates, and the others with the reason they are left out."""
    kept, dropped = [], []
    for inc in incidents:
        try:
            interval = inc.interval
        except ValueError as exc:
            dropped.append(
                Excluded(inc.id, inc.type, f"{inc.date_min} .. {inc.date_max}", str(exc))
            )
            continue
        if interval is None:
            continue
        latest = (_day(inc.published) or today) + LATE_MARGIN
        if interval.start.year < earliest_year:
            dropped.append(Excluded(inc.id, inc.type, interval.label(), f"before {earliest_year}"))
        elif interval.end > latest:
            basis = "its latest source's date" if inc.published else "today"
            dropped.append(
                Excluded(inc.id, inc.type, interval.label(), f"more than a year after {basis}")
            )
        else:
            kept.append(Dated(inc, interval))
    return kept, dropped


def period_rule(text: str) -> str:
    """A period as given (a rule, or a start day typed 2025-6-1) in its one written form."""
    try:
        return parse_day(text).isoformat()
    except ValueError:
        return text.strip()


def choose_period(rule: str, releases: Sequence[Dated], markers: Sequence[Dated]) -> Period:
    """The period releases are placed in under the null, by a named rule or a start date."""
    end = max(f.interval.end for f in [*releases, *markers])
    starts = {
        "contact": min(m.interval.start for m in markers),
        "first-release": min(r.interval.start for r in releases),
        "all": min(f.interval.start for f in [*releases, *markers]),
    }
    if rule in starts:
        start, reason = starts[rule], PERIOD_REASONS[rule]
    else:
        try:
            start = parse_day(rule)
        except ValueError as exc:
            raise ValueError(
                f"unknown period {rule!r} ({exc}): use {', '.join(PERIOD_RULES)} or a start"
                " date YYYY-MM-DD"
            ) from None
        reason = PERIOD_REASONS["fixed"]
    if start > end:
        raise ValueError(f"the period would start on {start}, after the last dated fact ({end})")
    return Period(rule if rule in starts else "fixed", start, end, reason)


def _release_tests(
    inside: Sequence[Dated], markers: Sequence[Dated], period: Interval, **run: Any
) -> tuple[ClosenessTest, ClosenessTest | None]:
    targets = [m.interval for m in markers]
    by_count = closeness_test([r.interval for r in inside], targets, period, **run)
    counted = [(r.interval, release_range(r.incident)[0]) for r in inside]
    weighted = [(i, c) for i, c in counted if c is not None]
    prisoners = None
    if weighted:
        prisoners = closeness_test(
            [i for i, _ in weighted], targets, period, weights=[c for _, c in weighted], **run
        )
    return by_count, prisoners


def _marker_tests(
    moving: Sequence[Dated], releases: Sequence[Dated], period: Interval, **run: Any
) -> list[ClosenessTest]:
    targets = [r.interval for r in releases]
    sets = {
        name: [m for m in moving if m.incident.type in kinds] for name, kinds in MARKER_SETS.items()
    }
    sets[BOTH] = list(moving)
    return [
        closeness_test(
            [m.interval for m in chosen], targets, period, names=(name, "releases"), **run
        )
        for name, chosen in sets.items()
        if chosen
    ]


def _windows(
    inside: Sequence[Dated],
    markers: Sequence[Dated],
    moving: Sequence[Dated],
    releases: Sequence[Dated],
    period: Interval,
) -> list[WindowRow]:
    targets = [m.interval for m in markers]
    counted = [(r.interval, release_range(r.incident)[0]) for r in inside]
    weighted = [(i, c) for i, c in counted if c is not None]
    near = window_tests([r.interval for r in inside], targets, period, WINDOWS)
    met = window_tests(
        [m.interval for m in moving], [r.interval for r in releases], period, WINDOWS
    )
    pris: list[tuple[int | None, float | None, float | None]] = [(None, None, None)] * len(WINDOWS)
    if weighted:
        weights = [c for _, c in weighted]
        pris = list(window_tests([i for i, _ in weighted], targets, period, WINDOWS, weights))
    return [
        WindowRow(
            window_days=w,
            releases_near=n[0],
            releases_expected=n[1],
            releases_p=n[2],
            prisoners_near=p[0],
            prisoners_total=sum(c for _, c in weighted) if weighted else None,
            prisoners_p=p[2],
            markers_met=m[0],
            markers_expected=m[1],
            markers_p=m[2],
        )
        for w, n, p, m in zip(WINDOWS, near, pris, met, strict=True)
    ]


def _sensitivity(
    rule: str,
    releases: Sequence[Dated],
    markers: Sequence[Dated],
    anchors: tuple[Sequence[Dated], Sequence[Dated]],
    known: dict[Interval, tuple[ClosenessTest, ClosenessTest | None]],
    **run: Any,
) -> list[PeriodRow]:
    first_contact = min(m.interval.start for m in anchors[1])
    rules = [*PERIOD_RULES, date(first_contact.year, 1, 1).isoformat()]
    if rule not in rules:
        rules.append(rule)
    rows = []
    for r in rules:
        chosen = choose_period(r, *anchors)
        inside = [x for x in releases if _within(x, chosen)]
        if not inside:
            rows.append(PeriodRow(r, chosen.start.isoformat(), 0, None, None))
            continue
        if chosen.interval not in known:  # rules often share a period
            known[chosen.interval] = _release_tests(inside, markers, chosen.interval, **run)
        by_count, prisoners = known[chosen.interval]
        rows.append(
            PeriodRow(
                r,
                chosen.start.isoformat(),
                len(inside),
                by_count.p_value,
                prisoners.p_value if prisoners else None,
            )
        )
    return rows


# --- plain words ---------------------------------------------------------------------------

CAVEAT = (
    "What this can show: whether releases and US contacts fall closer together in time than"
    " if the releases had happened on random days. What it cannot show: a trade. Coincidence"
    " is not cause; visits and relief steps often fall on the same day (an envoy comes to"
    " collect the prisoners and the relief is announced in the same meeting), so they are not"
    " independent pieces of evidence; and with a few dozen releases one added or removed fact"
    " can move p a lot."
)


def describe(test: ClosenessTest) -> str:
    """One plain-language paragraph a reader can check."""
    how = {
        "exact": "exact, counting every placement",
        "fft": f"exact by FFT, error below {_p(test.error_bound or 0)}",
        "normal": f"normal approximation, error at most {_p(test.error_bound or 0)}",
        "monte_carlo": f"Monte Carlo, {test.resamples} random placements, seed {test.seed}",
    }[test.method]
    moved = "prisoner-weighted " if test.weighted else ""
    head = (
        f"{test.subjects.capitalize()}: {test.n} {'releases' if test.weighted else test.subjects}"
        f" (median {test.median_days:g} days from the nearest of the {test.targets}, "
        f"{test.same_day} the same day) scored {test.observed} on the {moved}log-distance "
        f"score; random days would give {test.expected:.1f} on average, and "
        f"{test.observed} or less with probability p {p_text(test)} ({how})."
    )
    if test.too_small:
        return head + (
            f" With n = {test.n}, even the closest possible placement would only reach p = "
            f"{_p(test.min_attainable_p)}: too few to tell a pattern from chance."
        )
    if test.p_value < ALPHA:
        return head + " Chance alone rarely puts them this close."
    return head + " Chance alone could easily put them this close."


def p_text(test: ClosenessTest) -> str:
    """'= 0.012', or 'below 1e-12' when p is smaller than the method's error."""
    if test.error_bound is not None and test.p_value < test.error_bound:
        return f"below {_p(test.error_bound)}"
    return f"= {_p(test.p_value)}"


def headline_sentence(tests: LedgerTests) -> str:
    t = tests.releases
    facts = (
        "reviewed facts only"
        if tests.reviewed_only
        else f"reviewed facts and unreviewed candidates ({tests.unreviewed} of the tested facts"
        " not yet reviewed)"
    )
    verdict = (
        "There were too few releases to tell a pattern from chance"
        if t.too_small
        else "Releases were closer to US visits and relief steps than chance would place them"
        if t.p_value < ALPHA
        else "Releases were no closer to US visits and relief steps than chance would place them"
    )
    left_out = (
        f"; {len(tests.excluded)} fact(s) with implausible dates left out" if tests.excluded else ""
    )
    return (
        f"{verdict} (p {p_text(t)}, window-free test, {t.n} releases,"
        f" period {tests.period.start} to {tests.period.end} by the rule"
        f" '{tests.period.rule}': {tests.period.reason}; {facts}{left_out})."
    )


def _p(value: float) -> str:
    return f"{value:.2g}" if value >= 0.001 else f"{value:.1e}"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
