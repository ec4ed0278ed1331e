"""`qpq serve`: the web UI and JSON API."""

from __future__ import annotations

import click

from quidproquo.cli import main
from quidproquo.cli.common import db_option, project


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@db_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the timeline, ledger, incidents, documents and review queue over HTTP.

    Every page is also JSON: add `.json` to its path (`/.json` for the timeline).
    """
    import uvicorn

    from quidproquo.web import create_app

    click.echo(f"quidproquo on http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(project=project(ctx)), host=host, port=port, log_level="warning")
