"""`realist undo`: take back the last change."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, project_option


@click.command()
@click.option("--list", "show", is_flag=True, help="List the recent changes (newest first) instead.")
@click.option("--dry-run", is_flag=True, help="Say what would be taken back; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format (with --list).")
@project_option
def undo(show: bool, dry_run: bool, fmt: str, project_path: Path | None) -> None:
    """Take back the last change: a coding, uncode, recode, theory edit, memo, codebook change...

    Every command that changes the project keeps what it replaced in
    .realist-trash/undo/ (on this laptop, git-ignored). Undo restores the files of the
    newest change, but only when none of them changed since; run it again to go
    further back. Pseudonymising is not kept (it would keep the real names).

    \b
    Example:
      realist undo --list
      realist undo --dry-run
      realist undo
    """
    from realist.store.project import find_root
    from realist.store.undo import list_changes
    from realist.store.undo import undo as take_back

    root = find_root(project_path)
    if show:
        changes = list_changes(root, undone=True)[:30]
        if fmt == "json":
            emit_json([{"when": c.when, "command": c.command, "files": c.paths, "undone": c.undone}
                       for c in changes])
            return
        for c in changes:
            files = ", ".join(c.paths[:3]) + (f" and {len(c.paths) - 3} more" if len(c.paths) > 3 else "")
            sys.stdout.write(f"{c.when}  {'(undone) ' if c.undone else ''}{c.command}  [{files}]\n")
        if not changes:
            sys.stderr.write("no changes recorded yet\n")
        return
    change = take_back(root, dry_run=dry_run)
    verb = "would take back" if dry_run else "took back"
    done = [f"{'removed' if f.get('before') is None and 'before_base64' not in f else 'restored'} {f['path']}"
            for f in change.files]
    sys.stderr.write(f"{verb} `{change.command}` ({change.when}): {', '.join(done)}\n")
