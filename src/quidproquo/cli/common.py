"""What every `qpq` subcommand shares: the --db option, JSON output, tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

from quidproquo.dburl import DB_ENV, DEFAULT_DB, database_url

if TYPE_CHECKING:
    from quidproquo.app import Quidproquo


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """`--db` may stand before or after the subcommand; the last one given wins."""
    root = ctx.find_root()
    root.ensure_object(dict)
    if value is not None or "db" not in root.obj:
        root.obj["db"] = value


# No envvar here: $QPQ_DB is read only when no --db is given anywhere (store.database_url),
# so an explicit --db before the subcommand is not overridden by the environment.
db_option = click.option(
    "--db",
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


def project(ctx: click.Context, create: bool = False) -> Quidproquo:
    """The library object for the database chosen on the command line.

    Only commands that store something (`create`) may make a new database; the others stop
    with a message when an SQLite file does not exist, rather than reading an empty one.
    """
    from quidproquo.app import Quidproquo

    root = ctx.find_root()
    target = root.obj.get("db") if root.obj else None
    url = database_url(target)
    if not create and url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url[len("sqlite:///") :])
        if not path.exists():
            fail(
                f"no database at {path} (give --db or ${DB_ENV}; `qpq ingest` or"
                " `qpq resolve` creates one)"
            )
    return Quidproquo(target)


def fail(message: str) -> NoReturn:
    """Print `error: message` on stderr and exit 1."""
    click.echo(f"error: {message}", err=True)
    raise SystemExit(1)


def database_error(exc: BaseException) -> str | None:
    """A one-line description of a database connection or URL error, else None."""
    module = type(exc).__module__
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("psycopg"):
        return "PostgreSQL needs the postgres extra: pip install 'quidproquo[postgres]'"
    if not module.startswith(("sqlalchemy", "psycopg")):
        return None
    cause = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return f"database: {lines[0] if lines else type(exc).__name__}"


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


class DateParam(click.ParamType):
    """A calendar date: 2025-06-01 or 2025-6-1, passed on as ISO YYYY-MM-DD."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from quidproquo.validate import parse_day

        try:
            return parse_day(str(value)).isoformat()
        except ValueError as exc:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD): {exc}", param, ctx)


DATE = DateParam()


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback: the option's value as an ISO date, or a usage error naming it."""
    return None if value is None else DATE.convert(value, param, ctx)


def progress_bar(items: list[Any], label: str) -> Iterable[Any]:
    """A progress bar on stderr when it is a terminal (none in pipes and tests)."""
    from tqdm import tqdm

    return tqdm(items, desc=label, file=sys.stderr, disable=None, leave=False)


class StepBar:
    """A progress bar of named steps on stderr (none in pipes and tests), for work with no
    natural unit: `step(name)` as each step starts; after `close()` the next step opens a
    new bar (a watch shows one per poll)."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total = label, total
        self.bar: Any = None

    def step(self, name: str) -> None:
        from tqdm import tqdm

        if self.bar is None:
            shape = "{desc}: {n}/{total} {postfix} [{elapsed}]"
            self.bar = tqdm(total=self.total, desc=self.label, file=sys.stderr, disable=None,
                            leave=False, bar_format=shape)  # fmt: skip
        else:
            self.bar.update(1)
        self.bar.set_postfix_str(name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@contextmanager
def steps_bar(label: str, total: int) -> Iterator[Callable[[str], None]]:
    """A `StepBar` for one piece of work: yields its `step`, closes it at the end."""
    bar = StepBar(label, total)
    try:
        yield bar.step
    finally:
        bar.close()


class CountingOut:
    """A text stream that moves a progress bar on stderr by the lines written through it."""

    def __init__(self, out: TextIO, label: str, unit: str = "row") -> None:
        from tqdm import tqdm

        self.out = out
        self.bar = tqdm(desc=label, unit=unit, file=sys.stderr, disable=None, leave=False)

    def write(self, text: str) -> int:
        self.bar.update(text.count("\n"))
        return self.out.write(text)

    def close(self) -> None:
        self.bar.close()
