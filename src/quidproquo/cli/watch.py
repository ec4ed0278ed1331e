"""`qpq watch`: follow RSS/Atom feeds and say what each poll changed."""

from __future__ import annotations

import json
from pathlib import Path

import click

from quidproquo.cli import main
from quidproquo.cli.common import StepBar, db_option, project


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--once", is_flag=True, help="Poll each feed once and stop (for cron).")
@click.option(
    "--interval", type=click.FloatRange(min=1), default=900, show_default=True,
    help="Seconds between two polls.",
)  # fmt: skip
@click.option(
    "--jsonl", type=click.Path(path_type=Path), help="Also append each change to this file."
)
@click.option("--webhook", metavar="URL", help="Also POST each poll's changes (JSON) here.")
@click.option("--timeout", type=float, default=20, show_default=True, help="Seconds per request.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True)
@click.option(
    "--host-delay", type=click.FloatRange(min=0), default=2, show_default=True,
    help="Seconds between two requests to the same host.",
)  # fmt: skip
@click.option("--window", type=click.IntRange(min=0), default=14, show_default=True,
              help="Days within which a relief step counts as near a release.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print each poll's report as JSON.")
@db_option
@click.pass_context
def watch(
    ctx: click.Context,
    feeds: tuple[str, ...],
    once: bool,
    interval: float,
    jsonl: Path | None,
    webhook: str | None,
    timeout: float,
    retries: int,
    host_delay: float,
    window: int,
    as_json: bool,
) -> None:
    """Poll FEEDS (http(s) URLs or files), store new items (the linked article page where
    it can be fetched, else the item's summary), extract and resolve them, and print what
    changed: new incidents, incidents whose sources now disagree, new sources, relief steps
    near a release. A feed that fails is named and the others go on; without --once the
    command keeps polling. Exit code (with --once): 1 when a feed failed."""
    from quidproquo.ingest.fetch import Fetcher, FetchPolicy
    from quidproquo.watch import PollReport, Watcher

    policy = FetchPolicy(timeout=timeout, retries=retries, host_delay=host_delay)
    fetcher = Fetcher(policy)
    bar = StepBar("watch", Watcher.POLL_STEPS)  # one poll's steps, on stderr on a terminal
    watcher = Watcher(project(ctx, create=True), fetcher, jsonl, webhook, window, bar.step)
    failed = False

    def echo(report: PollReport) -> None:
        nonlocal failed
        bar.close()
        failed = failed or bool(report.errors)
        if as_json:
            click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
            return
        for error in report.errors:
            click.echo(f"failed   {error}", err=True)
        for change in report.changes:
            click.echo(f"{change.kind:<20} {change.incident_id}  {change.summary}")
        click.echo(
            f"{report.at}  {report.feeds} feed(s), {report.not_modified} unchanged, "
            f"{report.new_items} new item(s) ({report.from_pages} from their pages), "
            f"{len(report.documents)} new document(s), {len(report.changes)} change(s)"
        )

    try:
        watcher.run(list(feeds), interval, once, echo)
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        bar.close()
        fetcher.close()
    ctx.exit(1 if once and failed else 0)
