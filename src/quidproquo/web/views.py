"""One function per page: read the request parameters, call the library, return a Page.

A Page's `data` is what `.json` returns; `extra` holds what only the HTML needs (SVG,
highlighted text). Bad parameters raise `BadRequest`, unknown ids `NotFound`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from quidproquo.app import DOCUMENT_STATUSES, Quidproquo
from quidproquo.ledger import build_ledger
from quidproquo.ledger.charts import timeline_svg
from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.links import CHUNK, IncidentView, in_list, release_page, shift
from quidproquo.ledger.stats import DEFAULT_PERIOD, PERIOD_RULES, period_rule
from quidproquo.ledger.stored import RowFormat, chance_tests_for_page, keep_rows, stored_rows
from quidproquo.ledger.summaries import facts_version
from quidproquo.model import EVENT_TYPES
from quidproquo.resolve import review
from quidproquo.resolve.entities import entity_card
from quidproquo.resolve.people import STATUSES
from quidproquo.resolve.views import incident_detail, list_incidents
from quidproquo.search import KINDS as SEARCH_KINDS
from quidproquo.store import Store
from quidproquo.validate import parse_day
from quidproquo.web.highlight import Span, excerpt, locate, segments
from quidproquo.web.rendering import environment

Params = dict[str, str]
MAX_WINDOW_DAYS = 366
MAX_LIMIT = 1000
PAGE_SIZE = 100  # incidents on a timeline page
LEDGER_PAGE_SIZE = 20  # releases on a ledger page (each with its visits and concessions)


class BadRequest(ValueError):
    status = 400


class NotFound(LookupError):
    status = 404


@dataclass
class Page:
    template: str
    data: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    # Parts of `data` that only the JSON shows, made when it is asked for (the HTML page
    # renders the same facts from `extra`).
    json_only: dict[str, Callable[[], Any]] = field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        return self.data | {name: make() for name, make in self.json_only.items()}


# -- parameters ----------------------------------------------------------------
def choice(params: Params, name: str, allowed: tuple[str, ...]) -> str | None:
    value = params.get(name) or None
    if value is not None and value not in allowed:
        raise BadRequest(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def iso_date(params: Params, name: str) -> str | None:
    value = params.get(name) or None
    if value is None:
        return None
    try:
        return parse_day(value).isoformat()
    except ValueError as exc:
        raise BadRequest(f"{name} must be a date like 2025-06-21 ({exc}); got {value!r}") from exc


def integer(params: Params, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name) or None
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise BadRequest(f"{name} must be a whole number; got {raw!r}") from exc
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}; got {value}")
    return value


def flag(params: Params, name: str) -> bool:
    value = (params.get(name) or "").lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise BadRequest(f"{name} must be 1 or 0; got {value!r}")


# -- pages ---------------------------------------------------------------------
def next_page(params: Params, after: str | None, name: str = "after") -> str | None:
    """The query string of the next page (relative to this page, HTML or JSON), or None."""
    if after is None:
        return None
    kept = {k: v for k, v in params.items() if k not in ("id", name, "done") and v != ""}
    return "?" + urlencode(kept | {name: after})


def timeline(qpq: Quidproquo, params: Params) -> Page:
    filters: dict[str, Any] = {
        "type": choice(params, "type", EVENT_TYPES),
        "since": iso_date(params, "since"),
        "until": iso_date(params, "until"),
        "contested": flag(params, "contested"),
    }
    limit = integer(params, "limit", PAGE_SIZE, 1, MAX_LIMIT)
    try:
        incidents = list_incidents(
            qpq.store,
            type=filters["type"],
            since=filters["since"],
            until=filters["until"],
            contested=bool(filters["contested"]),
            after=params.get("after") or None,
            limit=limit,
        )
    except ValueError as exc:  # an `after` that names no incident
        raise BadRequest(f"after: {exc}") from exc
    # The chart draws this page's incidents and the links among them.
    chart = build_ledger(qpq.store, ids=[i["id"] for i in incidents])
    last = incidents[-1]["id"] if len(incidents) == limit else None
    return Page(
        "timeline.html",
        {"filters": filters, "incidents": incidents, "next": next_page(params, last)},
        {"svg": Markup(timeline_svg(chart)), "types": EVENT_TYPES},
    )


def ledger(qpq: Quidproquo, params: Params) -> Page:
    window = integer(params, "window", 14, 0, MAX_WINDOW_DAYS)
    accepted_only = flag(params, "accepted_only")
    period = period_rule(params.get("period") or DEFAULT_PERIOD)
    limit = integer(params, "limit", LEDGER_PAGE_SIZE, 1, MAX_LIMIT)
    after = params.get("after") or None
    try:
        ids = release_page(qpq.store, accepted_only, after, limit)
    except ValueError as exc:  # an `after` that names no incident
        raise BadRequest(f"after: {exc}") from exc
    try:
        tests, state = chance_tests_for_page(qpq.store, window, accepted_only, period)
    except ValueError as exc:  # an unknown rule or a start after the last fact
        raise BadRequest(f"period: {exc}") from exc
    last = ids[-1] if len(ids) == limit else None
    data = {"window_days": window, "accepted_only": accepted_only, "period": period,
            "tests": tests, "tests_state": state, "next": next_page(params, last)}  # fmt: skip
    version = facts_version(qpq.store)

    def rows(form: RowFormat) -> list[str]:
        return _ledger_rows(qpq.store, ids, window, accepted_only, version, form)

    extra = {"rows_html": lambda: [Markup(html) for html in rows("html")], "tests": tests,
             "rules": PERIOD_RULES, "first_page": not after}  # fmt: skip
    return Page("ledger.html", data, extra, {"rows": lambda: list(map(json.loads, rows("json")))})


def _ledger_rows(
    store: Store, ids: list[str], window: int, accepted_only: bool, version: int, form: RowFormat
) -> list[str]:
    """The rows of these releases in `form` (HTML or JSON) as stored; the missing ones are
    made (HTML by templates/ledger_row.html) on facts `version` and stored."""
    found = stored_rows(store, ids, window, accepted_only, form)
    missing = [i for i in ids if i not in found]
    if missing:
        template, part = environment().get_template("ledger_row.html"), RowParts()
        built = build_ledger(store, window, accepted_only, releases=missing)
        made = {row.release.id: template.render(row=row, part=part) if form == "html" else
                json.dumps(row.to_dict(), ensure_ascii=False, default=str)
                for row in built.rows}  # fmt: skip
        spans = {row.release.id: _seen_days(row.release.interval, window) for row in built.rows}
        keep_rows(store, made, spans, window, accepted_only, version, form)
        found |= made
    return [found[i] for i in ids if i in found]


class RowParts:
    """`part(name, incident)` in ledger_row.html: the macro `name` of ledger_parts.html on the
    incident, rendered once per incident (a marker near many releases is in many rows)."""

    def __init__(self) -> None:
        self.macros = environment().get_template("ledger_parts.html").module
        self.made: dict[tuple[str, str], Markup] = {}

    def __call__(self, name: str, incident: IncidentView) -> Markup:
        key = (name, incident.id)
        if key not in self.made:
            self.made[key] = getattr(self.macros, name)(incident)
        return self.made[key]


def _seen_days(interval: Interval | None, window: int) -> tuple[str, str] | None:
    """The first and last day a release's window sees (its dates widened by the window)."""
    if interval is None:
        return None
    return shift(interval.start, -window).isoformat(), shift(interval.end, window).isoformat()


def incident(qpq: Quidproquo, params: Params) -> Page:
    limit = integer(params, "limit", PAGE_SIZE, 1, MAX_LIMIT)
    page = integer(params, "page", 1, 1, 10**9)
    # The claim sets count every claim; the claims themselves are listed a page at a time.
    detail = incident_detail(qpq.store, params["id"], ((page - 1) * limit, limit))
    if detail is None:
        raise NotFound(f"no incident {params['id']!r}")
    more = page * limit < detail["claim_count"]
    detail["next"] = next_page(params, str(page + 1) if more else None, "page")
    excerpts: dict[str, Any] = {}
    texts = _texts(qpq, {c["document_id"] for c in detail["claims"] if c["document_id"]})
    for claim in detail["claims"]:
        doc_id = claim["document_id"]
        if not doc_id:
            continue
        text = texts.get(doc_id)
        span = text and locate(
            text, claim["sentence_start"], claim["sentence_end"], claim["evidence"]
        )
        if text and span:
            excerpts[claim["id"]] = excerpt(text, span)
    return Page("incident.html", detail, {"excerpts": excerpts})


def _texts(qpq: Quidproquo, doc_ids: set[str]) -> dict[str, str]:
    """The texts of these documents, in one query per chunk of ids."""
    wanted, texts = sorted(doc_ids), {}
    for start in range(0, len(wanted), CHUNK):
        names, params = in_list("d", wanted[start : start + CHUNK])
        for row in qpq.store.query(f"SELECT id, text FROM documents WHERE id IN ({names})", params):
            texts[row["id"]] = row["text"]
    return texts


def document(qpq: Quidproquo, params: Params) -> Page:
    doc = qpq.document(params["id"])
    if doc is None:
        raise NotFound(f"no document {params['id']!r}")
    facts = qpq.document_facts(doc.id)
    events, quotes = facts["events"], facts["quotes"]
    spans = [Span(e["sentence_start"], e["sentence_end"], "event", e["id"]) for e in events]
    spans += [Span(q["quote_start"], q["quote_end"], "quote", q["id"]) for q in quotes]
    start = integer(params, "start", -1, 0, len(doc.text)) if "start" in params else None
    end = integer(params, "end", -1, 0, len(doc.text)) if "end" in params else None
    if start is not None and end is not None:
        spans.insert(0, Span(start, end, "match", "match"))  # a search hit: #f-match
    incidents = list_incidents(qpq.store, document_id=doc.id, include_rejected=True)
    data = asdict(doc) | facts | {"incidents": [i["id"] for i in incidents]}
    return Page("document.html", data, {"segments": segments(doc.text, spans)})


def documents(qpq: Quidproquo, params: Params) -> Page:
    filters = {
        "publisher": params.get("publisher") or None,
        "status": choice(params, "status", DOCUMENT_STATUSES),
        "since": iso_date(params, "since"),
        "until": iso_date(params, "until"),
    }
    limit, page = integer(params, "limit", 200, 1, MAX_LIMIT), _page(params)
    rows = qpq.documents(limit + 1, offset=(page - 1) * limit, **filters)
    publishers = [r["publisher"] for r in qpq.store.query(
        "SELECT DISTINCT publisher FROM documents WHERE publisher IS NOT NULL"
        " AND publisher <> '' ORDER BY publisher")]  # fmt: skip
    return Page("documents.html", {"filters": filters, "documents": rows[:limit],
                                   "next": _next(params, page, len(rows) > limit)},
                {"publishers": publishers})  # fmt: skip


def people(qpq: Quidproquo, params: Params) -> Page:
    filters = {
        "status": choice(params, "status", STATUSES),
        "as_of": iso_date(params, "as_of"),
        "since": iso_date(params, "since"),
        "until": iso_date(params, "until"),
    }
    limit = integer(params, "limit", PAGE_SIZE, 1, MAX_LIMIT)
    try:  # by keyset on the stored registry's order
        shown, last = qpq.people_page(filters["as_of"], filters["status"], filters["since"],
                                      filters["until"], None, params.get("after") or None, limit)
    except ValueError as exc:  # an `after` that keys no person listed
        raise BadRequest(f"after: {exc}") from exc
    return Page(
        "people.html",
        {"filters": filters, "people": [p.to_dict() for p in shown],
         "stock": qpq.held_stock(filters["as_of"]), "next": next_page(params, last)},
        {"statuses": STATUSES},
    )  # fmt: skip


def search(qpq: Quidproquo, params: Params) -> Page:
    text = (params.get("q") or "").strip()
    kind = choice(params, "kind", SEARCH_KINDS)
    limit, page = integer(params, "limit", 50, 1, MAX_LIMIT), _page(params)
    # Ranked hits have no stable key to continue after: a page is read up to its end.
    hits = qpq.search(text, (kind,) if kind else None, page * limit + 1) if text else []
    shown = hits[(page - 1) * limit : page * limit]
    return Page("search.html", {"q": text, "kind": kind, "hits": [h.to_dict() for h in shown],
                                "next": _next(params, page, len(hits) > page * limit)},
                {"kinds": SEARCH_KINDS})  # fmt: skip


def _page(params: Params) -> int:
    return integer(params, "page", 1, 1, 10**6)


def _next(params: Params, page: int, more: bool) -> str | None:
    return next_page(params, str(page + 1) if more else None, "page")


def entity(qpq: Quidproquo, params: Params) -> Page:
    limit = integer(params, "limit", PAGE_SIZE, 1, MAX_LIMIT)
    page = integer(params, "page", 1, 1, 10**9)
    card = entity_card(qpq.store, params["id"], limit, (page - 1) * limit)
    if card is None:
        raise NotFound(f"no entity {params['id']!r}")
    more = page * limit < card["mention_count"]
    return Page("entity.html", card | {"next": next_page(params, str(page + 1) if more else None,
                                                          "page")})  # fmt: skip


def review_queue(qpq: Quidproquo, params: Params) -> Page:
    object_type = choice(params, "object_type", tuple(review.TABLES))
    limit = integer(params, "limit", 50, 1, MAX_LIMIT)
    try:
        items = review.queue(qpq.store, limit, object_type, params.get("after") or None)
    except review.ReviewError as exc:
        raise BadRequest(str(exc)) from exc
    rows = {kind: qpq.facts(kind, [i["id"] for i in items if i["object_type"] == kind])
            for kind in {i["object_type"] for i in items}}  # fmt: skip
    for item in items:
        item["row"] = rows[item["object_type"]].get(item["id"])
    last = review.queue_cursor(items[-1]) if len(items) == limit else None
    return Page(
        "review.html",
        {"object_type": object_type, "items": items, "next": next_page(params, last)},
        {"editable": review.EDITABLE, "types": tuple(review.TABLES), "done": params.get("done")},
    )


def review_log(qpq: Quidproquo, params: Params) -> Page:
    limit = integer(params, "limit", 100, 1, MAX_LIMIT)
    before = integer(params, "before", 0, 1, 2**62) if params.get("before") else None
    entries = review.audit_log(qpq.store, params.get("object_id") or None, limit, before)
    check = review.check_audit_log(qpq.store)
    head = f"{check.head[0]}:{check.head[1]}" if check.head else None
    last = str(entries[-1]["seq"]) if len(entries) == limit else None
    return Page(
        "review_log.html",
        {"entries": entries, "chain_problems": check.problems, "head": head,
         "unsigned": check.unsigned, "next": next_page(params, last, "before")},
    )  # fmt: skip


def review_action(qpq: Quidproquo, form: Params) -> dict[str, Any]:
    """Apply one accept / reject / correct; ReviewError becomes 400, unknown ids 404."""
    object_type, object_id = form.get("object_type", ""), form.get("object_id", "")
    action, reviewer = form.get("action", ""), form.get("reviewer", "")
    note = form.get("note") or None
    try:
        if action in ("accept", "reject"):
            act = review.accept if action == "accept" else review.reject
            after = act(qpq.store, object_type, object_id, reviewer, note)
        elif action == "correct":
            name = form.get("field") or ""
            if not name:
                raise BadRequest("correct: choose the field to change")
            value = form.get("value") or None
            after = review.correct(qpq.store, object_type, object_id, {name: value}, reviewer, note)
        else:
            raise BadRequest(f"action must be accept, reject or correct; got {action!r}")
    except review.NotFound as exc:
        raise NotFound(str(exc)) from exc
    except review.ReviewError as exc:
        raise BadRequest(str(exc)) from exc
    return {"object_type": object_type, "object_id": object_id, "action": action, "after": after}
