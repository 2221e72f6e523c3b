"""The CLI contract: help with an example on every command, no heavy imports at start-up."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from realist.cli.main import COMMANDS, cli

HEAVY = ("pandas", "networkx", "graphviz", "textual", "docx", "openpyxl", "scipy", "jsonschema", "ruamel")


def test_help_imports_nothing_heavy():
    code = ("import sys; from realist.cli.main import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    found = []

    def walk(group: click.Group, prefix: str, ctx: click.Context) -> None:
        for name in group.list_commands(ctx):
            cmd = group.get_command(ctx, name)
            assert cmd is not None
            path = f"{prefix} {name}".strip()
            if isinstance(cmd, click.Group):
                walk(cmd, path, click.Context(cmd, parent=ctx))
            else:
                found.append((path, cmd))

    walk(cli, "", ctx)
    return found


@pytest.mark.parametrize("path,cmd", _commands(), ids=[p for p, _ in _commands()])
def test_every_command_has_help_with_an_example(path, cmd):
    assert cmd.help, f"`realist {path}` has no help"
    assert "Example:" in cmd.help, f"`realist {path}` help has no example"


def test_every_registered_command_is_there():
    """No entry of the registry points at a module or attribute that does not exist (it would vanish from --help)."""
    import importlib

    assert cli.list_commands(click.Context(cli)) == sorted(COMMANDS)
    for name, (module, attr, _) in COMMANDS.items():
        assert isinstance(getattr(importlib.import_module(module), attr), click.Command), name


def test_unknown_command_suggests(run):
    r = run(["theoris"])
    assert r.code == 2
    assert r.err == "error: no command 'theoris' (did you mean 'theories'?); see `realist --help`\n"
