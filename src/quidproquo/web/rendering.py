"""The templates of the web app and their filters, loaded once per process."""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from quidproquo.ledger.report import domain, href
from quidproquo.resolve.shown import qualified, reviewer_text, value_text
from quidproquo.resolve.views import format_claim_set, format_value


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("quidproquo.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["domain"] = domain
    env.filters["qualified"] = qualified
    env.filters["value"] = lambda value, prop="": format_value(prop, value)
    env.filters["claim_set"] = lambda value, prop: format_claim_set(prop, value)
    env.filters["shown"] = value_text  # {{ prop | shown(value) }}: '18 (reviewer) [17×2]'
    env.filters["reviewer_or"] = reviewer_text  # {{ prop | reviewer_or(values, plain) }}
    env.filters["urlquote"] = lambda text: quote(str(text), safe="")
    env.filters["href"] = href
    return env
