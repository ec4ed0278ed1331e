"""`qpq resolve`, `qpq events`, `qpq incident`, `qpq entity` and `qpq review ...`."""

from __future__ import annotations

import os
from typing import Any

import click

from quidproquo.auth.keys import AuditKeyError
from quidproquo.cli import main
from quidproquo.cli.common import (
    DATE,
    db_option,
    echo_json,
    echo_table,
    json_option,
    limit_option,
    progress_bar,
    project,
)
from quidproquo.model import EVENT_TYPES
from quidproquo.resolve import review as reviewing
from quidproquo.resolve.curated import CuratedDataError, load_curated
from quidproquo.resolve.entities import entity_card
from quidproquo.resolve.incidents import resolve as resolve_incidents
from quidproquo.resolve.views import (
    format_claim_set,
    format_incident_line,
    incident_detail,
    list_incidents,
    raw_events,
    shown_row,
)
from quidproquo.store import Store, from_json

REVIEWER_ENV = ("QPQ_REVIEWER", "USER")


def _store(ctx: click.Context) -> Store:
    return project(ctx).store


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(1)


@main.command()
@click.option(
    "--curated", "curated_path", type=click.Path(), help="Curated YAML (default: bundled)."
)
@json_option
@db_option
@click.pass_context
def resolve(ctx: click.Context, curated_path: str | None, as_json: bool) -> None:
    """Load the curated facts (once) and merge extracted events into incidents."""
    store = project(ctx, create=True).store
    try:
        curated = load_curated(store, curated_path)
    except CuratedDataError as exc:
        _fail(str(exc))
    summary = resolve_incidents(store, progress_bar)
    if as_json:
        echo_json({"curated": curated.__dict__, "resolve": summary.__dict__})
        return
    click.echo(
        f"curated: {curated.incidents} incidents in {curated.path}, {curated.incidents_added} new"
    )
    click.echo(
        f"resolved {summary.events} extracted events: {summary.incidents_created} incidents made,"
        f" {summary.attached} attached to curated/reviewed incidents,"
        f" {summary.contested} contested, {summary.denial_links} denial links,"
        f" {summary.entities_created} new entities"
    )


@main.command()
@click.option("--type", "type_", type=click.Choice(EVENT_TYPES), help="Only this event type.")
@click.option("--since", type=DATE, help="On or after this date (YYYY-MM-DD).")
@click.option("--until", type=DATE, help="On or before this date (YYYY-MM-DD).")
@click.option("--contested", is_flag=True, help="Only incidents whose sources disagree.")
@click.option("--raw", is_flag=True, help="The extracted mentions, not the incidents.")
@limit_option
@json_option
@db_option
@click.pass_context
def events(
    ctx: click.Context,
    type_: str | None,
    since: str | None,
    until: str | None,
    contested: bool,
    raw: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """Incidents with their claim sets (every value with how many sources give it)."""
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}: nothing can match")
    store = _store(ctx)
    if raw:
        rows = raw_events(store, type=type_, since=since, until=until, limit=limit)
        if as_json:
            echo_json(rows)
        else:
            columns = ["id", "date", "type", "count", "actor", "status", "evidence"]
            echo_table([shown_row(r, columns) for r in rows], columns)
        return
    incidents = list_incidents(
        store, type=type_, since=since, until=until, contested=contested, limit=limit
    )
    if as_json:
        echo_json(incidents)
        return
    for incident in incidents:
        click.echo(format_incident_line(incident))


@main.command()
@click.argument("incident_id")
@click.option("--limit", type=click.IntRange(min=1), help="List at most this many claims.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many claims.")
@json_option
@db_option
@click.pass_context
def incident(
    ctx: click.Context, incident_id: str, limit: int | None, offset: int, as_json: bool
) -> None:
    """One incident with every claim, its source and evidence sentence (its claim sets count
    every claim; --limit lists a page of the claims)."""
    page = None if limit is None and not offset else (offset, limit or 2**31)
    detail = incident_detail(_store(ctx), incident_id, page)
    if detail is None:
        _fail(f"no incident {incident_id!r}")
        return
    if as_json:
        echo_json(detail)
        return
    flags = " CONTESTED" if detail["contested"] else ""
    click.echo(f"{detail['id']}  {detail['type']}  {detail['origin']}  {detail['status']}{flags}")
    for prop, value in detail["values"].items():
        if prop != "type" or value["by_reviewer"]:
            click.echo("  " + format_claim_set(prop, value))
    if detail["notes"]:
        click.echo(f"  notes: {detail['notes']}")
    for link in detail["links"]:
        click.echo(f"  {link['kind']} {link['id']}")
    shown = len(detail["claims"])
    click.echo("claims:" if shown == detail["claim_count"] else
               f"claims {offset + 1}-{offset + shown} of {detail['claim_count']}:")  # fmt: skip
    for claim in detail["claims"]:
        who = claim["attributed_to"] or ""
        click.echo(
            f"  [{claim['status']}] {claim['property']} = {claim['value']!r}  {who}"
            f"  {claim['source_url'] or ''}"
        )
        if claim["evidence"]:
            span = f" @{claim['sentence_start']}-{claim['sentence_end']}"
            click.echo(f"      “{claim['evidence']}”{span} doc {claim['document_id']}")


@main.command()
@click.argument("name")
@limit_option
@json_option
@db_option
@click.pass_context
def entity(ctx: click.Context, name: str, limit: int | None, as_json: bool) -> None:
    """An entity (by id or any spelling) with aliases, attributes and mentions."""
    card = entity_card(_store(ctx), name, limit)
    if card is None:
        _fail(f"no entity matches {name!r}")
        return
    if as_json:
        echo_json(card)
        return
    click.echo(f"{card['name']}  ({card['kind']}, {card['id']}, {card['origin']})")
    if card["role"]:
        click.echo(f"  role: {card['role']}")
    click.echo(f"  aliases: {', '.join(card['aliases'])}")
    if card["attributes"]:
        click.echo(f"  attributes: {card['attributes']}")
    echo_table(card["mentions"], ["date", "role", "type", "incident_id", "event_id", "evidence"])


# -- review -------------------------------------------------------------------------------


def _reviewer(value: str | None) -> str:
    for name in (value, *(os.environ.get(v) for v in REVIEWER_ENV)):
        if name:
            return name
    _fail("give --reviewer (or set $QPQ_REVIEWER)")
    return ""


reviewer_option = click.option("--reviewer", help="Who reviews (default $QPQ_REVIEWER or $USER).")
note_option = click.option("--note", help="Why.")
type_option = click.option(
    "--object",
    "object_type",
    type=click.Choice(list(reviewing.TABLES)),
    default="incident",
    show_default=True,
    help="What the id names.",
)


@main.group()
def review() -> None:
    """Accept, reject or correct machine-made facts; the audit log keeps every change."""


def _decide(
    ctx: click.Context, action: str, object_type: str, ident: str, reviewer: str | None, **kw: Any
) -> None:
    store = _store(ctx)
    who = _reviewer(reviewer)
    try:
        if action == "correct":
            row = reviewing.correct(store, object_type, ident, kw["changes"], who, kw["note"])
        else:
            decide = reviewing.accept if action == "accept" else reviewing.reject
            row = decide(store, object_type, ident, who, kw["note"])
    except (reviewing.ReviewError, AuditKeyError) as exc:
        _fail(str(exc))
        return
    if kw["as_json"]:
        echo_json(row)
    else:
        click.echo(f"{object_type} {ident}: {row['status']} by {who}")


@review.command("queue")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--object", "object_type", type=click.Choice(list(reviewing.TABLES)))
@json_option
@db_option
@click.pass_context
def review_queue(ctx: click.Context, limit: int, object_type: str | None, as_json: bool) -> None:
    """Candidates awaiting review (machine-made incidents first, contested first)."""
    rows = reviewing.queue(_store(ctx), limit, object_type)
    if as_json:
        echo_json(rows)
    else:
        echo_table(rows, ["object_type", "id", "label", "date", "contested"])


@review.command("accept")
@click.argument("ident")
@type_option
@reviewer_option
@note_option
@json_option
@db_option
@click.pass_context
def review_accept(
    ctx: click.Context,
    ident: str,
    object_type: str,
    reviewer: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """Accept an incident (or --object event/quote/claim)."""
    _decide(ctx, "accept", object_type, ident, reviewer, note=note, as_json=as_json)


@review.command("reject")
@click.argument("ident")
@type_option
@reviewer_option
@note_option
@json_option
@db_option
@click.pass_context
def review_reject(
    ctx: click.Context,
    ident: str,
    object_type: str,
    reviewer: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """Reject an incident (or --object event/quote/claim)."""
    _decide(ctx, "reject", object_type, ident, reviewer, note=note, as_json=as_json)


def _parse_changes(pairs: tuple[str, ...]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            _fail(f"--set expects FIELD=VALUE, got {pair!r}")
        text = value.strip()
        if not text:
            _fail(f"--set {field.strip()}: no value (write {field.strip()}=null to clear it)")
        try:  # JSON values (lists, numbers, null) are allowed; anything else is text
            changes[field.strip()] = (
                from_json(text) if text[:1] in '[{"' or text == "null" else text
            )
        except ValueError:
            _fail(f"--set {field}: not valid JSON: {text!r}")
    return changes


@review.command("correct")
@click.argument("ident")
@click.option("--set", "pairs", multiple=True, required=True, metavar="FIELD=VALUE")
@type_option
@reviewer_option
@note_option
@json_option
@db_option
@click.pass_context
def review_correct(
    ctx: click.Context,
    ident: str,
    pairs: tuple[str, ...],
    object_type: str,
    reviewer: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """Correct fields: --set count=122 --set date=2025-12-13."""
    changes = _parse_changes(pairs)
    _decide(
        ctx, "correct", object_type, ident, reviewer, changes=changes, note=note, as_json=as_json
    )


@review.command("log")
@click.option("--id", "object_id", help="Only entries about this object.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--before", type=click.IntRange(min=1), help="Entries before this seq (a page).")
@json_option
@db_option
@click.pass_context
def review_log(
    ctx: click.Context, object_id: str | None, limit: int, before: int | None, as_json: bool
) -> None:
    """The audit log, latest first."""
    rows = reviewing.audit_log(_store(ctx), object_id, limit, before)
    if as_json:
        echo_json(rows)
    else:
        echo_table(rows, ["seq", "at", "reviewer", "action", "object_type", "object_id", "note"])


@review.command("verify")
@click.option("--head", "kept", metavar="SEQ:HASH", help="A head printed earlier (must remain).")
@json_option
@db_option
@click.pass_context
def review_verify(ctx: click.Context, kept: str | None, as_json: bool) -> None:
    """Check the audit log's chain and signatures and print its head; exit 1 if tampered with.

    Keep the printed head (SEQ:HASH) outside the database; giving it back with --head also
    finds rows cut off the end.
    """
    try:
        head = reviewing.parse_head(kept) if kept else None
        check = reviewing.check_audit_log(_store(ctx), head)
    except (reviewing.ReviewError, AuditKeyError) as exc:
        _fail(str(exc))
        return
    shown = f"{check.head[0]}:{check.head[1]}" if check.head else None
    if as_json:
        echo_json({"ok": not check.problems, "problems": check.problems, "head": shown,
                   "unsigned": check.unsigned})  # fmt: skip
    else:
        for problem in check.problems:
            click.echo(problem)
        if check.unsigned:
            cover = "covered by the signed row after them" if check.covered else (
                "not yet covered: the next decision signs over them"
            )
            click.echo(f"seq 1-{check.unsigned}: written before signing, unsigned ({cover})")
        if not check.problems:
            click.echo("audit log intact")
        click.echo(f"head {shown}" if shown else "the audit log is empty")
    if check.problems:
        raise SystemExit(1)
