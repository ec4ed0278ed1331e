"""The `qpq` command: a thin shell over the library object (quidproquo.app.Quidproquo).

Command modules are imported only when one of their commands runs, so `qpq --help` starts
without spaCy or SQLAlchemy: the list of commands and their one-line help are read from the
modules' source (`cli/commands.py`).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from quidproquo.cli.commands import CommandInfo, command_table
from quidproquo.cli.common import database_error, db_option

# Each module defines one or more click commands and registers them on `main`.
COMMAND_MODULES = [
    "quidproquo.cli.ingest",
    "quidproquo.cli.demo",
    "quidproquo.cli.lists",
    "quidproquo.cli.evaluate",
    "quidproquo.cli.resolve",
    "quidproquo.cli.ledger",
    "quidproquo.cli.extract",
    "quidproquo.cli.load",
    "quidproquo.cli.web",
    "quidproquo.cli.export",
    "quidproquo.cli.users",
    "quidproquo.cli.watch",
    "quidproquo.cli.search",
    "quidproquo.cli.people",
]


class LazyGroup(click.Group):
    """Imports the module of a command when it is asked for; one-line errors for databases."""

    def _table(self) -> dict[str, CommandInfo]:
        return command_table(tuple(COMMAND_MODULES))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self._table()) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            info = self._table().get(cmd_name)
            modules = [info.module] if info else COMMAND_MODULES
            for module in modules:
                importlib.import_module(module)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        table = self._table()
        limit = formatter.width - 6 - max(len(name) for name in table)
        rows = [
            (name, click.Command(name, help=info.help).get_short_help_str(limit))
            for name, info in sorted(table.items())
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:  # a bad URL or an unreachable server: one line, not a trace
            message = database_error(exc)
            if message is None:
                raise
            click.echo(f"error: {message}", err=True)
            ctx.exit(1)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.version_option(package_name="quidproquo")
@click.pass_context
def main(ctx: click.Context) -> None:
    """quidproquo: a sourced ledger of prisoners-for-concessions trades."""
    ctx.ensure_object(dict)
