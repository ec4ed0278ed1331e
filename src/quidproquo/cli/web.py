"""`qpq serve`: the web UI and JSON API."""

from __future__ import annotations

import click

from quidproquo.cli import main
from quidproquo.cli.common import db_option, project


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="A Host name clients use, besides the bound address and localhost (repeatable).",
)
@click.option("--private", is_flag=True, help="Reading needs an account too, not only writing.")
@db_option
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, allowed_hosts: tuple[str, ...], private: bool
) -> None:
    """Serve the timeline, ledger, incidents, documents and review queue over HTTP.

    Every page is also JSON: add `.json` to its path (`/.json` for the timeline). Writing
    needs an account (`qpq users add`); behind an HTTPS proxy, cookies are marked Secure.
    """
    import uvicorn

    from quidproquo.auth.keys import AuditKeyError
    from quidproquo.web import create_app
    from quidproquo.web.security import WebSettings

    settings = WebSettings.for_bind(host, allowed_hosts, private)
    try:
        app = create_app(project=project(ctx), settings=settings)
    except AuditKeyError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"quidproquo on http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    names = ", ".join(settings.allowed_hosts)
    click.echo(f"answering to Host {names} (more with --allowed-host NAME)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
