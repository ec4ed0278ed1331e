"""A self-contained static HTML report: charts as inline SVG, CSS inline, no external request.

Every figure links to its sources (URLs as <a> links) and names its incident ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from quidproquo.ledger.charts import held_svg, terms_svg, timeline_svg
from quidproquo.ledger.links import Ledger, build_ledger
from quidproquo.ledger.stats import (
    CHANCE_STEPS,
    DEFAULT_PERIOD,
    EARLIEST_YEAR,
    LedgerTests,
    chance_tests,
)
from quidproquo.ledger.terms import TermsOfTrade, release_range, terms_of_trade
from quidproquo.resolve.shown import qualified, reviewer_text, value_text
from quidproquo.store import Store, now_iso

__all__ = ["qualified"]  # the web app's filter


@dataclass
class Report:
    """Everything the report shows, computed once."""

    ledger: Ledger
    terms: TermsOfTrade
    tests: LedgerTests | None


# The steps of `write_report` a progress bar shows: the ledger, the chance test's parts, the
# terms of trade, the charts and page.
REPORT_STEPS = 3 + CHANCE_STEPS
Step = Callable[[str], None]


def _no_step(_name: str) -> None:
    pass


def compute_report(
    store: Store,
    window_days: int = 14,
    accepted_only: bool = False,
    period: str = DEFAULT_PERIOD,
    earliest_year: int = EARLIEST_YEAR,
    step: Step = _no_step,
) -> Report:
    """The ledger, its chance tests and terms of trade; `step` is called with the name of
    each step as it starts."""
    step("ledger")
    ledger = build_ledger(store, window_days, accepted_only)
    tests = chance_tests(ledger, period, earliest_year, step=step)
    step("terms of trade")
    return Report(ledger, terms_of_trade(store, ledger), tests)


def render_report(report: Report, source: str) -> str:
    env = Environment(
        loader=PackageLoader("quidproquo.ledger", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["domain"] = domain
    env.filters["href"] = href
    env.filters["qualified"] = qualified
    env.filters["shown"] = value_text  # {{ prop | shown(value) }}: '18 (reviewer) [17×2]'
    env.filters["reviewer_or"] = reviewer_text  # {{ prop | reviewer_or(values, plain) }}
    env.filters["num"] = lambda v, digits=1: "—" if v is None else f"{v:,.{digits}f}"
    template = env.get_template("report.html.j2")
    return template.render(
        r=report,
        ledger=report.ledger,
        terms=report.terms,
        tests=report.tests,
        release_range=release_range,
        charts={
            "timeline": Markup(timeline_svg(report.ledger)),
            "terms": Markup(terms_svg(report.terms.series)),
            "held": Markup(held_svg(report.terms.held)),
        },
        generated=now_iso(),
        source=source,
    )


def write_report(
    store: Store,
    out_dir: str | Path,
    window_days: int = 14,
    accepted_only: bool = False,
    period: str = DEFAULT_PERIOD,
    earliest_year: int = EARLIEST_YEAR,
    step: Step = _no_step,
) -> Path:
    """Write `out_dir/index.html` and return its path (`step`: as `compute_report`)."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"report output {out} exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    report = compute_report(store, window_days, accepted_only, period, earliest_year, step)
    step("charts and page")
    path = out / "index.html"
    path.write_text(render_report(report, _describe(store)), encoding="utf-8")
    return path


def domain(url: str) -> str:
    """'https://www.example.com/a/b' -> 'example.com' (link text for a source)."""
    host = urlsplit(url).netloc or url
    return host.removeprefix("www.")


def href(url: str | None) -> str:
    """The URL if it may become a link (http or https only), else '' (javascript:, data:...)."""
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in ("http", "https") else ""


def _describe(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=True)
