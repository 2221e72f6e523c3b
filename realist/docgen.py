"""Docs that cannot drift: the file-format pages come from the JSON Schemas, the command
reference from `--help`. `python -m realist.docgen` rewrites them; a test fails when they differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

FORMAT_TITLES = {"realist": "realist.yaml (the manifest)", "theory": "Theory files", "evidence": "Evidence files",
                 "toc": "The theory of change", "transcript": "Transcript metadata (tool-managed)",
                 "participants": "Participants (tool-managed)", "codings": "Codings (tool-managed)",
                 "codebook": "The codebook of free codes"}


def _type(spec: dict[str, Any]) -> str:
    if "enum" in spec:
        return "one of " + ", ".join(f"`{v}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    if "oneOf" in spec:
        return " or ".join(_type(s) for s in spec["oneOf"])
    t = spec.get("type", "any")
    if t == "array":
        return f"list of {_type(spec.get('items', {}))}"
    return t if isinstance(t, str) else " or ".join(t)


def _rows(spec: dict[str, Any], required: set[str], prefix: str = "") -> list[str]:
    rows = []
    for key, sub in spec.get("properties", {}).items():
        name = f"{prefix}{key}"
        req = "yes" if key in required else ""
        desc = sub.get("description", "").replace("|", "\\|")
        rows.append(f"| `{name}` | {_type(sub)} | {req} | {desc} |")
        inner = sub.get("items", sub) if sub.get("type") == "array" else sub
        if isinstance(inner, dict) and inner.get("properties"):
            rows.extend(_rows(inner, set(inner.get("required", [])), f"{name}{'[]' if sub.get('type') == 'array' else ''}."))
    return rows


def format_page(name: str) -> str:
    """Markdown reference of one file format, from its JSON Schema."""
    from realist.store.schema import schema_text

    schema = json.loads(schema_text(name))
    lines = [f"# {FORMAT_TITLES.get(name, name)}", "", schema.get("description", schema.get("title", "")), "",
             f"Generated from `realist/schemas/{name}.json` (print it with `realist schema {name}`).", "",
             "| key | type | required | meaning |", "|---|---|---|---|"]
    lines += _rows(schema, set(schema.get("required", [])))
    return "\n".join(lines) + "\n"


def command_pages() -> dict[str, str]:
    """One Markdown page per top-level command, from its `--help`."""
    import click

    from realist.cli.main import cli

    pages: dict[str, str] = {}

    def helptext(cmd: click.Command, path: list[str], parent: click.Context | None) -> str:
        ctx = click.Context(cmd, info_name=" ".join(path), parent=parent, terminal_width=100, max_content_width=100)
        return cmd.get_help(ctx)

    # the same help options as a real run (`realist` sets them on its root context)
    root = click.Context(cli, info_name="realist", **cli.context_settings)
    for name in cli.list_commands(root):
        cmd = cli.get_command(root, name)
        assert cmd is not None
        parts = [f"# realist {name}", "", "```", helptext(cmd, [name], root), "```"]
        if isinstance(cmd, click.Group):
            sub_ctx = click.Context(cmd, info_name=name, parent=root)
            for sub in cmd.list_commands(sub_ctx):
                subcmd = cmd.get_command(sub_ctx, sub)
                assert subcmd is not None
                parts += ["", f"## realist {name} {sub}", "", "```", helptext(subcmd, [sub], sub_ctx), "```"]
        pages[name] = "\n".join(parts) + "\n"
    return pages


def expected_files(root: Path) -> dict[Path, str]:
    from realist.store.schema import SCHEMAS

    files = {root / "docs" / "formats" / f"{name}.md": format_page(name) for name in SCHEMAS}
    files.update({root / "docs" / "commands" / f"{name}.md": text for name, text in command_pages().items()})
    return files


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0] if argv else ".")
    for path, text in expected_files(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
