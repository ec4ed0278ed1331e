"""The top-level commands and their help, read from the command modules' source without
importing them (importing would load spaCy and SQLAlchemy just to print `qpq --help`)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec


@dataclass(frozen=True)
class CommandInfo:
    module: str
    help: str


@cache
def command_table(modules: tuple[str, ...]) -> dict[str, CommandInfo]:
    """{command name: (module, docstring)} for every `@main.command(...)`/`@main.group(...)`."""
    table: dict[str, CommandInfo] = {}
    for module in modules:
        spec = find_spec(module)
        if spec is None or spec.origin is None:
            continue
        with open(spec.origin, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                name = _command_name(node)
                if name:
                    table[name] = CommandInfo(module, ast.get_docstring(node) or "")
    return table


def _command_name(func: ast.FunctionDef) -> str | None:
    for deco in func.decorator_list:
        call = deco if isinstance(deco, ast.Call) else None
        target = call.func if call else deco
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "main"
            and target.attr in ("command", "group")
        ):
            if call and call.args and isinstance(call.args[0], ast.Constant):
                return str(call.args[0].value)
            for keyword in call.keywords if call else []:
                if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
            name = func.name.lower().replace("_", "-")
            for suffix in ("-command", "-cmd", "-group", "-grp"):  # click's own rule
                name = name.removesuffix(suffix)
            return name
    return None
