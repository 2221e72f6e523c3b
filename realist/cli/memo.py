"""`realist memo add | list | show`: analytic memos, one plain-text file each under memos/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, format_option, open_project, project_option


@click.group()
def memo() -> None:
    """Analytic memos on theories, elements, excerpts and free codes.

    Each memo is a Markdown file under memos/, dated and authored, so the
    audit trail of your thinking lives beside the theories in git.

    \b
    Example:
      realist memo add --on trusting-relationships:M1 --text "Trust is earned slowly"
      realist memo list --on trusting-relationships
    """


@memo.command()
@click.option("--on", "on", required=True, metavar="TARGET",
              help="What the memo is on: THEORY, THEORY:ELEMENT, an excerpt id, or free:NAME.")
@click.option("--text", default=None, help="The memo text (or use --file, or pipe it in).")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Read the memo text from this file.")
@click.option("--author", default=None, help="Who wrote it (default: $REALIST_CODER, else your login name).")
@project_option
def add(on: str, text: str | None, file: Path | None, author: str | None, project_path: Path | None) -> None:
    """Write a memo, dated now and signed by its author.

    \b
    Example:
      realist memo add --on trusting-relationships --text "Holds in both regions" --author alice
      realist memo add --on trusting-relationships:M1 --file thoughts.md
      realist memo add --on 7kq2xv4d --text "A counter-example: trust broke down after a recall"
    """
    from realist.errors import UsageError
    from realist.store.memos import add_memo

    if text is not None and file is not None:
        raise UsageError("give the memo text with --text or --file, not both")
    if file is not None:
        text = file.read_text(encoding="utf-8")
    elif text is None:
        if sys.stdin.isatty():
            raise UsageError('give the memo text: --text "..." or --file FILE')
        text = sys.stdin.read()
    project = open_project(project_path)
    written = add_memo(project, on, text, author=author)
    rel = written.path.relative_to(project.root) if written.path else ""
    sys.stderr.write(f"memo {written.id} on {written.on} saved ({rel})\n")


@memo.command("list")
@click.option("--on", "on", default=None, metavar="TARGET",
              help="Only memos on this theory (with its elements), element, excerpt or free code.")
@click.option("--author", default=None, help="Only this author's memos.")
@project_option
@format_option("table", "tsv", "json", "md")
def list_(on: str | None, author: str | None, project_path: Path | None, fmt: str | None) -> None:
    """List memos, oldest first: id, date, author, what it is on and its first line.

    \b
    Example:
      realist memo list
      realist memo list --on trusting-relationships --format md
    """
    from realist import ui
    from realist.store.memos import memo_rows, project_memos, resolve_target

    project = open_project(project_path)
    found = project_memos(project)
    for problem in found.problems:
        ui.warn(f"{problem.path}:{problem.line}: {problem.message} (memo skipped)")
    memos = found.on(resolve_target(project, on), elements=True) if on else list(found.memos)
    if author:
        memos = [m for m in memos if (m.author or "").lower() == author.lower()]
    rows = memo_rows(project, memos)
    fmt = fmt or ("table" if ui.is_terminal() else "tsv")
    if fmt == "json":
        emit_json(rows)
        return
    if fmt == "md":
        for row in rows:
            ui.echo(f"### {row['date'][:10]} · {row['author'] or 'unknown'} · on {row['on']} ({row['id']})\n")
            ui.echo(row["text"] + "\n")
        return
    keys = ("id", "date", "author", "on", "first_line")
    if fmt == "tsv":
        ui.echo("\t".join(keys[:-1] + ("memo",)))
        for row in rows:
            ui.echo("\t".join(str(row[k] or "") for k in keys))
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} memo{'s' if len(rows) != 1 else ''}", title_justify="left")
    for col in ("id", "date", "author", "on", "memo"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(row["id"], row["date"][:10], row["author"] or "—", row["on"], row["first_line"])
    ui.out().print(table)


@memo.command()
@click.argument("memo_id", metavar="ID")
@project_option
@format_option("text", "json")
def show(memo_id: str, project_path: Path | None, fmt: str | None) -> None:
    """Show one memo in full (an id, or the start of one).

    \b
    Example:
      realist memo show m3f9a2c
    """
    from realist import ui
    from realist.store.memos import memo_rows, project_memos

    project = open_project(project_path)
    row = memo_rows(project, [project_memos(project).get(memo_id)])[0]
    if fmt == "json":
        emit_json(row)
        return
    ui.echo(f"memo {row['id']} on {row['on']}")
    ui.echo(f"by {row['author'] or 'unknown'}, {row['date']}  ({row['path']})")
    if row.get("about"):
        ui.echo(row["about"])
    ui.echo("")
    ui.echo(row["text"])
