"""`qpq users ...` and `qpq tokens ...`: the accounts that may sign in and write."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from quidproquo.auth import accounts
from quidproquo.cli import main
from quidproquo.cli.common import (
    db_option,
    echo_json,
    echo_table,
    json_option,
    limit_option,
    project,
)
from quidproquo.store import Store

T = TypeVar("T")


def _store(ctx: click.Context, create: bool = False) -> Store:
    return project(ctx, create).store


def _checked(action: Callable[..., T], *args: Any) -> T:
    """Run an accounts function; its AccountError becomes a clean CLI error (exit 1)."""
    try:
        return action(*args)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc


def _show(rows: list[dict[str, Any]], columns: list[str], as_json: bool) -> None:
    if as_json:
        echo_json(rows)
    else:
        echo_table(rows, columns)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True))


@main.group()
def users() -> None:
    """Accounts for the web app: reviewers and admins (passwords kept as argon2 hashes)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(accounts.ROLES), default="reviewer", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin's first line.")
@db_option
@click.pass_context
def users_add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Add an account; the password is asked for (or read with --password-stdin)."""
    store = _store(ctx, create=True)  # the first account may come before any data
    _checked(accounts.add_user, store, name, role, _password(password_stdin))
    click.echo(f"added {role} {name}")


@users.command("list")
@limit_option
@json_option
@db_option
@click.pass_context
def users_list(ctx: click.Context, limit: int | None, as_json: bool) -> None:
    """Every account with its role and number of API tokens."""
    rows = accounts.list_users(_store(ctx))[:limit]
    _show(rows, ["name", "role", "created_at", "tokens"], as_json)


@users.command("remove")
@click.argument("name")
@db_option
@click.pass_context
def users_remove(ctx: click.Context, name: str) -> None:
    """Remove an account, its tokens and its sessions (the audit log keeps its decisions)."""
    _checked(accounts.remove_user, _store(ctx), name)
    click.echo(f"removed {name}")


@main.group()
def tokens() -> None:
    """API tokens: `Authorization: Bearer <token>` writes as the token's account."""


@tokens.command("create")
@click.argument("name")
@click.option("--label", help="What the token is for.")
@db_option
@click.pass_context
def tokens_create(ctx: click.Context, name: str, label: str | None) -> None:
    """Make a token for account NAME and print it (it is shown only this once)."""
    token_id, token = _checked(accounts.create_token, _store(ctx), name, label)
    click.echo(f"token {token_id} for {name} (shown once; store it now):", err=True)
    click.echo(token)


@tokens.command("list")
@click.option("--user", "name", help="Only this account's tokens.")
@limit_option
@json_option
@db_option
@click.pass_context
def tokens_list(ctx: click.Context, name: str | None, limit: int | None, as_json: bool) -> None:
    """Token ids, accounts and last use (never the tokens themselves)."""
    columns = ["id", "account", "label", "created_at", "last_used_at"]
    _show(accounts.list_tokens(_store(ctx), name)[:limit], columns, as_json)


@tokens.command("revoke")
@click.argument("token_id")
@db_option
@click.pass_context
def tokens_revoke(ctx: click.Context, token_id: str) -> None:
    """Revoke a token by its id."""
    _checked(accounts.revoke_token, _store(ctx), token_id)
    click.echo(f"revoked {token_id}")
