"""What every `qpq` subcommand shares: the --db option, JSON output, tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import click

from quidproquo.app import Quidproquo
from quidproquo.store import DB_ENV, DEFAULT_DB


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """`--db` may stand before or after the subcommand; the last one given wins."""
    root = ctx.find_root()
    root.ensure_object(dict)
    if value is not None or "db" not in root.obj:
        root.obj["db"] = value


db_option = click.option(
    "--db",
    envvar=DB_ENV,
    default=None,
    metavar="URL",
    expose_value=False,
    is_eager=True,
    callback=_remember_db,
    help=f"SQLite file path or postgresql://... (default ./{DEFAULT_DB}, or ${DB_ENV}).",
)
limit_option = click.option(
    "--limit", type=click.IntRange(min=1), help="Show at most this many (the first ones)."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A click callback: the option's value as an ISO date, or a usage error naming it."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def project(ctx: click.Context) -> Quidproquo:
    """The library object for the database chosen on the command line."""
    root = ctx.find_root()
    return Quidproquo(root.obj.get("db") if root.obj else None)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def echo_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int = 60) -> None:
    """A plain fixed-width table; long cells are cut with an ellipsis."""

    def cell(value: Any) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    header = "  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))
    click.echo(header.rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
