"""The `qpq` command: a thin shell over the library object (quidproquo.app.Quidproquo)."""

from __future__ import annotations

import importlib

import click

from quidproquo.cli.common import db_option

# Each module defines one or more click commands and registers them on `main`.
COMMAND_MODULES = [
    "quidproquo.cli.ingest",
    "quidproquo.cli.demo",
    "quidproquo.cli.lists",
    "quidproquo.cli.evaluate",
    "quidproquo.cli.resolve",
    "quidproquo.cli.ledger",
    "quidproquo.cli.extract",
    "quidproquo.cli.web",
    "quidproquo.cli.export",
    "quidproquo.cli.watch",
    "quidproquo.cli.search",
    "quidproquo.cli.people",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.version_option(package_name="quidproquo")
@click.pass_context
def main(ctx: click.Context) -> None:
    """quidproquo: a sourced ledger of prisoners-for-concessions trades."""
    ctx.ensure_object(dict)


for _name in COMMAND_MODULES:
    importlib.import_module(_name)
